package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.Variant;
import org.pathnet.fixtures.StudyFixtures;

/**
 * A study in parts reads as the one file of all its variants would: the same settings, variants and rows; parts
 * that could not be one study are refused in one line.
 */
class StudyPartsTest {
  private static final String[] STUDY = {"pairs", "5,6->6,7;4,5->6,7", "arms", "pathnet,scratch"};
  private static final int[][] PATH = {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}};

  /** Settings of the study keys above plus {@code variants}: NAME, KEY, VALUE triples of named variants. */
  private static Settings settings(String... variants) {
    return settings(4, variants);
  }

  private static Settings settings(int seeds, String... variants) {
    List<String> entries = new ArrayList<>(List.of(STUDY));
    entries.addAll(List.of("seeds", Integer.toString(seeds)));
    for (int i = 0; i < variants.length; i += 3) {
      entries.add("variant." + variants[i] + "." + variants[i + 1]);
      entries.add(variants[i + 2]);
    }
    return StudyFixtures.settings(entries.toArray(String[]::new));
  }

  private static StudyResults part(String name, Settings settings) {
    List<TaskOutcome> runs = new ArrayList<>();
    for (Variant v : settings.variants()) {
      for (int seed = 0; seed < 4; seed++) {
        runs.add(new TaskOutcome(v.label(), "5,6->6,7", seed, "scratch", "B", "6,7", true, 5 + seed, null, 1.0,
            PATH));
      }
    }
    return new StudyResults(name, "?", settings, Map.of("data", "embedded", "wallMillis", "1000", "commit", "c1"),
        runs, List.of());
  }

  @Test
  void partsJoinIntoTheSettingsAndRowsOfOneFileOfAllTheirVariants() {
    Settings whole = settings("adam-p64", "optimizer", "adam", "adam-p64", "learningRate", "0.001",
        "adam-p20", "optimizer", "adam", "adam-p20", "learningRate", "0.001", "adam-p20", "population", "20",
        "sgd-p64", "optimizer", "sgd", "sgd-p64", "learningRate", "0.05");
    StudyResults adam = part("map/adam", settings("adam-p64", "optimizer", "adam", "adam-p64", "learningRate",
        "0.001", "adam-p20", "optimizer", "adam", "adam-p20", "learningRate", "0.001", "adam-p20", "population",
        "20"));
    // a part of one variant has it under its name too, and varies nothing by itself
    StudyResults sgd = part("map/sgd", settings("sgd-p64", "optimizer", "sgd", "sgd-p64", "learningRate", "0.05"));
    StudyResults joined = StudyResults.joined("map", "Question: ?", List.of(adam, sgd));

    assertEquals(whole.toProperties(), joined.settings().toProperties());
    assertEquals(whole.variants(), joined.settings().variants());
    assertEquals(adam.runs().size() + sgd.runs().size(), joined.runs().size());
    assertEquals(List.of(adam, sgd), joined.parts());
    assertEquals(List.of("studies/map/adam.properties", "studies/map/sgd.properties"), joined.studyFiles());
    assertEquals("2000", joined.facts().get("wallMillis"), "the parts' wall times add up");
    assertEquals(3, joined.summary().rows().stream().map(Summary.Row::variant).distinct().count());
  }

  @Test
  void partsThatDifferInAStudySettingAreRefusedNamingIt() {
    StudyResults four = part("map/a", settings("a", "population", "20"));
    StudyResults three = part("map/b", settings(3, "b", "population", "30"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StudyResults.joined("map", "?", List.of(four, three)));
    assertEquals("map: parts differ in the study setting spark.pathnet.seeds (4 and 3): expected the parts of one"
        + " study to share it", e.getMessage());
  }

  @Test
  void aVariantNamedInTwoPartsIsRefused() {
    StudyResults a = part("map/a", settings("p20", "population", "20"));
    StudyResults b = part("map/b", settings("p20", "population", "30"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StudyResults.joined("map", "?", List.of(a, b)));
    assertEquals("map: parts map/a and map/b both name a variant 'p20': expected each part to name its variants"
        + " apart", e.getMessage());
  }

  @Test
  void partsThatReadOtherDataAreRefused() {
    StudyResults a = part("map/a", settings("p20", "population", "20"));
    StudyResults b = new StudyResults("map/b", "?", settings("p30", "population", "30"),
        Map.of("data", "`/elsewhere`"), List.of(), List.of());
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StudyResults.joined("map", "?", List.of(a, b)));
    assertTrue(e.getMessage().startsWith("map: parts map/a and map/b read different data (embedded and"
        + " `/elsewhere`)"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }
}
