package org.pathnet.cli;

import static org.pathnet.experiment.SettingKey.DATA;
import static org.pathnet.experiment.SettingKey.GENERATIONS_PER_ROUND;
import static org.pathnet.experiment.SettingKey.SEEDS;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pathnet.BadInputExit;
import org.pathnet.InvalidInputException;
import org.pathnet.bench.StudyCost;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.GenerationLog;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.report.FitnessBands;
import org.pathnet.report.Report;
import org.pathnet.report.Summary;
import org.pathnet.report.TransferMap;
import org.pathnet.rundir.CheckpointWriter;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.rundir.WriteFailure;
import org.pathnet.spark.FitnessBandQuery;
import org.pathnet.spark.PathnetJobConf;
import org.pathnet.spark.ResultTables;
import org.pathnet.spark.SingleThreadedNd4j;
import org.pathnet.spark.SparkJobDescriptions;
import org.pathnet.spark.SparkRounds;
import scala.Tuple2;

/**
 * The Spark application (spark-submit's {@code --class}): resolves the settings, claims the run directory,
 * runs the study and writes its tables (runs, generations, summary, and the transfer map's cells in a study that has
 * one), configuration, report and manifest (last).
 * Everything that can be checked is checked before the SparkContext starts; a bad input ends the job with one
 * line on stderr and exit code 2.
 */
public final class PathnetJob {
  private PathnetJob() {}

  public static void main(String[] args) {
    try {
      BadInputExit.run(() -> run(args, new SparkConf()));
    } catch (Interrupts.Stopped e) {
      System.err.println(e.getMessage());
      System.exit(e.exitCode);
    } catch (WriteFailure e) {
      System.err.println("pathnet: error: " + e.getMessage());
      System.exit(WRITE_FAILED);
    }
  }

  /** The exit code of a study whose run directory could not be written. */
  static final int WRITE_FAILED = 1;

  /**
   * Runs the whole study with Spark configuration {@code sparkConf} (spark-submit's, in production); returns the
   * run directory's URI.
   */
  public static String run(String[] args, SparkConf sparkConf) {
    JobArguments arguments = JobArguments.parse(args);
    SparkConf conf = PathnetJobConf.withDefaults(sparkConf);
    String home = System.getProperty(Settings.HOME_PROPERTY, System.getenv(Settings.HOME_VARIABLE));
    Configuration hadoop = new Configuration();
    StudyStart start = arguments.resume() ? StudyStart.resume(arguments.out(), entries(conf), home, hadoop)
        : StudyStart.fresh(arguments.out(), arguments.overwrite(), entries(conf), home, hadoop);
    Settings settings = start.settings;
    StudyData data = start.data;
    RunDirectory directory = start.directory;
    Study study = start.study;

    Instant started = Instant.now();
    try {
      SingleThreadedNd4j.ensure();
      SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
      Interrupts interrupts = Interrupts.watch(spark.sparkContext());
      try {
        return run(spark, settings, data, directory, study, started, interrupts);
      } catch (Exception e) { // Spark's SparkException too: checked, and thrown undeclared
        if (interrupts.stoppedTheStudy()) {
          throw interrupts.stopped(directory, e);
        }
        throw e;
      } finally {
        interrupts.close();
        spark.stop();
      }
    } finally {
      directory.release();
    }
  }

  /** Runs {@code study} on {@code spark} and writes its results into {@code directory}; returns its URI. */
  private static String run(SparkSession spark, Settings settings, StudyData data, RunDirectory directory,
      Study study, Instant started, Interrupts interrupts) {
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      if (!sc.isLocal()) { // where an executor can be lost alone, its runs are rebuilt from what is written here
        sc.setCheckpointDir(directory.lineage());
      }
      System.out.printf("pathnet: %d runs (%d variants x %d pairs x %d seeds x arms %s) on %s, writing to %s%n",
          study.size(), settings.variants().size(), settings.pairs().size(), settings.integer(SEEDS),
          String.join(",", settings.arms().stream().map(Arm::label).toList()), sc.master(), directory.uri());
      System.out.println(StudyCost.line(settings, study, StudyCost.calibrate(settings, data), sc.defaultParallelism()));
      ProgressPrinter progress = new ProgressPrinter(System.out, study.size(), settings.integer(GENERATIONS_PER_ROUND));
      CheckpointWriter checkpoints = new CheckpointWriter(study, settings, data, directory);
      SparkJobDescriptions descriptions = SparkJobDescriptions.start(spark.sparkContext(), directory.uri(),
          study.size(), settings.integer(GENERATIONS_PER_ROUND));
      Study.Results results;
      try (SparkRounds rounds = SparkRounds.of(sc, settings, data)) {
        try (SparkTaskFailureLogs logs = SparkTaskFailureLogs.heldBack()) {
          study.start(rounds); // a resumed study's shard files that cannot be read end it here, in one line
        }
        results = writingRows(directory, () -> study.run(rounds, new Study.Listener() {
          @Override
          public void roundStarting(int number, Map<String, Integer> activeByArm) {
            descriptions.roundStarting(number, activeByArm);
          }

          @Override
          public void roundFinished(Round round) {
            interrupts.roundFinished(round);
            progress.roundFinished(round);
            if (CheckpointWriter.due(settings, round.number())) {
              checkpoint(() -> checkpoints.roundFinished(round));
            }
          }
        }));
      }
      descriptions.writingResults();
      GenerationLog generations = writingRows(directory, results.generations()::finish);
      checkpoint(checkpoints::finished);

      writeTable(directory, RunDirectory.RUNS, () -> ResultTables.write(ResultTables.runs(spark, results.runs()),
          directory.uri(), RunDirectory.RUNS, "variant", "pair", "seed", "arm", "task"));
      writeTable(directory, RunDirectory.GENERATIONS, () -> ResultTables.write(ResultTables.generations(spark,
          generations), directory.uri(), RunDirectory.GENERATIONS, "variant", "pair", "seed", "arm", "task",
          "generation"));
      Summary summary = Summary.of(results.runs(), settings);
      writeTable(directory, RunDirectory.SUMMARY, () -> ResultTables.write(ResultTables.summary(spark, summary),
          directory.uri(), RunDirectory.SUMMARY));
      TransferMap map = TransferMap.ifAny(results.runs(), settings, summary);
      if (map != null) {
        writeTable(directory, RunDirectory.TRANSFER_MAP, () -> ResultTables.write(ResultTables.transferMap(spark,
            map), directory.uri(), RunDirectory.TRANSFER_MAP));
      }
      writeReport(spark, directory, settings, summary, results, map);
      Instant finished = Instant.now();
      directory.writeManifest(manifest(settings, data, sc, started, finished, results, progress.memoryPeaks()));
      directory.removeCheckpoints();
      System.out.println();
      System.out.print(summary.format());
      System.out.printf("%npathnet: %s%n", progress.memoryPeaksLine());
      System.out.printf("pathnet: done in %.1f s; run directory %s%n",
          (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0, directory.uri());
      return directory.uri();
    } catch (IOException e) {
      throw new InvalidInputException("run directory " + directory.uri() + ": " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new InvalidInputException(e.getMessage() + ": " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Writes a checkpoint with {@code write}, Spark's logs of failing Spark tasks held back: executors write its shard
   * files, and one that cannot be written is the study's one line. They stay held back when it fails, as the rounds
   * the study then cancels would log too.
   */
  private static void checkpoint(Runnable write) {
    SparkTaskFailureLogs logs = SparkTaskFailureLogs.heldBack();
    write.run();
    logs.close();
  }

  /**
   * Runs {@code play}, in which the study writes its generation rows into row files as it logs them: a file that
   * cannot be written is the directory's one line.
   */
  private static <T> T writingRows(RunDirectory directory, Supplier<T> play) {
    try {
      return play.get();
    } catch (GenerationLog.WriteFailed e) {
      throw directory.failure(e.path(), e.getCause());
    }
  }

  /**
   * Writes {@code table} with {@code write}: Spark's logs of its failing tasks are held back, and a failure that an
   * I/O error caused (a full disk, say) is the directory's one line.
   */
  private static void writeTable(RunDirectory directory, String table, Runnable write) {
    try (SparkTaskFailureLogs logs = SparkTaskFailureLogs.heldBack()) {
      write.run();
    } catch (Exception e) { // Spark's SparkException too: checked, and thrown undeclared
      Throwable io = WriteFailure.inputOutputCause(e);
      if (io != null) {
        throw directory.failure(directory.uri() + "/" + table, io);
      }
      throw e;
    }
  }

  /**
   * Draws the report into the run directory. The tables are the study's result: a driver that cannot draw (no
   * fonts on a cluster node, say) only warns, and the report can be rebuilt elsewhere from the finished directory.
   */
  private static void writeReport(SparkSession spark, RunDirectory directory, Settings settings, Summary summary,
      Study.Results results, TransferMap map) throws java.io.IOException {
    Map<String, byte[]> report;
    try {
      FitnessBands bands = FitnessBandQuery.of(ResultTables.generationsTable(spark, directory.uri()));
      report = Report.render(settings, summary, results.runs(), bands, map);
    } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
      System.err.printf("pathnet: warning: report/ not drawn (%s); rebuild it with ./submit.sh report %s%n", e,
          directory.uri());
      return;
    }
    directory.writeReport(report);
  }

  private static Map<String, String> entries(SparkConf conf) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (Tuple2<String, String> entry : conf.getAll()) {
      entries.put(entry._1(), entry._2());
    }
    return entries;
  }

  private static Map<String, Object> manifest(Settings settings, StudyData data, JavaSparkContext sc,
      Instant started, Instant finished, Study.Results results, Map<String, Long> memoryPeaks)
      throws IOException {
    Properties build = new Properties();
    try (var in = PathnetJob.class.getClassLoader().getResourceAsStream("pathnet-build.properties")) {
      build.load(in);
    }
    Map<String, Object> versions = new LinkedHashMap<>();
    versions.put("pathnet", build.getProperty("pathnet.version"));
    versions.put("spark", sc.version());
    versions.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
    versions.put("nd4j", build.getProperty("dl4j.version"));
    versions.put("java", System.getProperty("java.version"));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(RunDirectory.STATUS, RunDirectory.COMPLETE);
    m.put("versions", versions);
    m.put("data", Map.of("directory", settings.text(DATA), "sha256", data.checksums()));
    // the commit submit.sh ran from (git describe, "-dirty" with uncommitted changes): what FINDINGS.md records
    m.put("commit", System.getenv().getOrDefault("PATHNET_COMMIT", "unknown"));
    m.put("master", sc.master());
    m.put("cores", sc.defaultParallelism());
    m.put("startedAt", started.toString());
    m.put("finishedAt", finished.toString());
    m.put("wallMillis", finished.toEpochMilli() - started.toEpochMilli());
    m.put(RunDirectory.RUN_ROWS, results.runs().size());
    m.put(RunDirectory.GENERATION_ROWS, results.generations().count());
    m.put("driverMemoryPeaks", memoryPeaks);
    return m;
  }
}
