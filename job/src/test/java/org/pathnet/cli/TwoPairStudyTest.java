package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.pathnet.spark.ResultTables;

/** A study of two task pairs (spark.pathnet.pairs) is split by pair in its tables, summary and report. */
class TwoPairStudyTest {
  private static final List<String> PAIRS = List.of("5,6->6,7", "5,6->8,9");
  private static final List<String> ARM_TASKS = List.of("pathnet A", "pathnet B", "scratch B", "denovo B",
      "finetune A", "finetune B");

  @Test
  void theSummaryHasEveryArmAndTaskOfBothPairsUnderItsFinalColumnNames() {
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> summary = spark.read().parquet(TinyStudy.directory() + "/" + ResultTables.SUMMARY);
      assertEquals(List.of("pair", "arm", "task", "runs", "solved", "censored", "genMean", "genSe", "genMedian",
          "genQ1", "genQ3", "speedup", "speedupLow", "speedupHigh", "pValue", "overlapMean", "overlapRandom"),
          List.of(summary.columns()));
      Map<String, List<String>> byPair = summary.collectAsList().stream().collect(Collectors.groupingBy(
          r -> r.getString(0), Collectors.mapping(r -> r.getString(1) + " " + r.getString(2), Collectors.toList())));
      assertEquals(Map.of(PAIRS.get(0), ARM_TASKS, PAIRS.get(1), ARM_TASKS), byPair);
      for (Row r : summary.where("task = 'B' AND arm <> 'pathnet'").collectAsList()) {
        assertTrue(r.getAs("pValue") != null, "every other arm's task B is compared with pathnet's: " + r);
      }
      assertEquals(TinyStudy.SEEDS * PAIRS.size(), spark.read().parquet(TinyStudy.directory() + "/"
          + ResultTables.RUNS).where("arm = 'denovo'").count(), "every pair ran every seed");
      assertEquals(List.of("6,7", "8,9"), spark.read().parquet(TinyStudy.directory() + "/" + ResultTables.RUNS)
          .where("task = 'B'").select("classes").distinct().orderBy("classes").collectAsList().stream()
          .map(r -> r.getString(0)).toList());
    } finally {
      spark.stop();
    }
  }

  @Test
  void theReportHasASectionAndChartsPerPair() throws IOException {
    Path report = TinyStudy.path().resolve("report");
    String html = Files.readString(report.resolve("report.html"));
    for (String slug : List.of("5-6_6-7", "5-6_8-9")) {
      for (String chart : List.of("solve-times", "fitness-B", "overlap", "module-usage")) {
        assertTrue(Files.size(report.resolve(chart + "-" + slug + ".png")) > 1000, chart + " of " + slug);
        assertTrue(html.contains("<img src=\"" + chart + "-" + slug + ".png\""), chart + " of " + slug + " shown");
      }
    }
    assertTrue(html.contains("<h2>Pair 5,6-&gt;6,7") && html.contains("<h2>Pair 5,6-&gt;8,9"));
  }
}
