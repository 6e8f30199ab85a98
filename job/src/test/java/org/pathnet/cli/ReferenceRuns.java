package org.pathnet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * The integration tests' studies, and their undisturbed runs in local[2], in this JVM, once per set of settings:
 * what a study on a cluster, after a lost Worker or after a killed driver, must equal. Failsafe runs every
 * integration test in one JVM, so tests that compare against the same study share its run.
 */
final class ReferenceRuns {
  /** A small study: 2 seeds of pathnet and denovo, a few generations, T = 10. */
  static final Map<String, String> SMALL = study(Map.of("spark.pathnet.maxGenerations", "8"));
  static final int LONG_GENERATIONS = 20;
  /**
   * The small study long enough to disturb mid-way: every task trains exactly maxGenerations, so it has
   * 2 x LONG_GENERATIONS rounds (pathnet's task A, then task B).
   */
  static final Map<String, String> LONG = study(Map.of("spark.pathnet.stopWhenSolved", "false",
      "spark.pathnet.maxGenerations", Integer.toString(LONG_GENERATIONS)));

  private static final Map<Map<String, String>, String> RUNS = new HashMap<>();

  private ReferenceRuns() {}

  private static Map<String, String> study(Map<String, String> more) {
    Map<String, String> settings = new LinkedHashMap<>(Map.of("spark.pathnet.seeds", "2",
        "spark.pathnet.arms", "pathnet,denovo", "spark.pathnet.T", "10"));
    settings.putAll(more);
    return Map.copyOf(settings);
  }

  /** The run directory of the study {@code settings} ({@code spark.pathnet.*} entries) in local[2]. */
  static synchronized String local2(Map<String, String> settings) {
    return RUNS.computeIfAbsent(Map.copyOf(settings), s -> {
      SparkConf conf = new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false");
      s.forEach(conf::set);
      try {
        Path out = Files.createTempDirectory(Path.of("target"), "reference-").resolve("run");
        return PathnetJob.run(new String[] {"--out", out.toString()}, conf);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
