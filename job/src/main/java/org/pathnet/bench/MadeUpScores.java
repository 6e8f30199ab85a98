package org.pathnet.bench;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.pathnet.experiment.Rounds;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.StudyRuns;

/**
 * Rounds whose runs play nothing: each follower gets {@code generations} generations' scores no task solves on, so
 * that every task runs to its cap and the study's driver does all it ever does with nothing computed.
 */
public final class MadeUpScores implements Rounds {
  private final double[] fitnesses;
  private final double[] trainMillis;
  private long bytes;

  public MadeUpScores(int generations) {
    fitnesses = new double[2 * generations];
    Arrays.fill(fitnesses, 0.5);
    trainMillis = new double[generations];
  }

  /** The scores' bytes handed out so far. */
  long bytes() {
    return bytes;
  }

  @Override
  public void host(StudyRuns runs) {}

  @Override
  public long advance(int round, List<Run> runs, Consumer<Scores> done) {
    long shipped = 0;
    for (Run run : runs) {
      // a run that finishes mid-round plays no further: its scores end there, as a real run's do
      int left = (int) Math.min(trainMillis.length, run.generationsLeftAtMost());
      Scores scores = new Scores(run.index(), Arrays.copyOf(fitnesses, 2 * left),
          Arrays.copyOf(trainMillis, left), new double[] {0.5, 0.5}, 0);
      shipped += scores.bytes();
      done.accept(scores);
    }
    bytes += shipped;
    return shipped;
  }
}
