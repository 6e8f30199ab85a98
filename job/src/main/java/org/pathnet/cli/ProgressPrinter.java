package org.pathnet.cli;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Pointer;
import org.pathnet.InvalidInputException;
import org.pathnet.bench.StudyCost;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Study;

/**
 * Shows a study's progress, at most every few seconds: round, runs still active per arm, tasks solved and
 * censored so far, the round's best winner fitness, the rate in run-generations per second, and the driver's
 * memory (JVM heap in use, what lies outside it, the whole process). It keeps the memory peaks, sampled after
 * every round, for the end-of-study report: a large study's driver holds every run's parameters on its heap
 * (docs/DESIGN.md, "Run state").
 */
public final class ProgressPrinter implements Study.Listener {
  /** Seconds between progress lines: environment variable PATHNET_PROGRESS_SECONDS, 5 unless set (0: every round). */
  public static final String INTERVAL_VARIABLE = "PATHNET_PROGRESS_SECONDS";
  private static final long DEFAULT_INTERVAL_SECONDS = 5;

  private final PrintStream out;
  private final int runs;
  private final int generationsPerRound;
  private final long intervalNanos = intervalSeconds() * 1_000_000_000L;
  private final long started = System.nanoTime();
  private long lastPrinted;
  private long runGenerations;
  private long peakHeap;
  private long peakOffHeap;
  private long peakProcess;

  ProgressPrinter(PrintStream out, int runs, int generationsPerRound) {
    this.out = out;
    this.runs = runs;
    this.generationsPerRound = generationsPerRound;
  }

  @Override
  public void roundFinished(Round round) {
    runGenerations += round.work().runGenerations();
    Runtime runtime = Runtime.getRuntime();
    long heap = runtime.totalMemory() - runtime.freeMemory();
    long process = Pointer.physicalBytes();
    // ND4J M2 does not count its CPU buffers anywhere readable: what lies outside the heap is the process's resident
    // memory less the heap the JVM has committed (ND4J's arrays, plus the JVM's own native memory).
    long offHeap = Math.max(0, process - runtime.totalMemory());
    peakHeap = Math.max(peakHeap, heap);
    peakOffHeap = Math.max(peakOffHeap, offHeap);
    peakProcess = Math.max(peakProcess, process);
    long now = System.nanoTime();
    if (now - lastPrinted < intervalNanos && round.number() > 1) {
      return;
    }
    lastPrinted = now;
    out.println(line(round, (now - started) / 1e9, process));
  }

  /**
   * One progress line, at most about 160 characters however many arms, pairs or runs: the round, active runs and
   * finished tasks of all, the best fitness, the rate, the driver's resident memory, the time so far and a bound of
   * the time left. The driver's heap and off-heap peaks come at the end ({@link #memoryPeaksLine}).
   */
  String line(Round round, double seconds, long processBytes) {
    int active = round.activeByArm().values().stream().mapToInt(Integer::intValue).sum();
    return String.format(Locale.ROOT, "round %4d | active %,d/%,d | tasks %,d/%,d: %,d solved, %,d censored"
            + " | best %.4f | %.0f run-gen/s | RSS %.1f GB | %s, <= %s left",
        round.number(), active, runs, round.progress().tasksDone(), round.progress().tasks(), round.progress().tasksSolved(), round.progress().tasksCensored(),
        round.work().bestFitness(), runGenerations / seconds, processBytes / 1e9, StudyCost.duration(seconds * 1000),
        StudyCost.duration(timeLeftAtMostMillis(round)));
  }

  /**
   * An upper bound of the study's time left: the rounds its longest run may still need, each no longer than this
   * one (rounds only shorten as runs finish; the machine's load aside).
   */
  private double timeLeftAtMostMillis(Round round) {
    long rounds = (round.progress().generationsLeftAtMost() + generationsPerRound - 1) / generationsPerRound;
    return rounds * round.work().wallNanos() / 1e6;
  }

  private static long intervalSeconds() {
    String value = System.getenv(INTERVAL_VARIABLE);
    try {
      return value == null ? DEFAULT_INTERVAL_SECONDS : Math.max(0, Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new InvalidInputException(INTERVAL_VARIABLE + "=" + value + ": expected a whole number of seconds");
    }
  }

  /** The memory peaks seen after rounds, in bytes: heap in use, ND4J off-heap, process resident set. */
  Map<String, Long> memoryPeaks() {
    Map<String, Long> peaks = new LinkedHashMap<>();
    peaks.put("heapBytes", peakHeap);
    peaks.put("offHeapBytes", peakOffHeap);
    peaks.put("processBytes", peakProcess);
    return peaks;
  }

  /** The peaks as one line for the end of the study. */
  String memoryPeaksLine() {
    return String.format(Locale.ROOT, "driver memory peaks: heap in use %s, outside the heap %s, process %s",
        gigabytes(peakHeap), gigabytes(peakOffHeap), gigabytes(peakProcess));
  }

  private static String gigabytes(long bytes) {
    return String.format(Locale.ROOT, "%.2f GB", bytes / 1e9);
  }
}
