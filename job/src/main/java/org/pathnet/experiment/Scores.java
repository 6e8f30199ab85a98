package org.pathnet.experiment;

import java.io.Serializable;

/**
 * What a run played in one round, all that a copy of it without parameters needs to follow it ({@link
 * Run#follow}): per generation both candidates' fitnesses, the first-drawn's first (a fixed path's second is NaN),
 * and the training time; the held-out accuracy of each task it finished; and the round's compute time. A final
 * class, not a record: it crosses Spark's Kryo serializer.
 */
public final class Scores implements Serializable {
  private final int runIndex;
  private final double[] fitnesses;
  private final double[] trainMillis;
  private final double[] accuracies;
  private final long computeNanos;

  /**
   * Scores of {@code trainMillis.length} generations: {@code fitnesses} holds two per generation, the first-drawn
   * candidate's first; {@code accuracies} one per task finished (more are left unread).
   */
  public Scores(int runIndex, double[] fitnesses, double[] trainMillis, double[] accuracies, long computeNanos) {
    this.runIndex = runIndex;
    this.fitnesses = fitnesses;
    this.trainMillis = trainMillis;
    this.accuracies = accuracies;
    this.computeNanos = computeNanos;
  }

  public int runIndex() {
    return runIndex;
  }

  /** Generations played. */
  public int generations() {
    return trainMillis.length;
  }

  double firstFitness(int generation) {
    return fitnesses[2 * generation];
  }

  double secondFitness(int generation) {
    return fitnesses[2 * generation + 1];
  }

  double trainMillis(int generation) {
    return trainMillis[generation];
  }

  /** The held-out accuracy of the {@code k}-th task the run finished in the round. */
  double accuracy(int k) {
    return accuracies[k];
  }

  /** Roughly what the scores take on the wire: their numbers, 8 bytes each, and a few words more. */
  public long bytes() {
    return 8L * (fitnesses.length + trainMillis.length + accuracies.length) + 32;
  }

  /** CPU time of the round's generations where they were played ({@link RunAdvance#computeNanos}). */
  public long computeNanos() {
    return computeNanos;
  }
}
