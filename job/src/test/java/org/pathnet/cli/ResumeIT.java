package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.fixtures.SubmitScript;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * Checkpoint and resume through submit.sh: a study killed with SIGKILL after its first checkpoint, then resumed
 * with {@code --resume}, ends with the tables of the same study run without interruption; a complete study, a
 * changed setting and a missing directory are refused with one line.
 */
class ResumeIT {
  private static final String[] STUDY = {"--master", "local[2]", "--conf", "spark.pathnet.seeds=2", "--conf",
      "spark.pathnet.arms=pathnet,denovo", "--conf", "spark.pathnet.T=10", "--conf",
      "spark.pathnet.stopWhenSolved=false", "--conf", "spark.pathnet.maxGenerations=40", "--conf",
      "spark.pathnet.checkpointEvery=2"};

  /** The study, {@code more} arguments after its settings. */
  static String[] study(String... more) {
    return Stream.concat(Stream.of(STUDY), Stream.of(more)).toArray(String[]::new);
  }

  /** Whether the run directory {@code dir} holds a checkpoint. */
  static boolean hasCheckpoint(Path dir) throws Exception {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().matches("checkpoint-\\d+"));
    }
  }

  @Test
  void aStudyKilledAfterItsFirstCheckpointResumesToTheUninterruptedTables(@TempDir Path work) throws Exception {
    Path whole = work.resolve("whole");
    assertEquals(0, SubmitScript.run(work, study("--out", whole.toString())).exitCode());

    Path killed = work.resolve("killed");
    SubmitScript driver = SubmitScript.start(work, "killed", Map.of(), List.of(study("--out", killed.toString())));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
    while (!hasCheckpoint(killed) && driver.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(driver.isAlive(), "still running at its first checkpoint: " + driver.stdout() + driver.stderr());
    driver.kill(); // SIGKILL: submit.sh exec'd the driver, so this is the driver's process
    assertTrue(hasCheckpoint(killed), "it had written a checkpoint");
    assertFalse(Files.exists(killed.resolve("manifest.json")), "a killed study never reads as complete");
    Path spare = work.resolve("spare");
    TinyStudy.copy(killed, spare);

    SubmitScript.Result resumed = SubmitScript.run(work, "--master", "local[2]", "--resume",
        killed.toString());
    assertEquals(0, resumed.exitCode(), resumed.stderr());
    assertTrue(resumed.stdout().contains("pathnet: resuming file:" + killed + " after round"), resumed.stdout());
    assertTrue(Files.readString(killed.resolve("manifest.json")).contains("\"status\" : \"complete\""));
    assertFalse(hasCheckpoint(killed), "a complete study drops its checkpoints");
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      for (String table : List.of(RunDirectory.RUNS, RunDirectory.GENERATIONS)) {
        List<String> expected = StudyTables.comparable(spark, whole.toUri().toString(), table);
        assertEquals(expected, StudyTables.comparable(spark, killed.toUri().toString(), table), table);
      }
    } finally {
      spark.stop();
    }

    assertRefused(SubmitScript.run(work, "--resume", killed.toString()), "the study is already complete");
    assertRefused(SubmitScript.run(work, "--resume", spare.toString(), "--conf", "spark.pathnet.seeds=3"),
        "spark.pathnet.seeds=3 differs from the resumed study's 2: a study resumes under its own settings");
    assertRefused(SubmitScript.run(work, "--resume", work.resolve("nowhere").toString()),
        "no such run directory");
  }

  private static void assertRefused(SubmitScript.Result r, String reason) {
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals(1, r.errors().size(), r.stderr());
    assertTrue(r.errors().get(0).contains(reason), r.errors().get(0));
    assertEquals(r.errors(), r.stderr().lines().toList(), "nothing else on stderr");
  }
}
