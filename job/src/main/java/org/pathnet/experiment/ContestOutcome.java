package org.pathnet.experiment;

import java.io.Serializable;
import org.pathnet.evolution.Tournament;

/**
 * What a Spark task returns for a contest: both fitnesses and the winner's trained parameters (for a
 * fixed-path generation, its one fitness and parameters, with NaN as the second fitness), and how long the
 * training took inside the task.
 */
public final class ContestOutcome implements Serializable {
  private final int runIndex;
  private final Tournament.Result result;
  private final long trainNanos;

  public ContestOutcome(int runIndex, Tournament.Result result, long trainNanos) {
    this.runIndex = runIndex;
    this.result = result;
    this.trainNanos = trainNanos;
  }

  public int runIndex() {
    return runIndex;
  }

  public Tournament.Result result() {
    return result;
  }

  /** Bytes of the trained parameters and optimiser state the outcome carries back. */
  public long parameterBytes() {
    return result.winnerParameters().bytes();
  }

  /** CPU time of the training in the task ({@link ComputeClock}): progress and overhead figures, never results. */
  public long trainNanos() {
    return trainNanos;
  }
}
