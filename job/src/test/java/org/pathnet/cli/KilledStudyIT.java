package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.ReferenceRuns.LONG;
import static org.pathnet.fixtures.ReferenceRuns.LONG_GENERATIONS;
import static org.pathnet.fixtures.ReferenceRuns.SMALL;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.ReferenceRuns;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.fixtures.SubmitScript.Result;
import org.pathnet.fixtures.SubmitScript;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * Nothing lost: a study whose driver is killed (kill -9, through submit.sh) never leaves a run directory that reads as
 * complete, and a rerun into a fresh directory has the tables of an undisturbed run.
 */
class KilledStudyIT {
  private static final Duration LIMIT = Duration.ofMinutes(6);

  @TempDir
  Path work;

  private SubmitScript start(String name, Map<String, String> study) throws IOException {
    List<String> args = new ArrayList<>(List.of("--master", "local[2]"));
    args.addAll(SubmitScript.conf(study));
    args.addAll(List.of("--out", work.resolve(name).toString()));
    // Spark's scratch space in the test's directory: a killed driver cannot clean it up.
    return SubmitScript.start(work, name, Map.of("SPARK_LOCAL_DIRS",
        Files.createDirectories(work.resolve(name + "-local")).toString()), args);
  }

  private boolean isComplete(String name) throws IOException {
    return RunDirectory.isComplete(work.resolve(name).toString(), new Configuration());
  }

  @Test
  void aStudyKilledMidWayIsIncompleteAndARerunIntoAFreshDirectoryEqualsTheUndisturbedRun() throws Exception {
    SubmitScript killed = start("killed", LONG);
    try {
      int round = killed.awaitRound(3, LIMIT);
      killed.kill();
      assertTrue(round < 2 * LONG_GENERATIONS, "killed in round " + round + ", before the end");
    } finally {
      killed.kill();
    }
    assertFalse(isComplete("killed"));

    Result rerun = start("rerun", LONG).await(LIMIT);
    assertEquals(0, rerun.exitCode(), rerun.stderr());
    assertTrue(isComplete("rerun"));
    StudyTables.assertEqualStudies(ReferenceRuns.local2(LONG), work.resolve("rerun").toString());
  }

  /**
   * Killed as soon as it starts writing its tables: whatever the kill interrupts, the directory reads as complete
   * only if it holds the whole study.
   */
  @Test
  void aStudyKilledWhileWritingItsResultsDoesNotReadAsCompleteUnlessItIs() throws Exception {
    SubmitScript writing = start("writing", SMALL);
    Path runs = work.resolve("writing").resolve(RunDirectory.RUNS);
    try {
      long deadline = System.nanoTime() + LIMIT.toNanos();
      while (!Files.exists(runs) && writing.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertTrue(writing.isAlive(), "still running when its tables appeared: " + writing.stdout());
      writing.kill();
    } finally {
      writing.kill();
    }
    assertFalse(writing.stdout().contains("pathnet: done"), "killed before its end");
    boolean complete = isComplete("writing");
    System.out.println("killed while writing its tables; it reads as " + (complete ? "complete" : "incomplete"));
    if (complete) {
      StudyTables.assertEqualStudies(ReferenceRuns.local2(SMALL), work.resolve("writing").toString());
    }
  }
}
