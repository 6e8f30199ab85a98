package org.pathnet.experiment;

import java.util.List;
import java.util.function.Consumer;

/**
 * Rounds played in this process, one run after another: for tests of the core and for the benchmark's kernels. The
 * same steps, in the same order, as a Spark task takes with the contests or runs of its batch.
 */
public final class InProcessRounds implements Rounds {
  private final ExampleSource data;
  private final int generations;

  /** Rounds of {@code generations} generations on {@code data}'s examples. */
  public InProcessRounds(ExampleSource data, int generations) {
    this.data = new KeptSamplers(data);
    this.generations = generations;
  }

  @Override
  public long advance(int round, List<Run> runs, Consumer<RunAdvance> done) {
    runs.forEach(run -> done.accept(run.advance(generations, data)));
    return 0;
  }
}
