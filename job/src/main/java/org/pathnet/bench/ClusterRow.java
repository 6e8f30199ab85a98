package org.pathnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.pathnet.bench.BenchCommand.StudyTiming;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyData;
import org.pathnet.spark.PathnetJobConf;

/**
 * The bench's row for a Spark standalone cluster of {@link #WORKERS} one-core Workers on 127.0.0.1, each executor a
 * JVM of its own: the study's driver runs in a process of its own too, so that the peak resident memory read for it
 * (VmHWM of {@code /proc/PID/status}, sampled as it runs) is the driver's alone.
 */
final class ClusterRow {
  static final int WORKERS = 2;
  private static final String TIMING = "timing ";
  private static final long SAMPLE_MILLIS = 100;

  private ClusterRow() {}

  /** The medians of the row's studies, and the driver process's peak resident set in bytes. */
  record Measured(StudyTiming timing, long peakResidentBytes) {}

  /** Starts the row's cluster in {@code home}'s job/target/bench-cluster. */
  static StandaloneCluster start(String home) {
    Path target = Path.of(home, "job", "target");
    try {
      return StandaloneCluster.start(target.resolve("bench-cluster"), new StandaloneCluster.Shape(
          target.resolve("spark-distribution.classpath"), WORKERS, 1, "1g", 0, List.of()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the cluster started", e);
    }
  }

  /**
   * Times {@code warmUps} then {@code reps} studies under {@code settings} (explicit keys) on {@code cluster} in a
   * driver process of this JVM's options and class path.
   */
  static Measured measure(StandaloneCluster cluster, String home, Map<String, String> settings, int warmUps,
      int reps) {
    try {
      return measureIn(cluster, home, settings, warmUps, reps);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the cluster row ran", e);
    }
  }

  private static Measured measureIn(StandaloneCluster cluster, String home, Map<String, String> settings,
      int warmUps, int reps) throws IOException, InterruptedException {
    Path out = Files.createTempFile("pathnet-bench-driver", ".out");
    Path log = Path.of(home, "job", "target", "bench-cluster", "driver.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-D" + Settings.HOME_PROPERTY + "=" + home, "-cp", System.getProperty("java.class.path"),
        ClusterRow.class.getName(),
        cluster.masterUrl(), Path.of(home, "job", "target", "pathnet-job-cluster.jar").toString(),
        Integer.toString(warmUps), Integer.toString(reps)));
    settings.forEach((key, value) -> command.add(key + "=" + value));
    Process driver = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
    long peak = 0;
    Path status = Path.of("/proc", Long.toString(driver.pid()), "status");
    while (driver.isAlive()) {
      peak = Math.max(peak, highWaterMark(status));
      Thread.sleep(SAMPLE_MILLIS);
    }
    String timing = Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith(TIMING))
        .findFirst().orElseThrow(() -> new IllegalStateException("the cluster row's driver ended with exit code "
            + driver.exitValue() + " and no timing: see " + log));
    Files.delete(out);
    String[] f = timing.substring(TIMING.length()).split(" ");
    StudyTiming t = new StudyTiming();
    t.wallSeconds = Double.parseDouble(f[0]);
    t.inTaskSeconds = Double.parseDouble(f[1]);
    t.runGenerations = Long.parseLong(f[2]);
    t.shippedBytes = Long.parseLong(f[3]);
    return new Measured(t, peak);
  }

  /** A process's peak resident set so far, in bytes; 0 once it is gone. */
  private static long highWaterMark(Path status) {
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.UTF_8)) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
        }
      }
    } catch (IOException e) {
      // the process ended between the check and the read
    }
    return 0;
  }

  /**
   * The row's driver: {@code MASTER CLUSTER_JAR WARM_UPS REPS KEY=VALUE...}; times the studies in one Spark
   * application, whose executors then warm up once, and prints the medians on one line.
   */
  public static void main(String[] args) {
    Map<String, String> explicit = new LinkedHashMap<>();
    for (int i = 4; i < args.length; i++) {
      String[] kv = args[i].split("=", 2);
      explicit.put(kv[0], kv[1]);
    }
    Settings s = Settings.resolve(explicit, System.getProperty(Settings.HOME_PROPERTY));
    StudyData data = StudyData.load(s, new Configuration());
    SparkConf conf = PathnetJobConf.withDefaults(new SparkConf().setMaster(args[0]).setAppName("pathnet-bench")
        .set("spark.jars", args[1]).set("spark.ui.enabled", "false"));
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      StudyTiming t = BenchCommand.timeStudies(Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          () -> BenchCommand.timeStudy(sc, s, data, WORKERS));
      System.out.printf(Locale.ROOT, "%s%.6f %.6f %d %d%n", TIMING, t.wallSeconds, t.inTaskSeconds,
          t.runGenerations, t.shippedBytes);
    } finally {
      spark.stop();
    }
  }
}
