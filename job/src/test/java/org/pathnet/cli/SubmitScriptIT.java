package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** End to end through submit.sh, as a user runs it: a tiny study writes a complete run directory. */
class SubmitScriptIT {
  private static final Path SUBMIT = Path.of("..", "submit.sh").toAbsolutePath().normalize();

  private record Result(int exitCode, String stdout, String stderr) {}

  private static Result submit(Path work, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(SUBMIT.toString()));
    command.addAll(List.of(args));
    Path out = work.resolve("stdout.txt");
    Path err = work.resolve("stderr.txt");
    Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(10, TimeUnit.MINUTES), "submit.sh finished in time");
    return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void aTinyStudyWritesACompleteRunDirectoryThatSparkSqlReads(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    Result r = submit(work, "--master", "local[2]", "--conf", "spark.pathnet.seeds=2", "--conf",
        "spark.pathnet.T=10", "--conf", "spark.pathnet.maxGenerations=5", "--out", run.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("pair       arm"), "prints the summary: " + r.stdout());
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
      assertEquals(List.of("pair", "seed", "arm", "task", "classes", "solved", "generations", "overlap",
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
  void reportRebuildsTheReportOfAFinishedStudyAndRefusesAnythingElse(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    assertEquals(0, submit(work, "--master", "local[2]", "--conf", "spark.pathnet.seeds=2", "--conf",
        "spark.pathnet.T=10", "--conf", "spark.pathnet.maxGenerations=3", "--conf",
        "spark.pathnet.arms=pathnet,scratch", "--out", run.toString()).exitCode());
    Path page = run.resolve("report").resolve("report.html");
    String html = Files.readString(page);
    Files.delete(page);

    Result rebuilt = submit(work, "report", run.toString());
    assertEquals(0, rebuilt.exitCode(), rebuilt.stderr());
    assertTrue(rebuilt.stdout().contains("report rebuilt"), rebuilt.stdout());
    assertEquals(html, Files.readString(page));

    Path empty = Files.createDirectories(work.resolve("empty"));
    Result refused = submit(work, "report", empty.toString());
    assertEquals(2, refused.exitCode());
    List<String> errors = refused.stderr().lines().filter(l -> l.startsWith("pathnet: error:")).toList();
    assertEquals(1, errors.size(), refused.stderr());
    assertTrue(errors.get(0).contains("no complete manifest.json"), errors.get(0));
    assertEquals(2, submit(work, "report").exitCode(), "report needs a directory");
  }

  @Test
  void anUnknownSettingIsRefusedWithOneLineAndNothingWritten(@TempDir Path work) throws Exception {
    Path run = work.resolve("run");
    Result r = submit(work, "--conf", "spark.pathnet.poplation=10", "--out", run.toString());
    assertEquals(2, r.exitCode());
    List<String> errors = r.stderr().lines().filter(l -> l.startsWith("pathnet: error:")).toList();
    assertEquals(1, errors.size(), r.stderr());
    assertTrue(errors.get(0).contains("unknown setting spark.pathnet.poplation"), errors.get(0));
    assertFalse(Files.exists(run), "nothing written");
  }

  @Test
  void aNonEmptyOutputDirectoryIsRefusedBeforeAnyWork(@TempDir Path work) throws Exception {
    Path run = Files.createDirectories(work.resolve("run"));
    Files.writeString(run.resolve("earlier-result.txt"), "keep me");
    Result r = submit(work, "--out", run.toString());
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("directory is not empty"), r.stderr());
    assertEquals("keep me", Files.readString(run.resolve("earlier-result.txt")));
  }
}
