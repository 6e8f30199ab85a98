package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code ./submit.sh} as a user does, for the integration tests: its output goes to files in a work
 * directory, so a test can watch a study's progress while it runs, kill it by its process id, or interrupt it as a
 * terminal's Ctrl-C does. It starts as from a terminal: in a process group of its own ({@code setsid}), which it
 * leads, with SIGINT and SIGTERM at their defaults (a shell ignores SIGINT in what it starts in the background, and
 * that would pass down to the driver when the build runs so).
 */
final class SubmitScript {
  private static final Path SUBMIT = Path.of("..", "submit.sh").toAbsolutePath().normalize();
  private static final Pattern ROUND = Pattern.compile("(?m)^round +(\\d+) \\|");

  /** A finished submit.sh: its exit code and what it printed. */
  record Result(int exitCode, String stdout, String stderr) {
    /** The lines that start {@code pathnet: error:}: a bad input gives exactly one. */
    List<String> errors() {
      return stderr.lines().filter(l -> l.startsWith("pathnet: error:")).toList();
    }
  }

  private final Process process;
  private final Thread stderrCopy;
  private final Path stdout;
  private final Path stderr;

  private SubmitScript(Process process, Thread stderrCopy, Path stdout, Path stderr) {
    this.process = process;
    this.stderrCopy = stderrCopy;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /**
   * Starts {@code submit.sh args} with {@code environment} added to this JVM's; stdout and stderr go to
   * {@code work/<name>.out} and {@code work/<name>.err}.
   */
  static SubmitScript start(Path work, String name, Map<String, String> environment, List<String> args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM", "setsid", SUBMIT.toString()));
    command.addAll(args);
    Path out = work.resolve(name + ".out");
    Path err = work.resolve(name + ".err");
    ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile());
    // a progress line per round, so that tests can follow a study round by round
    builder.environment().put(ProgressPrinter.INTERVAL_VARIABLE, "0");
    builder.environment().putAll(environment);
    Process process = builder.start();
    // Should the test JVM end first, the driver must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
    return new SubmitScript(process, copyUntilEveryWriterCloses(process.getErrorStream(), err), out, err);
  }

  /**
   * Copies stderr through a pipe rather than a file: submit.sh's filter writes the driver's last lines after the
   * driver has exited, and the pipe ends only when the filter, its last writer, has closed it too.
   */
  private static Thread copyUntilEveryWriterCloses(InputStream pipe, Path file) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    Thread copy = new Thread(() -> {
      try (pipe; out) {
        byte[] buffer = new byte[8192];
        for (int n; (n = pipe.read(buffer)) >= 0; ) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "submit.sh stderr");
    copy.setDaemon(true);
    copy.start();
    return copy;
  }

  /** Runs {@code submit.sh args} to its end (at most 10 minutes). */
  static Result run(Path work, String... args) throws IOException, InterruptedException {
    return start(work, "submit", Map.of(), List.of(args)).await(Duration.ofMinutes(10));
  }

  /** {@code --conf KEY=VALUE} for each of {@code settings}, in their order. */
  static List<String> conf(Map<String, String> settings) {
    List<String> args = new ArrayList<>();
    settings.forEach((key, value) -> args.addAll(List.of("--conf", key + "=" + value)));
    return args;
  }

  /** Waits for the end; a run that takes longer than {@code limit} is killed and fails the test. */
  Result await(Duration limit) throws IOException, InterruptedException {
    boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
    if (!finished) {
      kill();
    }
    assertTrue(finished, "submit.sh finished within " + limit + "; stderr: " + stderr());
    stderrCopy.join(Duration.ofSeconds(30).toMillis());
    assertFalse(stderrCopy.isAlive(), "stderr closed within 30 s of the end");
    return new Result(process.exitValue(), stdout(), stderr());
  }

  /**
   * Waits until the study's progress output shows round {@code round} or a later one, and returns that round's
   * number; fails if the study ends first or {@code limit} passes.
   */
  int awaitRound(int round, Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      int latest = latestRound();
      if (latest >= round) {
        return latest;
      }
      assertTrue(process.isAlive(), "the study ended before round " + round + ": " + stdout() + stderr());
      Thread.sleep(100);
    }
    throw new AssertionError("no round " + round + " within " + limit + ": " + stdout() + stderr());
  }

  /** The highest round the progress output has shown so far, 0 before the first. */
  int latestRound() throws IOException {
    Matcher m = ROUND.matcher(stdout());
    int latest = 0;
    while (m.find()) {
      latest = Math.max(latest, Integer.parseInt(m.group(1)));
    }
    return latest;
  }

  /** The driver's process id: submit.sh execs the JVM, so once a study runs this is the driver itself. */
  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Sends {@code signal} (INT, TERM...) to submit.sh's whole process group, as a terminal's Ctrl-C sends INT. */
  void signalProcessGroup(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, "--", "-" + process.pid()).inheritIO().start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " -- -" + process.pid());
  }

  /** kill -9, then waits for the process to be gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }
}
