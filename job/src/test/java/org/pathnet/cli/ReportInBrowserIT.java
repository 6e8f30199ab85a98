package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.pathnet.fixtures.CiPrerequisite;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.report.Report;

/**
 * The tiny study's {@code report.html} as a person sees it: opened from the file system in headless Chromium
 * (Debian's {@code chromium} and {@code chromium-driver}, driven through Selenium), every chart loads, the console
 * stays clean and nothing is fetched from anywhere but the file system; a full-page screenshot is left in
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

  @RegisterExtension
  static final CiPrerequisite BROWSER = CiPrerequisite.of("Headless Chromium (" + CHROMIUM + " and " + CHROMEDRIVER
      + ")", Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "chromium chromium-driver");
  @TempDir
  static Path profile;
  private static Path reportDirectory;
  private static ChromeDriver browser;

  @BeforeAll
  static void openTheReport() {
    reportDirectory = TinyStudy.path().resolve("report");

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
