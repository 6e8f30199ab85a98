package org.pathnet.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rounds played in this process, one run after another: for tests of the core and for the benchmark's kernels. The
 * same steps, in the same order, as a Spark task takes with the runs it plays.
 */
public final class InProcessRounds implements Rounds {
  private final ExampleSource data;
  private final int generations;
  private final List<Run> hosted = new ArrayList<>();

  /** Rounds of {@code generations} generations on {@code data}'s examples. */
  public InProcessRounds(ExampleSource data, int generations) {
    this.data = new KeptSamplers(data);
    this.generations = generations;
  }

  @Override
  public void host(List<Run> runs) {
    hosted.clear();
    hosted.addAll(runs);
  }

  @Override
  public long advance(int round, List<Run> runs, Consumer<Scores> done) {
    for (Run follower : runs) {
      Run run = hosted.get(follower.index());
      run.advance(generations, data);
      done.accept(run.takeScores());
    }
    return 0;
  }

  @Override
  public List<Run> hosted() {
    return List.copyOf(hosted);
  }
}
