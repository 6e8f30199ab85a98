package org.pathnet.cli;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads a run directory's tables back with Spark SQL, in the form PATHNET.md's "equal" compares. */
final class StudyTables {
  private StudyTables() {}

  /** The rows of {@code table}, wall-clock ({@code *Millis}) columns dropped, as sorted strings: a multiset. */
  static List<String> comparable(SparkSession spark, String runDirectory, String table) {
    Dataset<Row> rows = spark.read().parquet(runDirectory + "/" + table);
    String[] millis = Arrays.stream(rows.columns()).filter(c -> c.endsWith("Millis")).toArray(String[]::new);
    return rows.drop(millis).collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
