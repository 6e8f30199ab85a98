package org.pathnet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.SparkConf;

/**
 * Undisturbed runs of the integration tests' studies in local[2], in this JVM, once per set of settings: what a
 * study on a cluster, after a lost Worker or after a killed driver, must equal. Failsafe runs every integration test
 * in one JVM, so tests that compare against the same study share its run.
 */
final class ReferenceRuns {
  private static final Map<Map<String, String>, String> RUNS = new HashMap<>();

  private ReferenceRuns() {}

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
