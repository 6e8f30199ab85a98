package org.pathnet.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;

/**
 * A tiny real study, run once per test JVM through the real job (local[2]) and shared by the tests that only
 * read its run directory: 2 optimisers x 2 learning rates (four variants), two task pairs, three seeds, all four
 * arms, short tournaments and a threshold low enough that some tasks solve and some are censored.
 */
public final class TinyStudy {
  /** The study's task pairs. */
  public static final String PAIRS = "5,6->6,7;5,6->8,9";
  /** The study's variants, as README shows the grid. */
  public static final String VARIANTS = "optimizer=adam,sgd x learningRate=0.001,0.01";
  /** Their labels, in the study's order. */
  public static final java.util.List<String> VARIANT_LABELS = java.util.List.of("adam lr=0.001", "adam lr=0.01",
      "sgd lr=0.001", "sgd lr=0.01");
  public static final int SEEDS = 3;
  public static final int MAX_GENERATIONS = 6;

  private static String directory;

  private TinyStudy() {}

  /** The run directory's URI ({@code file:/...}), running the study on first use. */
  public static synchronized String directory() {
    if (directory == null) {
      Path root = Path.of("target", "tiny-study").toAbsolutePath();
      delete(root);
      SparkConf conf = new SparkConf().setMaster("local[2]")
          .set("spark.pathnet.pairs", PAIRS)
          .set("spark.pathnet.variants", VARIANTS)
          .set("spark.pathnet.seeds", Integer.toString(SEEDS))
          .set("spark.pathnet.T", "10")
          .set("spark.pathnet.threshold", "0.95")
          .set("spark.pathnet.maxGenerations", Integer.toString(MAX_GENERATIONS))
          .set("spark.ui.enabled", "false");
      directory = PathnetJob.run(new String[] {"--out", root.toString()}, conf);
    }
    return directory;
  }

  /** The run directory as a local path. */
  public static Path path() {
    return Path.of(java.net.URI.create(directory()));
  }

  /** Deletes {@code root} and everything below it, if it exists. */
  public static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the whole run directory to {@code target}, for tests that change it. */
  public static Path copyTo(Path target) {
    return copy(path(), target);
  }

  /** Copies the directory {@code source} and everything below it to {@code target}, which must not exist. */
  public static Path copy(Path source, Path target) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path p : paths.toList()) {
        Files.copy(p, target.resolve(source.relativize(p).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
