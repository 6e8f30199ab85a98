package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.pathnet.spark.ResultTables;

/** Reads a run directory's tables back with Spark SQL, in the form docs/PATHNET.md's "equal" compares. */
final class StudyTables {
  private StudyTables() {}

  /** The rows of {@code table}, wall-clock ({@code *Millis}) columns dropped, as sorted strings: a multiset. */
  static List<String> comparable(SparkSession spark, String runDirectory, String table) {
    Dataset<Row> rows = spark.read().parquet(runDirectory + "/" + table);
    String[] millis = Arrays.stream(rows.columns()).filter(c -> c.endsWith("Millis")).toArray(String[]::new);
    return rows.drop(millis).collectAsList().stream().map(Row::toString).sorted().toList();
  }

  /**
   * Asserts that two run directories hold equal studies: the same rows in {@code runs} and {@code generations}
   * over all but the wall-clock columns, and rows at all. Uses a local[1] session of its own, stopped at the end.
   */
  static void assertEqualStudies(String expected, String actual) {
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      for (String table : List.of(ResultTables.RUNS, ResultTables.GENERATIONS)) {
        List<String> rows = comparable(spark, expected, table);
        assertFalse(rows.isEmpty(), table + " of " + expected + " has rows");
        assertEquals(rows, comparable(spark, actual, table), table + " of " + actual + " equal those of " + expected);
      }
    } finally {
      spark.stop();
    }
  }
}
