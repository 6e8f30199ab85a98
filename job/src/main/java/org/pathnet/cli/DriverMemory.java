package org.pathnet.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.rundir.RunDirectory;

/**
 * {@code submit.sh}'s helper: prints the driver heap a study needs (a JVM {@code -Xmx} value such as
 * {@code 2560m}), read from the same arguments the job gets. On a local master the driver's JVM is the executor
 * too, and keeps every run's state (the runs' float arrays, {@link Study#stateBytes}) in Spark's storage, so the heap
 * grows with the number of runs. A cluster's driver gets the same for now: a checkpoint still gathers the runs there.
 * Settings it cannot read give the smallest heap: the job then refuses them itself, in one line.
 */
public final class DriverMemory {
  /** What the driver needs beside the runs: Spark, the data, the tables' rows, one wave of shipments. */
  private static final long BASE_MB = 1024;
  /** Room above the runs' live state so that the collector is not always at work. */
  private static final double HEADROOM = 1.3;

  private DriverMemory() {}

  public static void main(String[] args) {
    System.out.println(megabytes(args) + "m");
  }

  /** The heap, in MB, for the study that spark-submit's {@code args} describe. */
  static long megabytes(String[] args) {
    try {
      Settings settings = Settings.fromSparkConf(conf(args),
          System.getProperty(Settings.HOME_PROPERTY, System.getenv(Settings.HOME_VARIABLE)));
      return BASE_MB + (long) Math.ceil(HEADROOM * Study.stateBytes(settings) / (1 << 20));
    } catch (RuntimeException | IOException e) {
      // the job reports what is wrong with the settings
      return BASE_MB;
    }
  }

  /**
   * The {@code spark.pathnet.*} entries as spark-submit would give them to the job: the properties file (or a
   * resumed study's {@code config.properties}), then each {@code --conf}.
   */
  private static Map<String, String> conf(String[] args) throws IOException {
    Map<String, String> conf = new LinkedHashMap<>();
    Map<String, String> explicit = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i++) {
      switch (args[i]) {
        case "--properties-file" -> load(Files.newBufferedReader(Path.of(args[++i]), StandardCharsets.UTF_8), conf);
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
        default -> { }
      }
    }
    conf.putAll(explicit);
    return conf;
  }

  private static void load(Reader reader, Map<String, String> conf) throws IOException {
    try (reader) {
      Properties properties = new Properties();
      properties.load(reader);
      properties.stringPropertyNames().forEach(k -> conf.put(k, properties.getProperty(k).trim()));
    }
  }
}
