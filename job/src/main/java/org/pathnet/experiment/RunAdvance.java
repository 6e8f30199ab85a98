package org.pathnet.experiment;

import java.io.Serializable;
import java.util.List;

/**
 * What one round did to one run: the run as it stands afterwards (the same object when advanced in this process,
 * a copy when it comes back from a Spark task), the generations it logged, the tasks it finished, and the compute
 * time inside the task. A class, not a record: it crosses Spark's Kryo serializer.
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
   * contests and, where the run travels whole ({@code generationsPerRound} > 1), settling them in the task and
   * testing a finished task's path too; never the shipping of the run, its (de)serialization or the driver's work.
   * For progress and overhead figures only.
   */
  public long computeNanos() {
    return computeNanos;
  }
}
