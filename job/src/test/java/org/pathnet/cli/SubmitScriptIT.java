package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.SubmitScript.Result;
import org.pathnet.fixtures.SubmitScript;

/** End to end through submit.sh, as a user runs it: a tiny study writes a complete run directory. */
class SubmitScriptIT {
  @Test
  void aTinyStudyWritesACompleteRunDirectoryThatSparkSqlReads(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    SubmitScript.Result r = SubmitScript.run(work, "--master", "local[2]", "--conf", "spark.pathnet.seeds=2",
        "--conf", "spark.pathnet.T=10", "--conf", "spark.pathnet.maxGenerations=5", "--out", run.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("variant pair       arm") && r.stdout().contains("\nbase    5,6->6,7   pathnet"),
        "prints the summary, the one variant as base: " + r.stdout());
    assertTrue(r.stdout().contains("run directory file:" + run), r.stdout());

    String manifest = Files.readString(run.resolve("manifest.json"));
    assertTrue(manifest.contains("\"status\" : \"complete\""), manifest);
    assertTrue(manifest.contains("ff2324400dd979a44363d0945fd829282efe947ced1c005aad3fe97029bf04c5"),
        "records the data's checksums");
    String config = Files.readString(run.resolve("config.properties"));
    assertTrue(config.contains("spark.pathnet.seeds=2") && config.contains("spark.pathnet.pairs=5,6->6,7"), config);

    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> runs = spark.read().parquet(run.resolve("runs").toString());
      assertEquals(List.of("variant", "pair", "seed", "arm", "task", "classes", "solved", "generations", "overlap",
          "testAccuracy", "path"), List.of(runs.columns()));
      assertEquals(2, runs.where("arm = 'denovo'").count());
      Dataset<Row> generations = spark.read().parquet(run.resolve("generations").toString());
      assertTrue(generations.count() >= runs.count(), "at least one generation per task trained");
      assertEquals(0, generations.where("arm = 'denovo' AND loserFitness IS NOT NULL").count(),
          "fixed-path arms have no loser");
      assertEquals(6, spark.read().parquet(run.resolve("summary").toString()).count(), "a row per arm and task");
    } finally {
      spark.stop();
    }
  }

  @Test
  void aFlightRecordingInJavaToolOptionsRecordsTheJob(@TempDir Path work) throws Exception {
    Path recording = work.resolve("job.jfr");
    Result r = SubmitScript.start(work, "jfr", Map.of("JAVA_TOOL_OPTIONS",
        "-XX:StartFlightRecording=filename=" + recording), List.of("--master", "local[1]", "--conf",
        "spark.pathnet.seeds=1", "--conf", "spark.pathnet.T=2", "--conf", "spark.pathnet.maxGenerations=1", "--out",
        work.resolve("run").toString())).await(Duration.ofMinutes(5));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(Files.size(recording) > 0, "the driver wrote its recording");
  }

  @Test
  void reportRebuildsTheReportOfAFinishedStudyAndRefusesAnythingElse(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    assertEquals(0, SubmitScript.run(work, "--master", "local[2]", "--conf", "spark.pathnet.seeds=2", "--conf",
        "spark.pathnet.T=10", "--conf", "spark.pathnet.maxGenerations=3", "--conf",
        "spark.pathnet.arms=pathnet,scratch", "--out", run.toString()).exitCode());
    Path page = run.resolve("report").resolve("report.html");
    String html = Files.readString(page);
    Files.delete(page);

    SubmitScript.Result rebuilt = SubmitScript.run(work, "report", run.toString());
    assertEquals(0, rebuilt.exitCode(), rebuilt.stderr());
    assertTrue(rebuilt.stdout().contains("report rebuilt"), rebuilt.stdout());
    assertEquals(html, Files.readString(page));

    Path empty = Files.createDirectories(work.resolve("empty"));
    SubmitScript.Result refused = SubmitScript.run(work, "report", empty.toString());
    assertEquals(2, refused.exitCode());
    List<String> errors = refused.errors();
    assertEquals(1, errors.size(), refused.stderr());
    assertTrue(errors.get(0).contains("no complete manifest.json"), errors.get(0));
    assertEquals(2, SubmitScript.run(work, "report").exitCode(), "report needs a directory");
  }

  @Test
  void anUnknownSettingIsRefusedWithOneLineAndNothingWritten(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    SubmitScript.Result r = SubmitScript.run(work, "--conf", "spark.pathnet.poplation=10", "--out",
        run.toString());
    assertEquals(2, r.exitCode());
    List<String> errors = r.errors();
    assertEquals(1, errors.size(), r.stderr());
    assertTrue(errors.get(0).contains("unknown setting spark.pathnet.poplation"), errors.get(0));
    assertFalse(Files.exists(run), "nothing written");
  }

  @Test
  void aNonEmptyOutputDirectoryIsRefusedBeforeAnyWork(@TempDir Path work) throws Exception {
    Path run = Files.createDirectories(work.resolve("run"));
    Files.writeString(run.resolve("earlier-result.txt"), "keep me");
    SubmitScript.Result r = SubmitScript.run(work, "--out", run.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("directory is not empty"), r.stderr());
    assertEquals("keep me", Files.readString(run.resolve("earlier-result.txt")));
  }
}
