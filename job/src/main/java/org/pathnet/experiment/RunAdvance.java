package org.pathnet.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * What one round did to one run, as its follower logged it ({@link Run#follow}): the run, the generations it
 * logged, the tasks it finished, and the compute time where it played.
 */
public final class RunAdvance implements Serializable {
  private final Run run;
  private final List<GenerationRecord> generations;
  private final List<TaskOutcome> finishedTasks;
  private final long computeNanos;

  public RunAdvance(Run run, List<GenerationRecord> generations, List<TaskOutcome> finishedTasks, long computeNanos) {
    this.run = run;
    this.generations = generations;
    this.finishedTasks = finishedTasks;
    this.computeNanos = computeNanos;
  }

  public Run run() {
    return run;
  }

  public List<GenerationRecord> generations() {
    return generations;
  }

  public List<TaskOutcome> finishedTasks() {
    return finishedTasks;
  }

  /**
   * CPU time spent computing the run's generations where they were computed ({@link ComputeClock}): playing the
   * contests and, where the run plays whole rounds ({@code generationsPerRound} > 1), settling them and testing a
   * finished task's path too; never the shipping of the run, its (de)serialization or the driver's work.
   * For progress and overhead figures only.
   */
  public long computeNanos() {
    return computeNanos;
  }
}
