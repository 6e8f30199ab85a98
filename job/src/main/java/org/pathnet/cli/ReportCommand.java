package org.pathnet.cli;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.sql.SparkSession;
import org.pathnet.BadInputExit;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.report.FitnessBands;
import org.pathnet.report.Report;
import org.pathnet.report.Summary;
import org.pathnet.report.TransferMap;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.FitnessBandQuery;
import org.pathnet.spark.ResultTables;

/**
 * {@code ./submit.sh report DIR}: rebuilds {@code DIR/report} from the run directory's Parquet tables and
 * {@code config.properties}, on a local Spark session; the tables are never touched, but a study with a transfer map
 * run before the map existed gains its {@code transferMap} table. A
 * directory without a complete manifest, or whose tables are missing, damaged, truncated or hold fewer or more rows
 * than the manifest counts, is refused with one line and exit code 2, its report left as it was.
 */
public final class ReportCommand {
  private ReportCommand() {}

  public static void main(String[] args) {
    BadInputExit.run(() -> run(args, new SparkConf()));
  }

  /**
   * Reads {@code table} with {@code reader}. RunDirectory.open has checked every file's footer and row count; damage
   * inside a file (a checksum that does not match, a page that does not decode) shows only when Spark reads it, in a
   * task: that becomes one line naming the table and the file, and Spark's own log of the failed task is held back.
   */
  static <T> T read(RunDirectory directory, String table, Supplier<T> reader) {
    try (SparkTaskFailureLogs logs = SparkTaskFailureLogs.heldBack()) {
      return reader.get();
    } catch (Exception e) { // Spark throws its checked SparkException undeclared
      if (e instanceof SparkException) {
        throw new InvalidInputException(directory.uri() + "/" + table + ": cannot be read, the table is damaged ("
            + innermost(e).getMessage() + ")", e);
      }
      throw e;
    }
  }

  private static Throwable innermost(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** Rebuilds the report of the run directory {@code args[0]}; returns the directory's URI. */
  public static String run(String[] args, SparkConf sparkConf) {
    if (args.length != 1 || args[0].isBlank()) {
      throw new InvalidInputException("report needs exactly one run directory (usage: ./submit.sh report DIR)");
    }
    RunDirectory directory = RunDirectory.open(args[0], new Configuration(),
        List.of(RunDirectory.RUNS, RunDirectory.GENERATIONS));
    Settings settings;
    try {
      settings = Settings.fromSparkConf(directory.readConfig(), null);
    } catch (IOException e) {
      throw new InvalidInputException(directory.uri() + "/" + RunDirectory.CONFIG + ": cannot be read ("
          + e.getMessage() + ")", e);
    }
    SparkSession spark = SparkSession.builder().config(sparkConf.setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.app.name", "pathnet-report").setIfMissing("spark.ui.enabled", "false")).getOrCreate();
    try {
      List<TaskOutcome> runs = read(directory, RunDirectory.RUNS, () -> ResultTables.readRuns(spark, directory.uri()));
      FitnessBands bands = read(directory, RunDirectory.GENERATIONS,
          () -> FitnessBandQuery.of(ResultTables.generationsTable(spark, directory.uri())));
      Summary summary = Summary.of(runs, settings);
      TransferMap map = TransferMap.ifAny(runs, settings, summary);
      if (map != null && !directory.hasTable(RunDirectory.TRANSFER_MAP)) {
        // a study run before the map existed gains its table: the only table this command writes
        ResultTables.write(ResultTables.transferMap(spark, map), directory.uri(), RunDirectory.TRANSFER_MAP);
      }
      directory.writeReport(Report.render(settings, summary, runs, bands, map));
      System.out.printf("pathnet: report rebuilt: %s/%s/%s%n", directory.uri(), RunDirectory.REPORT, Report.PAGE);
      return directory.uri();
    } catch (IOException e) {
      throw new InvalidInputException(directory.uri() + "/" + RunDirectory.REPORT + ": cannot be written ("
          + e.getMessage() + ")", e);
    } finally {
      spark.stop();
    }
  }
}
