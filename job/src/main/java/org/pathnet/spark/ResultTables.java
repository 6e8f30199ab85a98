package org.pathnet.spark;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.pathnet.experiment.GenerationLog;
import org.pathnet.experiment.GenerationRecord;
import org.pathnet.experiment.RowFile;
import org.pathnet.experiment.StudyFiles;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.Variant;
import org.pathnet.network.Architecture;
import org.pathnet.report.Summary;
import org.pathnet.report.TransferMap;
import org.pathnet.rundir.RunDirectory;

/**
 * The study's result tables as Spark SQL sees them (docs/PATHNET.md, "The result tables"): {@code runs} and
 * {@code generations}, and the {@code summary} and {@code transferMap} computed from them, written as Parquet under
 * the run directory.
 * Paths are {@code array<array<int>>} (layer, then gene) so SQL can explode them; wall-clock figures live only in
 * {@code *Millis} columns. Every table starts with the {@code variant} column; a table written before studies had
 * variants reads as the one variant {@code base}.
 */
public final class ResultTables {
  private static final org.apache.spark.sql.types.DataType PATH =
      DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.IntegerType, false), false);

  public static final StructType RUNS_SCHEMA = new StructType()
      .add("variant", DataTypes.StringType, false)
      .add("pair", DataTypes.StringType, false)
      .add("seed", DataTypes.IntegerType, false)
      .add("arm", DataTypes.StringType, false)
      .add("task", DataTypes.StringType, false)
      .add("classes", DataTypes.StringType, false)
      .add("solved", DataTypes.BooleanType, false)
      .add("generations", DataTypes.IntegerType, true)
      .add("overlap", DataTypes.IntegerType, true)
      .add("testAccuracy", DataTypes.DoubleType, false)
      .add("path", PATH, false);

  public static final StructType GENERATIONS_SCHEMA = new StructType()
      .add("variant", DataTypes.StringType, false)
      .add("pair", DataTypes.StringType, false)
      .add("seed", DataTypes.IntegerType, false)
      .add("arm", DataTypes.StringType, false)
      .add("task", DataTypes.StringType, false)
      .add("generation", DataTypes.IntegerType, false)
      .add("winnerFitness", DataTypes.DoubleType, false)
      .add("loserFitness", DataTypes.DoubleType, true)
      .add("winnerPath", PATH, false)
      .add("trainMillis", DataTypes.DoubleType, false);

  /**
   * One row per (variant, pair, arm, task); column names are final (docs/RUNNING.md, "The summary", defines them and
   * the Zeppelin note uses them).
   */
  public static final StructType SUMMARY_SCHEMA = new StructType()
      .add("variant", DataTypes.StringType, false)
      .add("pair", DataTypes.StringType, false)
      .add("arm", DataTypes.StringType, false)
      .add("task", DataTypes.StringType, false)
      .add("runs", DataTypes.IntegerType, false)
      .add("solved", DataTypes.IntegerType, false)
      .add("censored", DataTypes.IntegerType, false)
      .add("genMean", DataTypes.DoubleType, true)
      .add("genSe", DataTypes.DoubleType, true)
      .add("genMedian", DataTypes.DoubleType, true)
      .add("genQ1", DataTypes.DoubleType, true)
      .add("genQ3", DataTypes.DoubleType, true)
      .add("speedup", DataTypes.DoubleType, true)
      .add("speedupLow", DataTypes.DoubleType, true)
      .add("speedupHigh", DataTypes.DoubleType, true)
      .add("pValue", DataTypes.DoubleType, true)
      .add("overlapMean", DataTypes.DoubleType, true)
      .add("overlapRandom", DataTypes.DoubleType, true);

  /**
   * The transfer map's cells: one row per (variant, pair) of a study with a map; column names are final
   * (docs/RUNNING.md, "The transfer map", defines them and the Zeppelin note uses them).
   */
  public static final StructType TRANSFER_MAP_SCHEMA = new StructType()
      .add("variant", DataTypes.StringType, false)
      .add("pair", DataTypes.StringType, false)
      .add("speedup", DataTypes.DoubleType, true)
      .add("speedupLow", DataTypes.DoubleType, true)
      .add("speedupHigh", DataTypes.DoubleType, true)
      .add("correctedLow", DataTypes.DoubleType, true)
      .add("correctedHigh", DataTypes.DoubleType, true)
      .add("familyLevel", DataTypes.DoubleType, false)
      .add("marked", DataTypes.BooleanType, false)
      .add("overlapMean", DataTypes.DoubleType, true)
      .add("overlapSpearman", DataTypes.DoubleType, true);

  /**
   * Rows per Spark task when a table is built from the driver's rows: they travel inside the task, and Spark warns
   * about a task over 1,000 KiB (a runs row is a few hundred bytes there).
   */
  private static final int ROWS_PER_TASK = 2_000;

  private ResultTables() {}

  /**
   * {@code records} as a table whose every task carries at most {@link #ROWS_PER_TASK} of them, each made a row in
   * the task: the driver, which holds the study's rows until now, never holds a second copy of them as table rows.
   */
  private static <T> Dataset<Row> table(SparkSession spark, List<T> records, Function<T, Row> toRow,
      StructType schema) {
    int slices = Math.max(1, (records.size() + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
    return spark.createDataFrame(JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(records, slices).map(toRow), schema);
  }

  public static Dataset<Row> runs(SparkSession spark, List<TaskOutcome> records) {
    return table(spark, records, r -> RowFactory.create(r.variant(), r.pair(), r.seed(), r.arm(), r.task(),
        r.classes(), r.solved(), r.generations(), r.overlap(), r.testAccuracy(), path(r.path())), RUNS_SCHEMA);
  }

  /**
   * The {@code generations} table of the rows {@code log} wrote into its row files (all of them: the log has
   * {@link GenerationLog#finish finished}), each file read and made rows in a Spark task of its own: the driver never
   * holds the study's rows.
   */
  public static Dataset<Row> generations(SparkSession spark, GenerationLog log) {
    if (log.directory() == null || log.files().stream().mapToLong(RowFile::rows).sum() != log.count()) {
      throw new IllegalStateException("the generations table is built from row files, which hold only some rows");
    }
    StudyFiles files = log.directory();
    HashMap<String, Architecture> byVariant = new HashMap<>(log.architectures());
    JavaRDD<Row> rows = JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(log.files(), Math.max(1, log.files().size()))
        .flatMap(file -> file.read(files, byVariant).stream().map(ResultTables::row).iterator());
    return spark.createDataFrame(rows, GENERATIONS_SCHEMA);
  }

  private static Row row(GenerationRecord g) {
    return RowFactory.create(g.variant(), g.pair(), g.seed(), g.arm(), g.task(), g.generation(), g.winnerFitness(),
        g.loserFitness(), path(g.winnerPath()), g.trainMillis());
  }

  public static Dataset<Row> summary(SparkSession spark, Summary summary) {
    return table(spark, summary.rows(), r -> RowFactory.create(r.variant(), r.pair(), r.arm(), r.task(), r.runs(),
        r.solved(), r.censored(), r.genMean(), r.genSe(), r.genMedian(), r.genQ1(), r.genQ3(), r.speedup(),
        r.speedupLow(), r.speedupHigh(), r.pValue(), r.overlapMean(), r.overlapRandom()), SUMMARY_SCHEMA);
  }

  public static Dataset<Row> transferMap(SparkSession spark, TransferMap map) {
    return table(spark, map.cells(), c -> RowFactory.create(c.variant(), c.pair(), c.speedup(), c.speedupLow(),
        c.speedupHigh(), c.correctedLow(), c.correctedHigh(), c.familyLevel(), c.marked(), c.overlapMean(),
        c.overlapSpearman()), TRANSFER_MAP_SCHEMA);
  }

  /** The rows of a run directory's {@code runs} table, as the study returned them. */
  public static List<TaskOutcome> readRuns(SparkSession spark, String runDirectory) {
    List<TaskOutcome> records = new ArrayList<>();
    for (Row r : spark.read().schema(RUNS_SCHEMA).parquet(runDirectory + "/" + RunDirectory.RUNS).collectAsList()) {
      records.add(new TaskOutcome(variant(r), r.getString(1), r.getInt(2), r.getString(3), r.getString(4),
          r.getString(5), r.getBoolean(6), r.isNullAt(7) ? null : r.getInt(7), r.isNullAt(8) ? null : r.getInt(8),
          r.getDouble(9), genes(r.getList(10))));
    }
    return records;
  }

  /** A run directory's {@code generations} table, as Spark reads it. */
  public static Dataset<Row> generationsTable(SparkSession spark, String runDirectory) {
    return spark.read().schema(GENERATIONS_SCHEMA).parquet(runDirectory + "/" + RunDirectory.GENERATIONS);
  }

  /** The rows of a run directory's {@code generations} table, as the study returned them. */
  public static List<GenerationRecord> readGenerations(SparkSession spark, String runDirectory) {
    List<GenerationRecord> records = new ArrayList<>();
    for (Row r : generationsTable(spark, runDirectory).collectAsList()) {
      records.add(new GenerationRecord(variant(r), r.getString(1), r.getInt(2), r.getString(3), r.getString(4),
          r.getInt(5), r.getDouble(6), r.isNullAt(7) ? null : r.getDouble(7), genes(r.getList(8)), r.getDouble(9)));
    }
    return records;
  }

  /** A row's variant: none in a table written before studies had variants, whose rows are all the base study's. */
  private static String variant(Row r) {
    return r.isNullAt(0) ? Variant.BASE_LABEL : r.getString(0);
  }

  /** A path column read back: Spark hands nested arrays over as Scala sequences. */
  private static int[][] genes(List<scala.collection.Seq<Integer>> layers) {
    int[][] genes = new int[layers.size()][];
    for (int l = 0; l < genes.length; l++) {
      genes[l] = scala.collection.JavaConverters.seqAsJavaList(layers.get(l)).stream().mapToInt(Integer::intValue)
          .toArray();
    }
    return genes;
  }

  /**
   * Writes {@code table} as one Parquet file into {@code runDirectory/name}, its rows in the order of the columns
   * {@code sortedBy} (none: as they were given); the directory must not hold it yet. A table of many slices is
   * sorted before it is gathered into one file: the sort's shuffle hands the rows over as blocks, where gathering
   * the slices themselves would put every row into one task.
   */
  public static void write(Dataset<Row> table, String runDirectory, String name, String... sortedBy) {
    Dataset<Row> ordered = sortedBy.length == 0 ? table
        : table.orderBy(sortedBy[0], Arrays.copyOfRange(sortedBy, 1, sortedBy.length));
    ordered.coalesce(1).write().mode(SaveMode.ErrorIfExists).parquet(runDirectory + "/" + name);
  }

  private static Integer[][] path(int[][] genes) {
    // arrays, as Spark's row encoder takes them on the executors that build the table
    return Arrays.stream(genes).map(layer -> Arrays.stream(layer).boxed().toArray(Integer[]::new))
        .toArray(Integer[][]::new);
  }
}
