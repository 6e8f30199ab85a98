package org.pathnet.experiment;

import java.util.List;

/**
 * Advances a study's active runs by one round, wherever that happens. {@link ContestRounds}: one generation per
 * round, the run's contest played by a {@link ContestRunner} and settled here; {@link InProcessRounds} and the
 * spark package's run shipping: several generations per round, each run evolved where it is sent
 * (PATHNET.md, {@code generationsPerTask}). Results never depend on which: every random stream is keyed by
 * generation.
 */
public interface RoundRunner {
  /** Advances each of {@code runs}; returns, per run and in the same order, its state after the round and its logs. */
  List<RunAdvance> advance(List<Run> runs);
}
