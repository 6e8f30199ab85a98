package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.report.TableDigest;
import org.pathnet.spark.ResultTables;

/**
 * {@code ./submit.sh findings}: FINDINGS.md from finished run directories, each named after its study file, with
 * the study's question, provenance, the digest of its tables, its summary, its charts and the claims' verdicts.
 */
class FindingsCommandTest {
  @Test
  void writesTheFindingsOfAStudyWithItsQuestionDigestSummaryChartsAndClaims(@TempDir Path work) throws IOException {
    // the tiny study, as if it were the seed-profile study's run directory
    Path run = TinyStudy.copyTo(work.resolve("seed-profile"));
    Path out = work.resolve("docs");
    Path page = FindingsCommand.run(new String[] {"--out", out.toString(), run.toString()}, new SparkConf());
    String md = Files.readString(page);

    String digest;
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      digest = TableDigest.of(ResultTables.readRuns(spark, run.toUri().toString()),
          ResultTables.readGenerations(spark, run.toUri().toString()));
    } finally {
      spark.stop();
    }
    assertTrue(md.contains("## seed-profile\n\nQuestion: with the seed profile"), md);
    assertTrue(md.contains("- Data: the embedded MNIST subset (`data/`); "), md);
    assertTrue(md.contains("- Digest of the tables: `" + digest + "`"), md);
    assertTrue(md.contains("| sgd lr=0.01 | 5,6->8,9 | finetune | B |"), "a summary row per (variant, pair, arm, task)");
    assertTrue(md.contains("## Where this protocol differs"), md);
    assertTrue(md.contains("| TensorFlow implementation, claim 1: ") && md.contains("| the paper: "), md);
    assertTrue(md.contains("needs the study shared-class"), "a claim without its study is not tested");
    // several variants on several pairs with pathnet and scratch: a transfer map, whose verdict is the study's
    assertTrue(md.contains("\n## The transfer map\n\nFrom the study seed-profile.\n\n**Verdict.** PathNet transfer "),
        md);
    assertFalse(md.contains("**Verdict.** 5,6->6,7: against adam lr=0.001"), "no variant-by-variant verdict: " + md);
    assertTrue(Files.size(out.resolve("findings/seed-profile-speedups.png")) > 1000);
    assertTrue(md.contains("](findings/seed-profile-speedups.png)"), md);
    assertTrue(Files.size(out.resolve("findings/seed-profile-generations-per-variant.png")) > 1000);
  }

  @Test
  void dataIsCalledEmbeddedByItsChecksumsNotByItsPath(@TempDir Path work) throws IOException {
    Path run = TinyStudy.copyTo(work.resolve("seed-profile"));
    Path manifest = run.resolve("manifest.json");
    String recorded = Files.readString(manifest);
    String changed = recorded.replaceFirst("(\"train-images-idx3-ubyte.gz\" : \")[0-9a-f]{64}", "$1" + "0".repeat(64));
    assertFalse(changed.equals(recorded), "the manifest records the training images' checksum");
    Files.writeString(manifest, changed);
    Files.deleteIfExists(run.resolve(".manifest.json.crc")); // Hadoop's checksum of the old contents

    String md = Files.readString(FindingsCommand.run(new String[] {"--out", work.resolve("docs").toString(),
        run.toString()}, new SparkConf()));
    assertFalse(md.contains("the embedded MNIST subset (`data/`); "), md);
    assertTrue(md.contains("- Data: `file:"), "files with other contents are named by their directory");
  }

  @Test
  void aRunDirectoryWithoutAStudyFileIsRefusedBeforeAnythingIsWritten(@TempDir Path work) {
    Path run = TinyStudy.copyTo(work.resolve("no-such-study"));
    Path out = work.resolve("docs");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> FindingsCommand.run(new String[] {"--out", out.toString(), run.toString()}, new SparkConf()));
    assertTrue(e.getMessage().contains("no-such-study: no study file ") && e.getMessage().contains(
        "studies/no-such-study.properties"), e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void theQuestionIsTheStudyFilesOpeningCommentUpToHowToRunIt(@TempDir Path work) throws IOException {
    Path file = Files.writeString(work.resolve("q.properties"), "# Question: does it?\n# Really.\n# Run: x\n"
        + "# not this\nspark.pathnet.seeds 1\n");
    assertEquals("Question: does it? Really.", FindingsCommand.question(file));
  }
}
