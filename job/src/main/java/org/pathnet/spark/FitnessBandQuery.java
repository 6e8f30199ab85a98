package org.pathnet.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.pathnet.experiment.Variant;
import org.pathnet.report.FitnessBands;
import scala.Tuple2;

/**
 * The report's fitness bands ({@link FitnessBands}) computed by Spark from a {@code generations} table: each group's
 * rows (one arm's task in one cell, every seed) are gathered into one task, which draws the group's band there, so
 * only the bands' points, three numbers a generation and group, reach the driver.
 */
public final class FitnessBandQuery {
  private FitnessBandQuery() {}

  /**
   * The bands of {@code generations}, a table of the {@code generations} schema; one written before studies had
   * variants (its {@code variant} null) is the one variant {@code base}'s.
   */
  public static FitnessBands of(Dataset<Row> generations) {
    Map<FitnessBands.Group, List<FitnessBands.Point>> bands = new LinkedHashMap<>();
    generations.select(coalesce(col("variant"), lit(Variant.BASE_LABEL)), col("pair"), col("arm"), col("task"),
            col("seed"), col("generation"), col("winnerFitness"))
        .javaRDD()
        .mapToPair(r -> new Tuple2<>(new FitnessBands.Group(r.getString(0), r.getString(1), r.getString(2),
            r.getString(3)), new double[] {r.getInt(4), r.getInt(5), r.getDouble(6)}))
        .groupByKey()
        .mapValues(FitnessBandQuery::band)
        .collect()
        .forEach(band -> bands.put(band._1(), band._2()));
    return new FitnessBands(bands);
  }

  /** The band of one group's rows, each (seed, generation, winner fitness). */
  private static List<FitnessBands.Point> band(Iterable<double[]> rows) {
    Map<Integer, List<double[]>> bySeed = new TreeMap<>();
    rows.forEach(row -> bySeed.computeIfAbsent((int) row[0], seed -> new ArrayList<>()).add(row));
    List<double[]> curves = new ArrayList<>(bySeed.size());
    for (List<double[]> run : bySeed.values()) {
      run.sort(Comparator.comparingDouble(row -> row[1]));
      curves.add(run.stream().mapToDouble(row -> row[2]).toArray());
    }
    return FitnessBands.band(curves);
  }
}
