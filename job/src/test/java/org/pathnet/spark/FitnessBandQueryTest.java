package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.pathnet.report.FitnessBands;

/**
 * The report's fitness bands, computed by Spark from a generations table: each generation's median and 10%/90%
 * quantiles across seeds, by linear interpolation, a run that stopped early counted at its last fitness until its
 * group's longest run ends; a table from before variants is the variant base's.
 */
class FitnessBandQueryTest {
  /** Seed s's winner fitness at generations 1, 2, ...: runs of 2, 4 and 3 generations. */
  private static final double[][] CURVES = {{0.1, 0.5}, {0.2, 0.3, 0.4, 0.9}, {0.3, 0.6, 0.7}};

  @Test
  void aRunThatStoppedEarlyKeepsItsLastFitnessInTheBand() {
    SparkSession spark = SparkSession.builder().config(PathnetJobConf.withDefaults(new SparkConf()
        .setMaster("local[1]").set("spark.ui.enabled", "false"))).getOrCreate();
    try {
      List<Row> rows = new ArrayList<>();
      for (String variant : new String[] {"lr=0.1", null}) {
        for (int seed = 0; seed < CURVES.length; seed++) {
          for (int g = 1; g <= CURVES[seed].length; g++) {
            rows.add(RowFactory.create(variant, "5,6->6,7", seed, "pathnet", "A", g, CURVES[seed][g - 1], 0.05,
                new Integer[][] {{0, 1, 2}}, 1.0));
          }
        }
      }
      FitnessBands bands = FitnessBandQuery.of(spark.createDataFrame(rows, ResultTables.GENERATIONS_SCHEMA));

      // generation 3: seed 0 at its last 0.5, seeds 1 and 2 at 0.4 and 0.7; generation 4: 0.5, 0.9, 0.7
      List<FitnessBands.Point> expected = List.of(new FitnessBands.Point(1, 0.2, 0.12, 0.28),
          new FitnessBands.Point(2, 0.5, 0.34, 0.58), new FitnessBands.Point(3, 0.5, 0.42, 0.66),
          new FitnessBands.Point(4, 0.7, 0.54, 0.86));
      for (String variant : new String[] {"lr=0.1", "base"}) {
        Map<String, List<FitnessBands.Point>> cell = bands.of(variant, "5,6->6,7");
        assertEquals(List.of("pathnet A"), List.copyOf(cell.keySet()), variant);
        List<FitnessBands.Point> band = cell.get("pathnet A");
        assertEquals(expected.size(), band.size(), variant);
        for (int i = 0; i < expected.size(); i++) {
          FitnessBands.Point e = expected.get(i);
          FitnessBands.Point p = band.get(i);
          assertEquals(e.generation(), p.generation(), variant);
          assertEquals(e.median(), p.median(), 1e-12, variant + " median at " + e.generation());
          assertEquals(e.low(), p.low(), 1e-12, variant + " 10% at " + e.generation());
          assertEquals(e.high(), p.high(), 1e-12, variant + " 90% at " + e.generation());
        }
      }
    } finally {
      spark.stop();
    }
  }
}
