package org.pathnet.experiment;

import java.util.List;
import java.util.function.Consumer;

/**
 * Advances a study's active runs by one round, wherever that happens: in this process ({@link InProcessRounds}) or
 * on Spark (the spark package). A round is {@code generationsPerRound} = G generations of every run (fewer for a run
 * that finishes). Results never depend on where, nor on G: every random stream is keyed by generation.
 */
public interface Rounds {
  /**
   * Advances each of {@code runs} by round {@code round} (numbered from 1, as {@link Study.Listener} is told) and
   * hands its {@link RunAdvance} to {@code done} as soon as it is
   * known, in the runs' order: a run that came back as a copy then replaces its original at once, so the driver never
   * holds a round's runs twice. Returns the bytes that crossed the driver in both directions (runs or contests
   * out, outcomes back; 0 in-process).
   */
  long advance(int round, List<Run> runs, Consumer<RunAdvance> done);
}
