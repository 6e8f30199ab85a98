package org.pathnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The job's packages form layers, and a class imports only from its own layer or those below: the PathNet core is
 * tested without Spark, and a reader can learn the code bottom up (README, "Code map").
 */
class PackageLayersTest {
  /** Lowest first; {@code org.pathnet} itself (the bad-input types) sits below them all. */
  private static final List<String> LAYERS = List.of("", "network", "data", "evolution", "experiment", "report",
      "rundir", "spark", "bench", "cli");
  private static final Path SOURCES = Path.of("src", "main", "java", "org", "pathnet");
  private static final Pattern PACKAGE = Pattern.compile("^package org\\.pathnet\\.?([a-z]*)", Pattern.MULTILINE);
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?org\\.pathnet\\.([a-z]+)\\.",
      Pattern.MULTILINE);

  /** Each import that reaches a layer above its class's, as "class imports layer". */
  static List<String> upwardImports(Map<String, String> sourcesByClass) {
    List<String> upward = new ArrayList<>();
    sourcesByClass.forEach((name, source) -> {
      Matcher own = PACKAGE.matcher(source);
      if (!own.find()) {
        throw new IllegalArgumentException(name + " has no org.pathnet package");
      }
      int layer = layer(own.group(1), name);
      Matcher imported = IMPORT.matcher(source);
      while (imported.find()) {
        if (layer(imported.group(1), name) > layer) {
          upward.add(name + " imports " + imported.group(1));
        }
      }
    });
    return upward;
  }

  private static int layer(String topPackage, String where) {
    int layer = LAYERS.indexOf(topPackage);
    if (layer < 0) {
      throw new IllegalArgumentException(where + ": package " + topPackage + " has no layer: add it to LAYERS");
    }
    return layer;
  }

  @Test
  void noClassImportsFromALayerAboveItsOwn() throws IOException {
    try (Stream<Path> files = Files.walk(SOURCES)) {
      Map<String, String> sources = new java.util.TreeMap<>();
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.put(SOURCES.relativize(f).toString(),
          read(f)));
      assertEquals(List.of(), upwardImports(sources));
    }
  }

  @Test
  void anImportFromAboveIsNamedAndOneFromBelowIsNot() {
    Map<String, String> sources = Map.of(
        "network/Pathway.java", "package org.pathnet.network;\nimport org.pathnet.cli.PathnetJob;\n",
        "cli/PathnetJob.java", "package org.pathnet.cli;\nimport static org.pathnet.network.production.Lanes.TILE;\n");
    assertEquals(List.of("network/Pathway.java imports cli"), upwardImports(sources));
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
