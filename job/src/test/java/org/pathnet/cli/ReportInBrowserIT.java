package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.Task;
import org.pathnet.fixtures.CiPrerequisite;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.report.Report;
import org.pathnet.rundir.RunDirectory;

/**
 * The tiny study's {@code report.html} as a person sees it: opened from the file system in headless Chromium
 * (Debian's {@code chromium} and {@code chromium-driver}, driven through Selenium), every chart loads, the console
 * stays clean and nothing is fetched from anywhere but the file system; the headings and every summary table read,
 * as the browser renders them, what the study's Parquet tables say; a full-page screenshot is left in
 * {@code target/} for a person to look at. The driver's path is given, so Selenium Manager never looks for one
 * online. Skipped with a message when the packages are absent, except under CI=true, where that is a failure.
 */
class ReportInBrowserIT {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOT = Path.of("target", "report-screenshot.png");
  /**
   * Headless, and none of the browser's own traffic (component updates, sync, safe browsing lists, QUIC probes):
   * the machine has no network, and the page must not need one. Root has no sandbox.
   */
  private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
      "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
      "--disable-sync", "--window-size=1200,900");

  /** The page's own headings around its sections, as ReportPage writes them (it has no constant for them). */
  private static final String TITLE = "PathNet study report";
  private static final String SETTINGS = "Resolved settings";
  /** The transfer map's section, in a study of several variants on several pairs (the tiny study is one). */
  private static final String MAP = "The transfer map";
  /** The summary table's columns, as ReportPage heads them. */
  private static final List<String> SUMMARY_COLUMNS = List.of("arm", "task", "runs", "solved", "censored",
      "gen mean \u00b1 se", "gen median", "gen IQR", "speed-up [95% CI]", "p-value", "overlap (chance)");

  @RegisterExtension
  static final CiPrerequisite BROWSER = CiPrerequisite.of("Headless Chromium (" + CHROMIUM + " and " + CHROMEDRIVER
      + ")", Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "chromium chromium-driver");
  @TempDir
  static Path profile;
  private static Path reportDirectory;
  private static ChromeDriver browser;
  /** Per section, in the page's order: its heading and its summary table, as the study's tables say. */
  private static Map<String, List<String>> sectionsOfTheTables;

  @BeforeAll
  static void openTheReport() {
    reportDirectory = TinyStudy.path().resolve("report");
    sectionsOfTheTables = sectionsOfTheTables(TinyStudy.directory());

    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
        .addArguments(FLAGS).addArguments("--user-data-dir=" + profile);
    options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
    // The browser starts on its new-tab page, which goes on loading chrome:// resources: the report gets a blank
    // tab of its own, the start page is closed, and what it logged is read and dropped.
    String startPage = browser.getWindowHandle();
    String reportTab = browser.switchTo().newWindow(WindowType.TAB).getWindowHandle();
    browser.switchTo().window(startPage).close();
    browser.switchTo().window(reportTab);
    browser.manage().logs().get(LogType.BROWSER);
    browser.manage().logs().get(LogType.PERFORMANCE);
    // Returns once the load event has fired, that is after every image has loaded or failed.
    browser.get(reportDirectory.resolve(Report.PAGE).toUri().toString());
  }

  @AfterAll
  static void closeTheBrowser() {
    if (browser != null) {
      browser.quit();
    }
  }

  @Test
  void everyChartOfTheReportDirectoryIsOnThePageAndLoads() throws IOException {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> images = (List<Map<String, Object>>) browser.executeScript("return Array.from("
        + "document.images, i => ({src: i.currentSrc, width: i.naturalWidth, height: i.naturalHeight}))");
    assertFalse(images.isEmpty(), "the page shows charts");
    Set<String> shown = new TreeSet<>();
    for (Map<String, Object> image : images) {
      String src = (String) image.get("src");
      shown.add(Path.of(URI.create(src)).getFileName().toString());
      assertTrue((Long) image.get("width") > 0 && (Long) image.get("height") > 0,
          src + " loaded as " + image.get("width") + "x" + image.get("height"));
    }
    try (Stream<Path> files = Files.list(reportDirectory)) {
      assertEquals(new TreeSet<>(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".png"))
          .toList()), shown);
    }
  }

  @Test
  void theConsoleHasNoErrors() {
    List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    assertEquals(List.of(), errors);
  }

  @Test
  void everyRequestOfThePageStaysOnTheFileSystem() {
    Json json = new Json();
    List<String> requested = browser.manage().logs().get(LogType.PERFORMANCE).getAll().stream()
        .map(e -> json.<Map<String, Map<String, Object>>>toType(e.getMessage(), Map.class).get("message"))
        .filter(m -> "Network.requestWillBeSent".equals(m.get("method")))
        .map(m -> (String) field(field(m, "params"), "request").get("url"))
        .toList();
    assertTrue(requested.contains(browser.getCurrentUrl()), "the log sees the page itself: " + requested);
    assertEquals(List.of(), requested.stream().filter(u -> !u.startsWith("file:") && !u.startsWith("data:"))
        .toList());
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> field(Map<String, ?> object, String name) {
    return (Map<String, Object>) object.get(name);
  }

  @Test
  void theHeadingsAreTheTitleASectionPerVariantAndPairOfTheStudyAndTheSettings() {
    List<String> expected = new ArrayList<>();
    expected.add("h1 " + TITLE);
    expected.add("h2 " + MAP);
    sectionsOfTheTables.keySet().forEach(section -> expected.add("h2 " + section));
    expected.add("h2 " + SETTINGS);
    List<String> rendered = browser.findElements(By.cssSelector("h1, h2, h3, h4, h5, h6")).stream()
        .map(h -> h.getTagName() + " " + h.getText()).toList();
    assertEquals(lines(expected), lines(rendered), "the headings as Chromium renders them, in order");
  }

  @Test
  void everySummaryTableShowsWhatTheStudysRunsAndSummaryTablesSay() {
    Map<String, List<String>> rendered = renderedSummaryTables();
    assertEquals(List.copyOf(sectionsOfTheTables.keySet()), List.copyOf(rendered.keySet()),
        "the sections that have a summary table");
    for (Map.Entry<String, List<String>> section : sectionsOfTheTables.entrySet()) {
      assertEquals(lines(section.getValue()), lines(rendered.get(section.getKey())), "the summary table under \""
          + section.getKey() + "\"");
    }
  }

  @Test
  void theTransferMapsTableShowsTheTransferMapTable() {
    List<List<String>> rendered = renderedTables(MAP).get(0);
    assertEquals(List.of("variant", "pair", "speed-up", "95% CI", "corrected CI", "marked"),
        rendered.get(0).subList(0, 6), "the cells table's first columns");
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    List<List<String>> expected = new ArrayList<>();
    try {
      for (Row r : spark.read().parquet(TinyStudy.directory() + "/" + RunDirectory.TRANSFER_MAP).collectAsList()) {
        expected.add(List.of(r.getAs("variant"), r.getAs("pair"), twoDecimals(r.getAs("speedup")),
            r.<Boolean>getAs("marked") ? "*" : ""));
      }
    } finally {
      spark.stop();
    }
    assertEquals(expected, rendered.subList(1, rendered.size()).stream()
        .map(row -> List.of(row.get(0), row.get(1), row.get(2), row.get(5))).toList(),
        "a row per cell of the transferMap table, in its order: variant, pair, speed-up, marked");
  }

  private static String twoDecimals(Double value) {
    return value == null ? "-" : String.format(java.util.Locale.ROOT, "%.2f", value);
  }

  /** The tables with a header row under {@code heading}, in the page's order: each a list of rows of cells. */
  private static List<List<List<String>>> renderedTables(String heading) {
    List<List<List<String>>> tables = new ArrayList<>();
    for (WebElement table : browser.findElements(By.xpath("//table[.//th]"))) {
      if (table.findElement(By.xpath("preceding-sibling::h2[1]")).getText().equals(heading)) {
        tables.add(table.findElements(By.tagName("tr")).stream()
            .map(row -> row.findElements(By.xpath("th|td")).stream().map(WebElement::getText).toList()).toList());
      }
    }
    return tables;
  }

  /**
   * Each table with a header row, under the heading of the section it is in, but for the transfer map's (its own
   * test reads them): a line per row, cells joined.
   */
  private static Map<String, List<String>> renderedSummaryTables() {
    Map<String, List<String>> tables = new LinkedHashMap<>();
    for (WebElement table : browser.findElements(By.xpath("//table[.//th]"))) {
      String heading = table.findElement(By.xpath("preceding-sibling::h2[1]")).getText();
      if (heading.equals(MAP)) {
        continue;
      }
      List<String> lines = new ArrayList<>();
      for (WebElement row : table.findElements(By.tagName("tr"))) {
        lines.add(line(row.findElements(By.xpath("th|td")).stream().map(WebElement::getText).toList()));
      }
      assertNull(tables.put(heading, lines), "one summary table under " + heading);
    }
    return tables;
  }

  /**
   * What each section of the page should show, in the page's order (the study's variants, each with the study's
   * pairs): its heading, with the pair's classes as the {@code runs} table records them, and its summary table, a
   * row per arm the study ran and task the arm trains. Runs, solved, censored, the generations' statistics, the
   * speed-up's point estimate and the mean overlap are computed here from {@code runs} with Spark SQL; the
   * bootstrap interval, the p-value and the chance overlap are read from {@code summary}, as the page's note says.
   */
  private static Map<String, List<String>> sectionsOfTheTables(String runDirectory) {
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      spark.read().parquet(runDirectory + "/" + RunDirectory.RUNS).createOrReplaceTempView("runs");
      spark.read().parquet(runDirectory + "/" + RunDirectory.SUMMARY).createOrReplaceTempView("summary");
      Map<String, ArmRuns> armRuns = new HashMap<>();
      for (Row r : spark.sql("SELECT variant, pair, arm, task, count(*), count_if(solved), "
          + "avg(IF(solved, generations, NULL)), stddev_samp(IF(solved, generations, NULL)), "
          + "percentile(IF(solved, generations, NULL), 0.25), percentile(IF(solved, generations, NULL), 0.5), "
          + "percentile(IF(solved, generations, NULL), 0.75), avg(overlap) "
          + "FROM runs GROUP BY variant, pair, arm, task").collectAsList()) {
        armRuns.put(key(r), new ArmRuns((int) r.getLong(4), (int) r.getLong(5), number(r, 6), number(r, 7),
            number(r, 8), number(r, 9), number(r, 10), number(r, 11)));
      }
      Map<String, Row> summary = new HashMap<>();
      for (Row r : spark.sql("SELECT variant, pair, arm, task, speedupLow, speedupHigh, pValue, overlapRandom "
          + "FROM summary").collectAsList()) {
        summary.put(key(r), r);
      }
      Map<String, String> classes = new HashMap<>();
      for (Row r : spark.sql("SELECT DISTINCT pair, task, classes FROM runs").collectAsList()) {
        classes.put(r.getString(0) + " " + r.getString(1), r.getString(2).replace(",", " vs "));
      }
      Set<String> armsRun = new TreeSet<>(spark.sql("SELECT DISTINCT arm FROM runs").collectAsList().stream()
          .map(r -> r.getString(0)).toList());
      List<Arm> arms = Arrays.stream(Arm.values()).filter(a -> armsRun.contains(a.label())).toList();
      assertEquals(armsRun.size(), arms.size(), "every arm in runs is one of the study's arms: " + armsRun);

      Map<String, List<String>> sections = new LinkedHashMap<>();
      Set<String> shown = new HashSet<>();
      for (String variant : TinyStudy.VARIANT_LABELS) {
        for (String pair : TinyStudy.PAIRS.split(";")) {
          String heading = "Variant " + variant + ", pair " + pair + ": task A = " + classes.get(pair + " A")
              + ", task B = " + classes.get(pair + " B");
          List<String> table = new ArrayList<>(List.of(line(SUMMARY_COLUMNS)));
          ArmRuns pathnetB = armRuns.getOrDefault(key(variant, pair, Arm.PATHNET.label(), Task.B.name()),
              ArmRuns.NONE);
          for (Arm arm : arms) {
            for (Task task : arm.tasks()) {
              String key = key(variant, pair, arm.label(), task.name());
              assertTrue(summary.containsKey(key), "summary has a row for " + key);
              shown.add(key);
              table.add(summaryRow(arm, task, armRuns.getOrDefault(key, ArmRuns.NONE), pathnetB, summary.get(key)));
            }
          }
          sections.put(heading, table);
        }
      }
      assertEquals(List.of(), armRuns.keySet().stream().filter(k -> !shown.contains(k)).sorted().toList(),
          "the (variant, pair, arm, task) of runs that no section shows");
      return sections;
    } finally {
      spark.stop();
    }
  }

  /** One arm's runs on one task in one (variant, pair), from the {@code runs} table; generations over solved runs. */
  private record ArmRuns(int runs, int solved, Double mean, Double sd, Double q1, Double median, Double q3,
      Double overlapMean) {
    static final ArmRuns NONE = new ArmRuns(0, 0, null, null, null, null, null, null);
  }

  /** A row of the summary table as the page formats it: {@code pathnetB} is pathnet's task B in the same cell. */
  private static String summaryRow(Arm arm, Task task, ArmRuns runs, ArmRuns pathnetB, Row summary) {
    String mean = fixed(runs.mean(), 1) + (runs.solved() < 2 ? "" : " \u00b1 "
        + fixed(runs.sd() / Math.sqrt(runs.solved()), 1));
    String iqr = runs.q1() == null ? "-" : fixed(runs.q1(), 1) + "-" + fixed(runs.q3(), 1);
    boolean compared = task == Task.B && arm != Arm.PATHNET;
    String speedup = !compared || runs.mean() == null || pathnetB.mean() == null ? "-"
        : fixed(runs.mean() / pathnetB.mean(), 2) + (summary.isNullAt(4) ? ""
            : " [" + fixed(summary.getDouble(4), 2) + ", " + fixed(summary.getDouble(5), 2) + "]");
    String overlap = arm == Arm.PATHNET && task == Task.B
        ? fixed(runs.overlapMean(), 2) + " (" + fixed(summary.getDouble(7), 2) + ")" : "-";
    return line(List.of(arm.label(), task.name(), Integer.toString(runs.runs()), Integer.toString(runs.solved()),
        Integer.toString(runs.runs() - runs.solved()), mean, fixed(runs.median(), 1), iqr, speedup,
        probability(summary.isNullAt(6) ? null : summary.getDouble(6)), overlap));
  }

  private static String key(Row r) {
    return key(r.getString(0), r.getString(1), r.getString(2), r.getString(3));
  }

  private static String key(String variant, String pair, String arm, String task) {
    return variant + " | " + pair + " | " + arm + " " + task;
  }

  private static Double number(Row r, int column) {
    return r.isNullAt(column) ? null : ((Number) r.get(column)).doubleValue();
  }

  private static String line(List<String> cells) {
    return String.join(" | ", cells);
  }

  /** One item a line, so that a failure shows the two tables or lists one above the other. */
  private static String lines(List<String> items) {
    return items == null ? null : "\n" + String.join("\n", items) + "\n";
  }

  private static String fixed(Double v, int decimals) {
    return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String probability(Double p) {
    if (p == null) {
      return "-";
    }
    return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
  }

  @Test
  void aFullPageScreenshotIsLeftInTargetForAPersonToLookAt() throws IOException {
    long pageWidth = (Long) browser.executeScript("return document.documentElement.scrollWidth");
    long pageHeight = (Long) browser.executeScript("return document.documentElement.scrollHeight");
    long windowHeight = (Long) browser.executeScript("return window.innerHeight");
    Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", pageWidth, "height", pageHeight,
            "scale", 1)));
    byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
    Files.write(SCREENSHOT, png);

    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertNotNull(image, SCREENSHOT + " is a PNG");
    assertTrue(pageHeight > windowHeight, "the page (" + pageHeight + " px) is longer than the window");
    assertEquals(pageHeight, image.getHeight(), "the screenshot is as tall as the page");
  }
}
