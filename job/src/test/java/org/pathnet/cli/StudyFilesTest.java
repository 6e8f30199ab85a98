package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;

/**
 * Every study file of the project's {@code studies/} (a study's, or a part's of a folder) resolves to settings the
 * job accepts and opens with the question it asks and the command that runs it, as the findings quote them.
 */
class StudyFilesTest {
  private static final Path STUDIES = Path.of(System.getProperty(Settings.HOME_PROPERTY), "studies");

  private static List<Path> studyFiles() throws IOException {
    try (Stream<Path> files = Files.walk(STUDIES)) {
      return files.filter(f -> f.toString().endsWith(".properties")).sorted().toList();
    }
  }

  @Test
  void everyStudyFileResolvesAndSaysItsQuestionAndHowToRunIt() throws IOException {
    List<Path> files = studyFiles();
    assertTrue(files.size() >= 9, "the studies and the transfer map's parts: " + files);
    for (Path file : files) {
      Properties properties = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        properties.load(in);
      }
      Map<String, String> conf = new java.util.HashMap<>();
      properties.stringPropertyNames().forEach(k -> conf.put(k, properties.getProperty(k)));
      conf.putIfAbsent("spark.pathnet.data", "embedded");
      assertFalse(Settings.fromSparkConf(conf, STUDIES.getParent().toString()).variants().isEmpty(), file.toString());
      String question = FindingsCommand.question(file);
      assertTrue(question.startsWith("Question"), file + ": " + question);
      String relative = STUDIES.getParent().relativize(file).toString();
      assertTrue(Files.readString(file).contains("# Run: ./submit.sh --properties-file " + relative + " --out runs/"),
          file.toString());
    }
  }

  @Test
  void aStudyInPartsHasItsQuestionInItsFolder() {
    assertTrue(FindingsCommand.partsQuestion(STUDIES.resolve("transfer-map").resolve("README.md"))
        .startsWith("Question: where does PathNet transfer pay?"));
  }
}
