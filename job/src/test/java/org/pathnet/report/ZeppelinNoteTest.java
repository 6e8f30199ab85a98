package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
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
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.experiment.Settings;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.spark.FitnessBandQuery;
import org.pathnet.spark.ResultTables;

/**
 * notebooks/pathnet-analysis.zpln is a Zeppelin 0.11 note whose every %spark.sql paragraph, given a run directory
 * through the note's one form, runs in Spark SQL against a real (tiny: four variants, two pairs) study and returns
 * its columns; a run directory written before studies had variants reads as the one variant {@code base}.
 */
class ZeppelinNoteTest {
  private static final Path NOTE = Path.of(System.getProperty(Settings.HOME_PROPERTY), "notebooks",
      "pathnet-analysis.zpln");
  /** The note-level text form: {@code $${runDir=default}} where it is defined, {@code $${runDir}} elsewhere. */
  private static final Pattern FORM = Pattern.compile("\\$\\$\\{runDir(=[^}]*)?}");
  private static final String SQL = "%spark.sql";
  /** A query of one of the views the first paragraph defines. */
  private static final Pattern VIEW_READ = Pattern.compile("\\bFROM (runs|generations|summary)\\b");

  /** The views the note must show, by paragraph title, with the columns each returns. */
  private static final Map<String, List<String>> VIEWS = new LinkedHashMap<>();

  static {
    VIEWS.put("The study's tables", List.of("variant", "pairs", "seeds", "taskRuns"));
    VIEWS.put("Summary per variant, pair, arm and task", List.of("variant", "pair", "arm", "task", "runs", "solved",
        "censored", "genMean", "genSe", "genMedian", "genQ1", "genQ3", "speedup", "speedupLow", "speedupHigh",
        "pValue", "overlapMean", "overlapRandom"));
    VIEWS.put("Speed-up of PathNet transfer on task B", List.of("variant", "pair", "against", "speedup",
        "speedupLow", "speedupHigh", "pValue", "solved", "censored"));
    VIEWS.put("Generations to solve per variant", List.of("variant", "pair", "armTask", "genMean", "genSe",
        "solved", "censored"));
    VIEWS.put("Generations to solve, histogram per arm", List.of("variant", "pair", "task", "arm", "fromGeneration",
        "bucket", "runs"));
    VIEWS.put("Winner fitness per generation: median, 10% and 90% across seeds", List.of("variant", "pair", "task",
        "arm", "generation", "fitnessMedian", "fitnessP10", "fitnessP90"));
    VIEWS.put("Overlap of task B's path with task A's, against chance", List.of("variant", "pair", "overlap",
        "runs", "fraction", "overlapMean", "overlapRandom"));
    VIEWS.put("Module usage of the optimal paths across seeds", List.of("variant", "pair", "arm", "task", "layer",
        "module", "seeds"));
    VIEWS.put("The transfer map", List.of("variant", "pair", "speedup", "speedupLow", "speedupHigh", "correctedLow",
        "correctedHigh", "familyLevel", "marked", "overlapMean", "overlapSpearman"));
    VIEWS.put("Resolved settings", List.of("key", "value"));
  }

  /**
   * The views of the run directory's tables the note defines (the transfer map's in a paragraph of its own), with
   * the tables' own schemas.
   */
  private static final Map<String, StructType> TABLES = Map.of("runs", ResultTables.RUNS_SCHEMA, "generations",
      ResultTables.GENERATIONS_SCHEMA, "summary", ResultTables.SUMMARY_SCHEMA, "transferMap",
      ResultTables.TRANSFER_MAP_SCHEMA);

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

  /**
   * Runs the paragraph as Zeppelin does: the form replaced by {@code runDir}, each statement (they end with ';' at a
   * line's end) in turn; returns the last one's result, the one Zeppelin shows.
   */
  private static Dataset<Row> run(JsonNode paragraph, String runDir) {
    String text = FORM.matcher(paragraph.get("text").asText().substring(SQL.length() + 1))
        .replaceAll(Matcher.quoteReplacement(runDir));
    Dataset<Row> result = null;
    for (String statement : text.split(";\\s*\n")) {
      if (!statement.isBlank()) {
        result = spark.sql(statement);
      }
    }
    return result;
  }

  /** Runs every paragraph in the note's order on {@code runDir}; returns each one's result by title. */
  private static Map<String, Dataset<Row>> runAll(String runDir) {
    Map<String, Dataset<Row>> results = new LinkedHashMap<>();
    for (JsonNode p : paragraphs(SQL)) {
      results.put(p.get("title").asText(), run(p, runDir));
    }
    return results;
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
      boolean readsTheViews = VIEW_READ.matcher(text).find();
      assertTrue(FORM.matcher(text).find() || (p != sql.get(0) && readsTheViews),
          p.get("title") + " reads the form or the first paragraph's views");
      assertFalse(p != sql.get(0) && text.contains("$${runDir="), p.get("title") + " does not define it again");
      assertFalse(FORM.matcher(text).replaceAll("").contains("${"), p.get("title") + " has no other form");
    }
  }

  @Test
  void theViewsHaveTheTablesOwnColumns() {
    runAll(TinyStudy.directory());
    TABLES.forEach((view, schema) -> assertEquals(List.of(schema.fields()).stream()
        .map(f -> f.name() + " " + f.dataType().simpleString()).toList(), List.of(spark.table(view).schema().fields())
        .stream().map(f -> f.name() + " " + f.dataType().simpleString()).toList(), view));
  }

  @Test
  void everySqlParagraphRunsAgainstARealStudyAndReturnsItsColumns() {
    runAll(TinyStudy.directory()).forEach((title, result) -> {
      assertEquals(VIEWS.get(title), List.of(result.columns()), title);
      List<Row> rows = result.collectAsList();
      assertFalse(rows.isEmpty(), title + " returns rows");
      if (title.equals("Resolved settings")) {
        return;
      }
      Set<Object> variants = new TreeSet<>(rows.stream().map(r -> r.getAs("variant")).toList());
      if (title.startsWith("Overlap")) {
        // only variants whose pathnet runs solved task A in the tiny study's 6 generations have a task B
        assertTrue(variants.size() > 1 && TinyStudy.VARIANT_LABELS.containsAll(variants), title + ": " + variants);
      } else {
        assertEquals(new TreeSet<>(TinyStudy.VARIANT_LABELS), variants, title + " is split by variant");
      }
      if (List.of(result.columns()).contains("pair")) {
        Set<Object> pairs = new TreeSet<>(rows.stream().map(r -> r.getAs("pair")).toList());
        assertEquals(Set.of("5,6->6,7", "5,6->8,9"), pairs, title + " is split by pair");
      }
    });
  }

  @Test
  void aRunDirectoryWrittenBeforeVariantsReadsAsTheOneVariantBase(@TempDir Path old) throws IOException {
    for (String table : TABLES.keySet()) {
      spark.read().parquet(TinyStudy.directory() + "/" + table).drop("variant").write()
          .parquet(old.resolve(table).toString());
    }
    Files.copy(TinyStudy.path().resolve("config.properties"), old.resolve("config.properties"));
    Map<String, Dataset<Row>> results = runAll(old.toUri().toString());
    results.forEach((title, result) -> assertFalse(result.collectAsList().isEmpty(), title + " returns rows"));
    assertEquals(List.of("base"), results.get("The study's tables").collectAsList().stream()
        .map(r -> r.<String>getAs("variant")).toList());
  }

  @Test
  void theFitnessCurvesInZeppelinAreTheReportsBands() {
    JsonNode paragraph = paragraphs(SQL).stream()
        .filter(p -> p.get("title").asText().startsWith("Winner fitness")).findFirst().orElseThrow();
    String pair = "5,6->6,7";
    String variant = TinyStudy.VARIANT_LABELS.get(1);
    runAll(TinyStudy.directory());
    List<Row> rows = run(paragraph, TinyStudy.directory())
        .where("variant = '" + variant + "' AND pair = '" + pair + "' AND arm = 'pathnet' AND task = 'B'")
        .collectAsList();
    List<FitnessBands.Point> bands = FitnessBandQuery.of(ResultTables.generationsTable(spark,
        TinyStudy.directory())).of(variant, pair).get("pathnet B");
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
