package org.pathnet.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * Several generations per round, each run evolved in this process: what a Spark task does with the runs of its
 * partition when {@code generationsPerTask} > 1, without Spark; for tests of the core.
 */
public final class InProcessRounds implements RoundRunner {
  private final TaskData data;
  private final int generations;

  public InProcessRounds(TaskData data, int generations) {
    this.data = data;
    this.generations = generations;
  }

  @Override
  public List<RunAdvance> advance(List<Run> runs) {
    List<RunAdvance> advances = new ArrayList<>(runs.size());
    for (Run run : runs) {
      advances.add(run.advance(generations, data));
    }
    return advances;
  }
}
