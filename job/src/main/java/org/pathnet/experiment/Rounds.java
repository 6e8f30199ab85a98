package org.pathnet.experiment;

import java.util.List;

/**
 * Advances a study's active runs by one round, wherever that happens: in this process ({@link InProcessRounds}) or
 * on Spark (the spark package). A round is {@code generationsPerRound} = G generations of every run (fewer for a run
 * that finishes). Results never depend on where, nor on G: every random stream is keyed by generation.
 */
public interface Rounds {
  /** Advances each of {@code runs}; returns, per run and in the same order, its state after the round and its logs. */
  Result advance(List<Run> runs);

  /**
   * What a round did: per run its advance, and the bytes that crossed the driver for it in both directions (runs
   * or contests out, outcomes back; 0 in-process).
   */
  record Result(List<RunAdvance> advances, long shippedBytes) {}
}
