package org.pathnet.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkContext;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Study;
import org.pathnet.rundir.RunDirectory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a study runs. Left to the JVM, either runs Spark's shutdown hook, which stops the
 * SparkContext under the driver loop: the round in flight then fails with a stack trace per call on the stopped
 * context. Instead the signal is recorded and every Spark job is cancelled, at once and again for as long as the
 * driver starts any, so the round in flight fails within moments; the job then ends with {@link Stopped}: one line
 * saying where the study stopped and how to continue it, and exit code 128 + the signal's number (130 for SIGINT).
 * Listening to the study's rounds, it knows which round was in flight.
 */
final class Interrupts implements Study.Listener, AutoCloseable {
  private static final List<String> SIGNALS = List.of("INT", "TERM");
  private static final long CANCEL_INTERVAL_MILLIS = 100;
  /** How long a failed study waits for the signal that may have caused it to be handled. */
  private static final long SIGNAL_GRACE_MILLIS = 500;

  private final SparkContext spark;
  private final List<Signal> watched = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();
  private volatile Signal received;
  private volatile int roundsFinished;

  private Interrupts(SparkContext spark) {
    this.spark = spark;
  }

  /** Handles SIGINT and SIGTERM for the study that runs on {@code spark}, until {@link #close}. */
  static Interrupts watch(SparkContext spark) {
    Interrupts interrupts = new Interrupts(spark);
    for (String name : SIGNALS) {
      Signal signal = new Signal(name);
      try {
        interrupts.previous.add(Signal.handle(signal, interrupts::receive));
        interrupts.watched.add(signal);
      } catch (IllegalArgumentException e) {
        // The JVM does not let us have it (started with -Xrs, or the signal is ignored, as in a background job).
      }
    }
    return interrupts;
  }

  private void receive(Signal signal) {
    if (received != null) {
      return;
    }
    received = signal;
    // The study's line replaces Spark's warnings about the tasks it kills; the process ends soon after.
    SparkTaskFailureLogs.heldBack();
    Thread canceller = new Thread(this::cancelJobsUntilStopped, "pathnet interrupt");
    canceller.setDaemon(true);
    canceller.start();
  }

  /** Cancels every job until the SparkContext stops: the driver may be between two jobs when the signal comes. */
  private void cancelJobsUntilStopped() {
    try {
      while (!spark.isStopped()) {
        spark.cancelAllJobs();
        Thread.sleep(CANCEL_INTERVAL_MILLIS);
      }
    } catch (InterruptedException | RuntimeException e) {
      // The context stopped while we cancelled (it says so with an IllegalStateException): nothing left to cancel.
    }
  }

  @Override
  public void roundFinished(Round round) {
    roundsFinished = round.number();
  }

  /**
   * Whether a signal stopped the study that just failed: one has come, or comes within a moment. Ctrl-C reaches the
   * whole process group at once, so a process the driver has spawned (Hadoop's chmod, as it writes a checkpoint on a
   * local disk) can die of it and fail the study before the JVM has run the signal's handler.
   */
  boolean stoppedTheStudy() {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SIGNAL_GRACE_MILLIS);
    try {
      while (received == null && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return received != null;
  }

  /**
   * The end of a study that a signal stopped: where it stopped, that {@code directory} is incomplete, and the
   * command that continues it when it holds a checkpoint.
   */
  Stopped stopped(RunDirectory directory, Throwable failure) {
    String resume;
    try {
      resume = directory.latestCheckpoint() == null ? "it has no checkpoint to continue from (see"
          + " spark.pathnet.checkpointEvery)" : "continue it with ./submit.sh --resume " + directory.uri();
    } catch (IOException e) {
      resume = "its checkpoints cannot be listed (" + e.getMessage() + ")";
    }
    return new Stopped("pathnet: interrupted (SIG" + received.getName() + ") in round " + (roundsFinished + 1)
        + "; " + directory.uri() + " is incomplete: " + resume, 128 + received.getNumber(), failure);
  }

  /** Gives the signals back to the handlers they had before {@link #watch}. */
  @Override
  public void close() {
    for (int i = 0; i < watched.size(); i++) {
      Signal.handle(watched.get(i), previous.get(i));
    }
  }

  /** A study stopped by a signal: its one line for stderr, and the process's exit code. */
  static final class Stopped extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    private Stopped(String line, int exitCode, Throwable cause) {
      super(line, cause);
      this.exitCode = exitCode;
    }
  }
}
