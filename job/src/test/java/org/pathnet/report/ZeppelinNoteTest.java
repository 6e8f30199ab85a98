package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathnet.cli.TinyStudy;
import org.pathnet.experiment.Settings;
import org.pathnet.spark.ResultTables;

/**
 * notebooks/pathnet-analysis.zpln is a Zeppelin 0.11 note whose every %spark.sql paragraph, given a run directory
 * through the note's one form, runs in Spark SQL against a real (tiny, two-pair) study and returns its columns.
 */
class ZeppelinNoteTest {
  private static final Path NOTE = Path.of(System.getProperty(Settings.HOME_PROPERTY), "notebooks",
      "pathnet-analysis.zpln");
  /** The note-level text form: {@code $${runDir=default}} where it is defined, {@code $${runDir}} elsewhere. */
  private static final Pattern FORM = Pattern.compile("\\$\\$\\{runDir(=[^}]*)?}");
  private static final String SQL = "%spark.sql";

  /** The views the note must show, by paragraph title, with the columns each returns. */
  private static final Map<String, List<String>> VIEWS = new LinkedHashMap<>();

  static {
    VIEWS.put("Summary per pair, arm and task", List.of("pair", "arm", "task", "runs", "solved", "censored",
        "genMean", "genSe", "genMedian", "genQ1", "genQ3", "speedup", "speedupLow", "speedupHigh", "pValue",
        "overlapMean", "overlapRandom"));
    VIEWS.put("Speed-up of PathNet transfer on task B", List.of("pair", "against", "speedup", "speedupLow",
        "speedupHigh", "pValue", "solved", "censored"));
    VIEWS.put("Generations to solve, histogram per arm", List.of("pair", "task", "arm", "fromGeneration", "bucket",
        "runs"));
    VIEWS.put("Winner fitness per generation: median, 10% and 90% across seeds", List.of("pair", "task", "arm",
        "generation", "fitnessMedian", "fitnessP10", "fitnessP90"));
    VIEWS.put("Overlap of task B's path with task A's, against chance", List.of("pair", "overlap", "runs",
        "fraction", "overlapMean", "overlapRandom"));
    VIEWS.put("Module usage of the optimal paths across seeds", List.of("pair", "arm", "task", "layer", "module",
        "seeds"));
    VIEWS.put("Resolved settings", List.of("key", "value"));
  }

  private static JsonNode note;
  private static SparkSession spark;

  @BeforeAll
  static void readTheNoteAndRunATinyStudy() throws IOException {
    note = new ObjectMapper().readTree(NOTE.toFile());
    TinyStudy.directory();
    spark = SparkSession.builder().master("local[2]").config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    spark.stop();
  }

  private static List<JsonNode> paragraphs(String interpreter) {
    List<JsonNode> found = new ArrayList<>();
    note.get("paragraphs").forEach(p -> {
      if (p.get("text").asText().startsWith(interpreter + "\n")) {
        found.add(p);
      }
    });
    return found;
  }

  /** The paragraph's SQL with the form replaced by {@code runDir}: what Zeppelin hands to Spark. */
  private static String sql(JsonNode paragraph, String runDir) {
    String text = paragraph.get("text").asText().substring(SQL.length() + 1);
    return FORM.matcher(text).replaceAll(Matcher.quoteReplacement(runDir));
  }

  @Test
  void isAZeppelinNoteWithTextConfigAndSettingsInEveryParagraph() {
    assertEquals("pathnet-analysis", note.get("name").asText());
    assertFalse(note.get("id").asText().isBlank());
    assertTrue(note.get("paragraphs").isArray() && note.get("paragraphs").size() > 0);
    for (JsonNode p : note.get("paragraphs")) {
      assertTrue(p.get("text").isTextual(), p.toString());
      assertTrue(p.get("config").isObject(), p.toString());
      assertTrue(p.get("settings").isObject() && p.get("settings").has("params") && p.get("settings").has("forms"),
          p.toString());
      assertTrue(p.get("id").isTextual());
      String text = p.get("text").asText();
      assertTrue(text.startsWith(SQL + "\n") || text.startsWith("%md\n"), "a %spark.sql or %md paragraph: " + text);
    }
  }

  @Test
  void showsEveryViewAndExplainsEachInMarkdownAbove() {
    Set<String> titles = new TreeSet<>();
    JsonNode previous = null;
    for (JsonNode p : note.get("paragraphs")) {
      if (p.get("text").asText().startsWith(SQL)) {
        titles.add(p.get("title").asText());
        assertTrue(previous != null && previous.get("text").asText().startsWith("%md\n"),
            "an %md paragraph explains " + p.get("title"));
      }
      previous = p;
    }
    assertEquals(new TreeSet<>(VIEWS.keySet()), titles);
  }

  @Test
  void theRunDirectoryIsGivenOnceThroughTheNoteForm() {
    List<JsonNode> sql = paragraphs(SQL);
    assertTrue(sql.get(0).get("text").asText().contains("$${runDir=/path/to/run}"), "the first defines the form");
    for (JsonNode p : sql) {
      String text = p.get("text").asText();
      Matcher forms = FORM.matcher(text);
      assertTrue(forms.find(), p.get("title") + " reads the form");
      assertFalse(p != sql.get(0) && text.contains("$${runDir="), p.get("title") + " does not define it again");
      assertFalse(FORM.matcher(text).replaceAll("").contains("${"), p.get("title") + " has no other form");
    }
  }

  @Test
  void everySqlParagraphRunsAgainstARealStudyAndReturnsItsColumns() {
    for (JsonNode p : paragraphs(SQL)) {
      String title = p.get("title").asText();
      Dataset<Row> result = spark.sql(sql(p, TinyStudy.directory()));
      assertEquals(VIEWS.get(title), List.of(result.columns()), title);
      List<Row> rows = result.collectAsList();
      assertFalse(rows.isEmpty(), title + " returns rows");
      if (!title.equals("Resolved settings")) {
        Set<Object> pairs = new TreeSet<>(rows.stream().map(r -> r.getAs("pair")).toList());
        assertEquals(Set.of("5,6->6,7", "5,6->8,9"), pairs, title + " is split by pair");
      }
    }
  }

  @Test
  void theFitnessCurvesInZeppelinAreTheReportsBands() {
    JsonNode paragraph = paragraphs(SQL).stream()
        .filter(p -> p.get("title").asText().startsWith("Winner fitness")).findFirst().orElseThrow();
    String pair = "5,6->6,7";
    List<Row> rows = spark.sql(sql(paragraph, TinyStudy.directory()))
        .where("pair = '" + pair + "' AND arm = 'pathnet' AND task = 'B'").collectAsList();
    List<FitnessBands.Point> bands = FitnessBands.of(pair,
        ResultTables.readGenerations(spark, TinyStudy.directory())).get("pathnet B");
    assertEquals(bands.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      FitnessBands.Point b = bands.get(i);
      assertEquals(b.generation(), r.<Integer>getAs("generation"));
      assertEquals(b.median(), r.<Double>getAs("fitnessMedian"), 1e-12);
      assertEquals(b.low(), r.<Double>getAs("fitnessP10"), 1e-12);
      assertEquals(b.high(), r.<Double>getAs("fitnessP90"), 1e-12);
    }
  }
}
