package org.pathnet.report;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.pathnet.experiment.GenerationRecord;
import org.pathnet.experiment.TaskOutcome;

/**
 * A study's fingerprint: SHA-256 of its {@code runs} and {@code generations} rows over every column but the
 * wall-clock ({@code *Millis}) ones, each row as text, sorted: two studies are equal (docs/PATHNET.md, "The result
 * tables") exactly when their digests are, so whoever reruns a study file can check they got the same tables.
 */
public final class TableDigest {
  private TableDigest() {}

  /** The digest of a study's rows, as 64 hex digits. */
  public static String of(List<TaskOutcome> runs, List<GenerationRecord> generations) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    Stream.concat(runs.stream().map(TableDigest::row), generations.stream().map(TableDigest::row)).sorted()
        .forEach(row -> sha.update((row + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String row(TaskOutcome r) {
    return String.join(" ", "runs", r.variant(), r.pair(), Integer.toString(r.seed()), r.arm(), r.task(),
        r.classes(), Boolean.toString(r.solved()), String.valueOf(r.generations()), String.valueOf(r.overlap()),
        Double.toString(r.testAccuracy()), Arrays.deepToString(r.path()));
  }

  private static String row(GenerationRecord g) {
    return String.join(" ", "generations", g.variant(), g.pair(), Integer.toString(g.seed()), g.arm(), g.task(),
        Integer.toString(g.generation()), Double.toString(g.winnerFitness()), String.valueOf(g.loserFitness()),
        Arrays.deepToString(g.winnerPath()));
  }
}
