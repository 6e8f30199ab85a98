package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs ./submit.sh as a user does, for the end-to-end tests: output captured in files under a work folder. */
final class SubmitScript {
  private static final Path SUBMIT = Path.of("..", "submit.sh").toAbsolutePath().normalize();

  /** A finished submit.sh: its exit code and what it printed. */
  record Result(int exitCode, String stdout, String stderr) {
    /** The lines that start {@code pathnet: error:}: a bad input gives exactly one. */
    List<String> errors() {
      return stderr.lines().filter(l -> l.startsWith("pathnet: error:")).toList();
    }
  }

  private SubmitScript() {}

  /** Starts submit.sh with {@code args}; stdout and stderr go to {@code work/NAME.out} and {@code .err}. */
  static Process start(Path work, String name, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(SUBMIT.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectOutput(work.resolve(name + ".out").toFile())
        .redirectError(work.resolve(name + ".err").toFile()).start();
  }

  /** Runs submit.sh with {@code args} to its end (at most 10 minutes). */
  static Result run(Path work, String name, String... args) throws IOException, InterruptedException {
    Process p = start(work, name, args);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "submit.sh finished in time");
    return new Result(p.exitValue(), Files.readString(work.resolve(name + ".out"), StandardCharsets.UTF_8),
        Files.readString(work.resolve(name + ".err"), StandardCharsets.UTF_8));
  }
}
