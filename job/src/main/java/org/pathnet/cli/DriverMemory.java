package org.pathnet.cli;

import static org.pathnet.experiment.SettingKey.GENERATIONS_PER_ROUND;
import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.PARTITIONS;
import static org.pathnet.experiment.SettingKey.POPULATION;
import static org.pathnet.experiment.SettingKey.SEEDS;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.pathnet.BadInputExit;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.GenerationLog;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.experiment.TrainingPlan;
import org.pathnet.experiment.Variant;
import org.pathnet.network.Architecture;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.SparkRounds;

/**
 * {@code submit.sh}'s helper: prints the driver heap a study needs (a JVM {@code -Xmx} value such as {@code 2560m})
 * and what goes with it ({@link Heap}), read from the same arguments the job gets, or refuses, before any work, a
 * study whose driver cannot fit, in one line naming the setting that fixes it. The driver keeps every run's follower
 * and its runs table's rows, and the generation rows it has not yet written out ({@link Kept}): nothing that grows
 * with the generations a study plays. On a local master its JVM is the executor too and also keeps the runs' state
 * (the runs' float arrays, {@link StudyRuns#stateBytes}) in Spark's storage, which spills what does not fit to disk. On
 * any other master the state lives in executors (docs/DESIGN.md, "Data flow"). Settings it cannot read give the
 * smallest heap: the job then refuses them itself, in one line.
 */
public final class DriverMemory {
  /** What the driver needs beside the study: Spark, the training sets it loads, the shipments of a round. */
  private static final long BASE_MB = 1024;
  /**
   * The least a driver needs beside the study: Spark refuses a heap under 450 MB (1.5 x the 300 MB it reserves), and
   * a small study runs in 768 MB (YarnClusterIT's driver container).
   */
  private static final long LEAST_BASE_MB = 512;
  /** Room above what the study keeps so that the collector is not always at work. */
  private static final double HEADROOM = 1.3;
  /** A row's own fields and their strings, without its path. */
  private static final long ROW_FIELDS_BYTES = 224;
  /** A follower without its population: its settings' references, progress, the paths it keeps. */
  private static final long FOLLOWER_BYTES = 2048;
  /** Left to the JVM's memory outside the heap (ND4J's training sets, code, threads) on this machine. */
  private static final long OFF_HEAP_MB = 1024;
  /**
   * A cluster's driver makes little garbage (scores, Spark's scheduling), but G1 grows its young generation, and so
   * the process, towards a share of the heap, which is sized with headroom for the followers: this keeps it small.
   */
  private static final String CLUSTER_DRIVER_YOUNG = "-XX:MaxNewSize=256m";
  private static final double MB = 1 << 20;
  /** spark-submit's default master, and submit.sh's. */
  private static final String DEFAULT_MASTER = "local[*]";
  private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgt])b?", Pattern.CASE_INSENSITIVE);

  private DriverMemory() {}

  public static void main(String[] args) {
    BadInputExit.run(() -> System.out.println(of(args, physicalMegabytes())));
  }

  /** This machine's memory, in MB. */
  private static long physicalMegabytes() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize() >> 20;
  }

  /**
   * The driver's heap in MB; a cluster's driver gets a small young generation. Prints as submit.sh reads it: the
   * heap, then JVM options for the driver, {@code 7507m} or {@code 3679m -XX:MaxNewSize=256m}. A local master's
   * Spark storage keeps the share of the heap the job gives it ({@code PathnetJobConf}): a share cut to what the
   * rows leave starved a small study's storage and execution (Spark warned it could not reserve memory for a block).
   */
  record Heap(long megabytes, boolean local) {
    @Override
    public String toString() {
      return local ? megabytes + "m" : megabytes + "m " + CLUSTER_DRIVER_YOUNG;
    }
  }

  /**
   * The heap for the study that spark-submit's {@code args} describe on a machine of {@code physicalMb}: the user's
   * {@code --driver-memory} when it holds the study, else what the study needs, no more than the machine has beside
   * the JVM's own memory (Spark spills the rest of a local master's state to disk). On a local master Spark's
   * storage gets what the followers and rows leave, so that they never have to fight the state for the heap.
   *
   * @throws InvalidInputException when the user's heap, or this machine, is too small for the study
   */
  static Heap of(String[] args, long physicalMb) {
    Submission submission = Submission.of(args);
    Need need = Need.of(submission);
    long heap;
    if (submission.driverMemory != null) {
      heap = sizeMegabytes(submission.driverMemory);
      if (heap < need.leastMb) {
        throw new InvalidInputException(String.format(Locale.ROOT, "driver memory %s (--driver-memory or"
            + " PATHNET_DRIVER_MEMORY) is below the %,d MB this study's driver needs (%s): give at least %dm, or"
            + " leave it unset to let submit.sh size it", submission.driverMemory, need.leastMb, need.what,
            need.leastMb));
      }
    } else {
      long usable = physicalMb - OFF_HEAP_MB;
      if (need.leastMb > usable) {
        throw new InvalidInputException(String.format(Locale.ROOT, "this study's driver needs at least %,d MB of"
            + " heap (%s), more than the %,d MB this machine has beside the JVM's own: lower"
            + " spark.pathnet.seeds, or submit from a machine with more memory",
            need.leastMb, need.what, usable));
      }
      heap = Math.min(need.sizedMb, usable);
    }
    return new Heap(heap, localCores(submission.master) != null);
  }

  /**
   * What a study's driver keeps: the heap that holds it with headroom, the least that holds it at all (on a local
   * master the state of the shards in play, not all of it: the rest spills), in MB, and what it is, for the user.
   */
  private record Need(long sizedMb, long leastMb, String what) {
    static Need of(Submission submission) {
      Integer cores = localCores(submission.master);
      // the job refuses these itself, before Spark starts
      Need unknown = new Need(BASE_MB, LEAST_BASE_MB, "none");
      if (!submission.readable) {
        // the job reports the file it cannot read
        return unknown;
      }
      Settings settings;
      try {
        settings = Settings.fromSparkConf(submission.conf,
            System.getProperty(Settings.HOME_PROPERTY, System.getenv(Settings.HOME_VARIABLE)));
      } catch (RuntimeException e) {
        // the job reports what is wrong with the settings
        return unknown;
      }
      Kept kept = Kept.of(settings);
      int runs = kept.runs;
      String what = String.format(Locale.ROOT, "%,d runs' followers and up to %,d rows", runs, kept.rows);
      if (cores == null) {
        return new Need(BASE_MB + mb(HEADROOM * kept.bytes), LEAST_BASE_MB + mb(kept.bytes), what);
      }
      long state = StudyRuns.of(settings, 28 * 28).stateBytes();
      int shards = SparkRounds.shards(runs, cores, settings.integer(PARTITIONS), 0);
      // each core plays a shard into a new one, which shares only the modules the round did not train
      long inPlay = Math.min(state, 2L * Math.min(cores, shards) * (state / shards));
      what += String.format(Locale.ROOT, ", and on %s the runs' state, %,d MB, %,d MB of it in play",
          submission.master, state >> 20, inPlay >> 20);
      return new Need(BASE_MB + mb(HEADROOM * (kept.bytes + state)), LEAST_BASE_MB + mb(kept.bytes + inPlay), what);
    }

    private static long mb(double bytes) {
      return (long) Math.ceil(bytes / MB);
    }
  }

  /**
   * What the driver keeps of a study, whatever the master: its runs' followers, a row of the runs table per task, and
   * the generation rows its log holds before it writes them into a row file ({@link GenerationLog}): at most a file's
   * worth and a round's, however many generations the study plays; {@code rows} rows and {@code bytes} in all.
   */
  record Kept(int runs, long rows, long bytes) {
    static Kept of(Settings settings) {
      int runs = 0;
      long taskRows = 0;
      long generationRows = 0;
      long bytes = 0;
      long largestRow = 0;
      for (Variant variant : settings.variants()) {
        Settings s = settings.of(variant);
        Architecture arch = TrainingPlan.of(s, 28 * 28).architecture();
        int runsPerArm = s.pairs().size() * s.integer(SEEDS);
        for (Arm arm : s.arms()) {
          long tasks = (long) runsPerArm * arm.tasks().size();
          runs += runsPerArm;
          taskRows += tasks;
          generationRows += tasks * s.integer(MAX_GENERATIONS);
          bytes += tasks * rowBytes(arch) + (long) runsPerArm * (FOLLOWER_BYTES
              + (arm.evolves() ? populationBytes(arch, s.integer(POPULATION)) : pathBytes(arch)));
        }
        largestRow = Math.max(largestRow, rowBytes(arch));
      }
      long held = Math.min(generationRows,
          GenerationLog.ROWS_PER_FILE + (long) runs * settings.integer(GENERATIONS_PER_ROUND));
      return new Kept(runs, taskRows + held, bytes + held * largestRow);
    }
  }

  /** A pathway's genes as the JVM lays them out: an array of L arrays of N ints, each with its header. */
  private static long pathBytes(Architecture arch) {
    return array(arch.layers()) + arch.layers() * array(arch.activePerLayer());
  }

  /** A population as {@code Population} packs it: its object, and one array of P x L x N shorts. */
  private static long populationBytes(Architecture arch, int size) {
    return 24 + (16 + 2L * size * arch.layers() * arch.activePerLayer() + 7) / 8 * 8;
  }

  /** A row of either table, as the driver holds it: its fields and its path (a table's rows are made in Spark tasks). */
  private static long rowBytes(Architecture arch) {
    return ROW_FIELDS_BYTES + pathBytes(arch);
  }

  /** An array of {@code n} ints or references: a 16-byte header, 4 bytes each, in 8-byte steps. */
  private static long array(int n) {
    return (16 + 4L * n + 7) / 8 * 8;
  }

  /** The cores of a local master ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}), else null. */
  static Integer localCores(String master) {
    Matcher m = Pattern.compile("local(?:\\[(\\*|\\d+)(?:,\\d+)?])?").matcher(master);
    if (!m.matches()) {
      return null;
    }
    String cores = m.group(1);
    return cores == null ? 1 : cores.equals("*") ? Runtime.getRuntime().availableProcessors()
        : Integer.parseInt(cores);
  }

  /** A JVM memory size with its unit ({@code 4g}, {@code 4096m}), in MB. */
  static long sizeMegabytes(String size) {
    Matcher m = SIZE.matcher(size.trim());
    if (!m.matches()) {
      throw new InvalidInputException("driver memory " + size + " (--driver-memory or PATHNET_DRIVER_MEMORY):"
          + " expected a size with its unit, such as 4g or 4096m");
    }
    long n = Long.parseLong(m.group(1));
    return switch (Character.toLowerCase(m.group(2).charAt(0))) {
      case 'k' -> n >> 10;
      case 'm' -> n;
      case 'g' -> n << 10;
      default -> n << 20;
    };
  }

  /**
   * What spark-submit's arguments say about the study: its configuration as the job would get it (the properties
   * file, or a resumed study's {@code config.properties}, then each {@code --conf}), its master ({@code --master},
   * else {@code spark.master}, else spark-submit's default) and the driver memory the user gave.
   */
  private record Submission(Map<String, String> conf, boolean readable, String master, String driverMemory) {
    static Submission of(String[] args) {
      Map<String, String> conf = new LinkedHashMap<>();
      Map<String, String> explicit = new LinkedHashMap<>();
      String master = null;
      String driverMemory = null;
      boolean readable = true;
      try {
        for (int i = 0; i + 1 < args.length; i++) {
          switch (args[i]) {
            case "--properties-file" ->
                load(Files.newBufferedReader(Path.of(args[++i]), StandardCharsets.UTF_8), conf);
            case "--resume" -> {
              org.apache.hadoop.fs.Path config = new org.apache.hadoop.fs.Path(args[++i], RunDirectory.CONFIG);
              try (InputStream in = config.getFileSystem(new Configuration()).open(config)) {
                Properties properties = new Properties();
                properties.load(in);
                properties.stringPropertyNames().forEach(k -> conf.put(Settings.PREFIX + k, properties.getProperty(k)));
              }
            }
            case "--conf" -> {
              String[] kv = args[++i].split("=", 2);
              if (kv.length == 2) {
                explicit.put(kv[0], kv[1]);
              }
            }
            case "--master" -> master = args[++i];
            case "--driver-memory" -> driverMemory = args[++i];
            default -> { }
          }
        }
      } catch (IOException | RuntimeException e) {
        readable = false;
      }
      conf.putAll(explicit);
      if (master == null) {
        master = conf.getOrDefault("spark.master", DEFAULT_MASTER);
      }
      return new Submission(conf, readable, master.trim(), driverMemory);
    }

    private static void load(Reader reader, Map<String, String> conf) throws IOException {
      try (reader) {
        Properties properties = new Properties();
        properties.load(reader);
        properties.stringPropertyNames().forEach(k -> conf.put(k, properties.getProperty(k).trim()));
      }
    }
  }
}
