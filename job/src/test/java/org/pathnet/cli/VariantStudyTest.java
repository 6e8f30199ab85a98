package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * A study of 2 optimisers x 2 learning rates on two task pairs runs as one study, split by (variant, pair) in its
 * tables, summary and report.
 */
class VariantStudyTest {
  private static final List<String> PAIRS = List.of("5,6->6,7", "5,6->8,9");
  private static final List<String> ARM_TASKS = List.of("pathnet A", "pathnet B", "scratch B", "denovo B",
      "finetune A", "finetune B");

  @Test
  void theSummaryHasEveryArmAndTaskOfEveryVariantAndPairUnderItsFinalColumnNames() {
    // the study first: the job stops its Spark session when it ends, which would be this one
    String study = TinyStudy.directory();
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> summary = spark.read().parquet(study + "/" + RunDirectory.SUMMARY);
      assertEquals(List.of("variant", "pair", "arm", "task", "runs", "solved", "censored", "genMean", "genSe",
          "genMedian", "genQ1", "genQ3", "speedup", "speedupLow", "speedupHigh", "pValue", "overlapMean",
          "overlapRandom"), List.of(summary.columns()));
      Map<String, List<String>> cells = new LinkedHashMap<>();
      for (Row r : summary.collectAsList()) {
        cells.computeIfAbsent(r.getString(0) + " | " + r.getString(1), c -> new ArrayList<>())
            .add(r.getString(2) + " " + r.getString(3));
      }
      Map<String, List<String>> expected = new LinkedHashMap<>();
      for (String variant : TinyStudy.VARIANT_LABELS) {
        for (String pair : PAIRS) {
          expected.put(variant + " | " + pair, ARM_TASKS);
        }
      }
      assertEquals(expected, cells, "one row per (variant, pair, arm, task), in the study's order");
      // the tiny study's SGD runs may not solve task A in 6 generations: a cell without a pathnet task B has
      // nothing to compare with
      Set<String> withPathnetB = summary.where("arm = 'pathnet' AND task = 'B' AND runs > 0").collectAsList()
          .stream().map(r -> r.getString(0) + " | " + r.getString(1)).collect(Collectors.toSet());
      assertTrue(withPathnetB.size() >= 2, "the Adam variants' pathnet runs reach task B: " + withPathnetB);
      for (Row r : summary.where("task = 'B' AND arm <> 'pathnet'").collectAsList()) {
        boolean comparable = withPathnetB.contains(r.getString(0) + " | " + r.getString(1))
            && r.<Integer>getAs("runs") > 0;
        assertEquals(comparable, r.getAs("pValue") != null, "every other arm's task B is compared with pathnet's,"
            + " where it has one: " + r);
      }
      Dataset<Row> runs = spark.read().parquet(study + "/" + RunDirectory.RUNS);
      for (String variant : TinyStudy.VARIANT_LABELS) {
        assertEquals(TinyStudy.SEEDS * PAIRS.size(), runs.where("arm = 'denovo' AND variant = '" + variant + "'")
            .count(), "every variant ran every pair and seed: " + variant);
      }
      assertEquals(TinyStudy.VARIANT_LABELS, spark.read().parquet(study + "/"
          + RunDirectory.GENERATIONS).select("variant").distinct().orderBy("variant").collectAsList().stream()
          .map(r -> r.getString(0)).toList(), "the generations table is split by variant");
      assertEquals(List.of("6,7", "8,9"), runs.where("task = 'B'").select("classes").distinct().orderBy("classes")
          .collectAsList().stream().map(r -> r.getString(0)).toList());
    } finally {
      spark.stop();
    }
  }

  @Test
  void theReportHasTheChartsAcrossVariantsAndASectionWithChartsPerVariantAndPair() throws IOException {
    Path report = TinyStudy.path().resolve("report");
    String html = Files.readString(report.resolve("report.html"));
    for (String overview : List.of("speedups.png", "generations-per-variant.png")) {
      assertTrue(Files.size(report.resolve(overview)) > 1000, overview);
      assertTrue(html.contains("<img src=\"" + overview + "\""), overview + " shown");
    }
    for (String variant : List.of("adam-lr0.001", "adam-lr0.01", "sgd-lr0.001", "sgd-lr0.01")) {
      for (String pair : List.of("5-6_6-7", "5-6_8-9")) {
        String slug = variant + "_" + pair;
        for (String chart : List.of("solve-times", "fitness-B", "overlap", "module-usage")) {
          assertTrue(Files.size(report.resolve(chart + "-" + slug + ".png")) > 1000, chart + " of " + slug);
          assertTrue(html.contains("<img src=\"" + chart + "-" + slug + ".png\""), chart + " of " + slug + " shown");
        }
      }
    }
    assertTrue(html.contains("<h2>Variant sgd lr=0.01, pair 5,6-&gt;8,9"), "a section per (variant, pair)");
  }
}
