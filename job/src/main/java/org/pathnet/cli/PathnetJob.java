package org.pathnet.cli;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.TrainingPlan;
import org.pathnet.report.Summary;
import org.pathnet.spark.PathnetJobConf;
import org.pathnet.spark.ResultTables;
import org.pathnet.spark.RunDirectory;
import org.pathnet.spark.SingleThreadedNd4j;
import org.pathnet.spark.SparkContestRunner;
import scala.Tuple2;

/**
 * The Spark application (spark-submit's {@code --class}): resolves the settings, claims the run directory,
 * runs the study and writes its tables, configuration and manifest. Everything that can be checked is
 * checked before the SparkContext starts; a bad input ends the job with one line on stderr and exit code 2.
 */
public final class PathnetJob {
  private static final int BAD_INPUT = 2;

  private PathnetJob() {}

  public static void main(String[] args) {
    try {
      run(args, new SparkConf());
    } catch (InvalidInputException e) {
      System.err.println("pathnet: error: " + e.getMessage());
      System.exit(BAD_INPUT);
    }
  }

  /**
   * Runs the whole study with Spark configuration {@code sparkConf} (spark-submit's, in production); returns the
   * run directory's URI.
   */
  public static String run(String[] args, SparkConf sparkConf) {
    JobArguments arguments = JobArguments.parse(args);
    SparkConf conf = PathnetJobConf.withDefaults(sparkConf);
    String home = System.getProperty(Settings.HOME_PROPERTY, System.getenv(Settings.HOME_VARIABLE));
    Settings settings = Settings.fromSparkConf(entries(conf), home);
    Configuration hadoop = new Configuration();
    StudyData data = StudyData.load(settings, hadoop);
    RunDirectory directory = RunDirectory.claim(arguments.out(), arguments.overwrite(), hadoop);

    Instant started = Instant.now();
    SingleThreadedNd4j.ensure();
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      Study study = new Study(settings, data);
      System.out.printf("pathnet: %d runs (%d pairs x %d seeds x arms %s) on %s, writing to %s%n", study.size(),
          settings.pairs().size(), settings.seeds(), String.join(",", settings.arms().stream().map(Arm::label).toList()),
          sc.master(), directory.uri());
      TrainingPlan plan = TrainingPlan.of(settings, data.inputSize());
      Study.Results results = study.run(new SparkContestRunner(sc, plan, data, settings.partitions()),
          new ProgressPrinter(System.out, study.size()));

      ResultTables.write(ResultTables.runs(spark, results.runs()), directory.uri(), ResultTables.RUNS);
      ResultTables.write(ResultTables.generations(spark, results.generations()), directory.uri(),
          ResultTables.GENERATIONS);
      directory.writeConfig(settings.toProperties());
      Instant finished = Instant.now();
      directory.writeManifest(manifest(settings, data, sc, started, finished, results));
      System.out.println();
      System.out.print(Summary.of(results.runs()).format());
      System.out.printf("%npathnet: done in %.1f s; run directory %s%n",
          (finished.toEpochMilli() - started.toEpochMilli()) / 1000.0, directory.uri());
      return directory.uri();
    } catch (java.io.IOException e) {
      throw new InvalidInputException("run directory " + directory.uri() + ": " + e.getMessage(), e);
    } finally {
      spark.stop();
    }
  }

  private static Map<String, String> entries(SparkConf conf) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (Tuple2<String, String> entry : conf.getAll()) {
      entries.put(entry._1(), entry._2());
    }
    return entries;
  }

  private static Map<String, Object> manifest(Settings settings, StudyData data, JavaSparkContext sc,
      Instant started, Instant finished, Study.Results results) throws java.io.IOException {
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
    m.put("data", Map.of("directory", settings.data(), "sha256", data.checksums()));
    m.put("master", sc.master());
    m.put("startedAt", started.toString());
    m.put("finishedAt", finished.toString());
    m.put("wallMillis", finished.toEpochMilli() - started.toEpochMilli());
    m.put("runRows", results.runs().size());
    m.put("generationRows", results.generations().size());
    return m;
  }
}
