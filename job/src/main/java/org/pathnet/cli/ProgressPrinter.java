package org.pathnet.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.pathnet.experiment.Study;

/**
 * Shows a study's progress, at most every few seconds: round, runs still active per arm, tasks solved and
 * censored so far, the round's best winner fitness, and the rate in run-generations per second.
 */
final class ProgressPrinter implements Study.Listener {
  private static final long INTERVAL_NANOS = 5_000_000_000L;

  private final PrintStream out;
  private final int runs;
  private final long started = System.nanoTime();
  private long lastPrinted;
  private long runGenerations;

  ProgressPrinter(PrintStream out, int runs) {
    this.out = out;
    this.runs = runs;
  }

  @Override
  public void roundFinished(Study.Round round) {
    runGenerations += round.runGenerations();
    long now = System.nanoTime();
    if (now - lastPrinted < INTERVAL_NANOS && round.number() > 1) {
      return;
    }
    lastPrinted = now;
    double seconds = (now - started) / 1e9;
    out.printf(Locale.ROOT, "round %4d | active %s of %d runs | tasks solved %d, censored %d | best fitness %.4f"
            + " | %.1f run-gen/s, %.0f ms/run-gen in tasks | %.0f s%n",
        round.number(), round.activeByArm(), runs, round.tasksSolved(), round.tasksCensored(), round.bestFitness(),
        runGenerations / seconds, round.trainNanos() / 1e6 / round.runGenerations(), seconds);
  }
}
