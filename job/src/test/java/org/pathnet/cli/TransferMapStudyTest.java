package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.report.Report;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * The transfer map of the tiny study (four variants of optimizer x learningRate on two pairs), end to end: the job
 * writes its table beside the summary, the report shows it, and {@code report} writes the table of a run directory
 * that lacks it ({@link StudyInPartsTest}: the findings' map).
 */
class TransferMapStudyTest {
  private static final SparkConf CONF = new SparkConf().setMaster("local[1]").set("spark.ui.enabled", "false");

  private static List<Row> transferMap(Path run) {
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      return spark.read().schema(ResultTables.TRANSFER_MAP_SCHEMA).parquet(run.resolve(RunDirectory.TRANSFER_MAP)
          .toString()).collectAsList();
    } finally {
      spark.stop();
    }
  }

  @Test
  void theJobWritesTheMapsCellsBesideTheSummary() {
    List<Row> cells = transferMap(TinyStudy.path());
    assertEquals(TinyStudy.VARIANT_LABELS.size() * 2, cells.size(), "a row per (variant, pair)");
    assertEquals(TinyStudy.VARIANT_LABELS, cells.stream().map(r -> r.getString(0)).distinct().toList());
    for (Row r : cells) {
      assertTrue(r.getDouble(7) > 0.95 && r.getDouble(7) < 1, "the family-wise level of each cell: " + r);
    }
  }

  @Test
  void theReportShowsTheMapWithItsCharts() throws IOException {
    Path report = TinyStudy.path().resolve(RunDirectory.REPORT);
    String html = Files.readString(report.resolve(Report.PAGE));
    assertTrue(html.contains("<h2>The transfer map</h2>"), html);
    assertTrue(html.contains("Bonferroni over the "), html);
    for (String chart : List.of("transfer-map.png", "main-effects.png", "overlap-generations.png")) {
      assertTrue(html.contains("src=\"" + chart + "\""), chart);
      assertTrue(Files.size(report.resolve(chart)) > 1000, chart);
    }
    assertTrue(html.contains("<td class=\"l\">optimizer</td><td class=\"l\">sgd</td><td class=\"l\">adam</td>"),
        "each factor's level against its reference: " + html);
  }

  @Test
  void reportWritesTheTableOfAStudyRunBeforeTheMapExisted(@TempDir Path work) {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    List<Row> written = transferMap(run);
    TinyStudy.delete(run.resolve(RunDirectory.TRANSFER_MAP));
    assertFalse(Files.exists(run.resolve(RunDirectory.TRANSFER_MAP)));
    ReportCommand.run(new String[] {run.toString()}, CONF.clone());
    assertEquals(written, transferMap(run), "the table the job wrote");
  }
}
