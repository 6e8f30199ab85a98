package org.pathnet.experiment;

import java.io.Serializable;
import java.util.Arrays;
import org.pathnet.evolution.Tournament;

/** Where a run that plays its own contests keeps its {@link Scores} until they are taken. */
final class ScoreSheet implements Serializable {
  private double[] fitnesses = new double[8];
  private double[] trainMillis = new double[4];
  private double[] accuracies = new double[2];
  private int generations;
  private int tested;
  private long computeNanos;

  void played(Tournament.Result result, double millis) {
    if (generations == trainMillis.length) {
      trainMillis = Arrays.copyOf(trainMillis, 2 * generations);
      fitnesses = Arrays.copyOf(fitnesses, 4 * generations);
    }
    fitnesses[2 * generations] = result.firstFitness();
    fitnesses[2 * generations + 1] = result.secondFitness();
    trainMillis[generations++] = millis;
  }

  /** Records a finished task's held-out accuracy, and returns it. */
  double tested(double accuracy) {
    if (tested == accuracies.length) {
      accuracies = Arrays.copyOf(accuracies, 2 * tested);
    }
    accuracies[tested++] = accuracy;
    return accuracy;
  }

  /** Adds compute time ({@link RunAdvance#computeNanos}). */
  void computed(long nanos) {
    computeNanos += nanos;
  }

  /** The scores recorded since the last call, and a clean sheet. */
  Scores take(int runIndex) {
    Scores scores = new Scores(runIndex, Arrays.copyOf(fitnesses, 2 * generations),
        Arrays.copyOf(trainMillis, generations), Arrays.copyOf(accuracies, tested), computeNanos);
    generations = 0;
    tested = 0;
    computeNanos = 0;
    return scores;
  }
}
