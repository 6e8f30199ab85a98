package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.report.TableDigest;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * The transfer map's study in parts ({@code studies/transfer-map/}), end to end at a tiny size: three parts run by
 * the real job one after another give the rows one study of all their variants gives, and {@code findings} reads
 * the folder of their run directories as that one study, with its transfer map.
 */
class StudyInPartsTest {
  private static final SparkConf STUDY = new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false")
      .set("spark.pathnet.pairs", "5,6->6,7;4,5->6,7").set("spark.pathnet.arms", "pathnet,scratch")
      .set("spark.pathnet.seeds", "3").set("spark.pathnet.T", "10").set("spark.pathnet.threshold", "0.95")
      .set("spark.pathnet.maxGenerations", "6");
  /** The tiny map's variants by part, each NAME -> its entries; the parts are the project's own folder's. */
  private static final Map<String, Map<String, Map<String, String>>> PARTS = Map.of(
      "adam", Map.of("p64-adam", Map.of("optimizer", "adam", "learningRate", "0.001"),
          "p20-adam", Map.of("optimizer", "adam", "learningRate", "0.001", "population", "20")),
      "sgd-0.05", Map.of("p64-sgd5e-2", Map.of("optimizer", "sgd", "learningRate", "0.05")),
      "sgd-0.01", Map.of("p64-sgd1e-2", Map.of("optimizer", "sgd", "learningRate", "0.01")));

  private static String run(Path out, List<String> parts) {
    SparkConf conf = STUDY.clone();
    for (String part : parts) {
      PARTS.get(part).forEach((variant, entries) -> entries.forEach((key, value) ->
          conf.set("spark.pathnet.variant." + variant + "." + key, value)));
    }
    return PathnetJob.run(new String[] {"--out", out.toString()}, conf);
  }

  private static String digest(String... runDirectories) {
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      return TableDigest.of(
          java.util.Arrays.stream(runDirectories).flatMap(d -> ResultTables.readRuns(spark, d).stream()).toList(),
          java.util.Arrays.stream(runDirectories).flatMap(d -> ResultTables.readGenerations(spark, d).stream())
              .toList());
    } finally {
      spark.stop();
    }
  }

  @Test
  void thePartsGiveTheRowsOfOneStudyAndTheFindingsReadThemAsOne(@TempDir Path work) throws IOException {
    Path map = work.resolve("transfer-map");
    List<String> parts = List.of("adam", "sgd-0.05", "sgd-0.01");
    for (String part : parts) {
      run(map.resolve(part), List.of(part));
    }
    String whole = run(work.resolve("whole"), parts);
    String joined = digest(parts.stream().map(p -> map.resolve(p).toUri().toString()).toArray(String[]::new));
    assertEquals(digest(whole), joined, "seed s of a variant draws the same streams in its part and in the whole");

    Path out = work.resolve("docs");
    String md = Files.readString(FindingsCommand.run(new String[] {"--out", out.toString(), map.toString()},
        new SparkConf().setMaster("local[1]").set("spark.ui.enabled", "false")));
    assertTrue(md.contains("\n## transfer-map\n\nQuestion: where does PathNet transfer pay?"), md);
    assertTrue(md.contains("- Study files, run one after another, `studies/transfer-map/adam.properties`,"
        + " `studies/transfer-map/sgd-0.01.properties`, `studies/transfer-map/sgd-0.05.properties`;"), md);
    assertTrue(md.contains("48 runs (4 variant(s) x 2 pair(s) x 3 seeds x 2 arms)"), md);
    assertTrue(md.contains("- Digest of the tables: `" + joined + "` (all parts; transfer-map/adam `"), md);
    assertTrue(md.contains("\n## The transfer map\n\nFrom the study transfer-map.\n\n**Verdict.** PathNet transfer"
        + " pays "), md);
    assertTrue(md.contains("\n### The claims, read in the map\n"), md);
    assertTrue(md.contains("| the TensorFlow implementation's first version, claim 3 |"), md);
    assertTrue(md.contains("\n### Overlap, region by region\n"), md);
    assertTrue(md.contains("| sgd lr=0.05 | 4,5->6,7 | "), "a row per optimiser and pair: " + md);
    assertTrue(md.contains("| all cells | 8 | "), "every variant of every part is a cell of the map: " + md);
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      assertEquals(8, spark.read().schema(ResultTables.TRANSFER_MAP_SCHEMA).parquet(map.resolve(
          RunDirectory.TRANSFER_MAP).toString()).count(), "the joined map's table, in the folder of its parts");
    } finally {
      spark.stop();
    }
    for (String chart : List.of("transfer-map.png", "main-effects.png", "overlap-generations.png")) {
      assertTrue(md.contains("](findings/transfer-map-" + chart + ")"), chart);
      assertTrue(Files.size(out.resolve("findings/transfer-map-" + chart)) > 1000, chart);
    }
  }

  @Test
  void aMissingPartIsRefusedInOneLineBeforeAnythingIsWritten(@TempDir Path work) {
    Path map = work.resolve("transfer-map");
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> FindingsCommand.run(
        new String[] {"--out", work.resolve("docs").toString(), map.toString()}, new SparkConf()));
    assertTrue(e.getMessage().startsWith(map.resolve("adam") + ": no such run directory"), e.getMessage());
    assertFalse(Files.exists(work.resolve("docs")));
  }
}
