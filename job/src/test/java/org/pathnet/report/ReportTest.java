package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.Variant;
import org.pathnet.fixtures.StudyFixtures;

/** The report of a hand-made two-pair study: every chart is a real PNG, the page is offline and split by pair. */
class ReportTest {
  private static final List<String> PAIRS = List.of("5,6->6,7", "5,6->8,9");
  private static final List<String> ARMS = List.of("pathnet", "scratch", "denovo", "finetune");

  /** Three seeds per pair; every run solves at generation seed + 2 except denovo of seed 2, censored at 8. */
  private static List<TaskOutcome> runs(List<String> arms) {
    List<TaskOutcome> runs = new ArrayList<>();
    for (String pair : PAIRS) {
      for (int seed = 0; seed < 3; seed++) {
        for (String arm : arms) {
          for (String task : arm.equals("pathnet") || arm.equals("finetune") ? List.of("A", "B") : List.of("B")) {
            boolean censored = arm.equals("denovo") && seed == 2;
            Integer overlap = arm.equals("pathnet") && task.equals("B") ? seed + 1 : null;
            runs.add(new TaskOutcome(Variant.BASE_LABEL, pair, seed, arm, task, "5,6", !censored, censored ? null : seed + 2,
                overlap, 0.97,
                new int[][] {{seed, 4, 5}, {1, 2, 3 + seed}, {7, 8, 9}}));
          }
        }
      }
    }
    return runs;
  }

  /** Each arm's task's fitness band over its longest run, rising to 1 as a study's would. */
  private static FitnessBands bands(List<TaskOutcome> runs) {
    Map<FitnessBands.Group, List<FitnessBands.Point>> bands = new HashMap<>();
    for (TaskOutcome r : runs) {
      int last = r.solved() ? r.generations() : 8;
      List<FitnessBands.Point> points = new ArrayList<>();
      for (int g = 1; g <= last; g++) {
        double median = 0.5 + 0.5 * g / last;
        points.add(new FitnessBands.Point(g, median, median - 0.05, Math.min(1, median + 0.05)));
      }
      bands.merge(new FitnessBands.Group(r.variant(), r.pair(), r.arm(), r.task()), points,
          (kept, other) -> kept.size() >= other.size() ? kept : other);
    }
    return new FitnessBands(bands);
  }

  private static Map<String, byte[]> render(String arms) {
    Settings settings = StudyFixtures.settings("pairs", String.join(";", PAIRS), "seeds", "3", "maxGenerations",
        "8", "arms", arms);
    List<TaskOutcome> runs = runs(List.of(arms.split(",")));
    Summary summary = Summary.of(runs, settings);
    return Report.render(settings, summary, runs, bands(runs), TransferMap.ifAny(runs, settings, summary));
  }

  private static Set<String> imageSources(String html) {
    Set<String> sources = new TreeSet<>();
    Matcher m = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
    while (m.find()) {
      sources.add(m.group(1));
    }
    return sources;
  }

  @Test
  void everyChartOfEveryPairIsAPngThePageShows() throws IOException {
    Map<String, byte[]> files = render(String.join(",", ARMS));
    // the forest plot of the speed-ups across the study, then each pair's charts
    Set<String> expected = new TreeSet<>(Set.of("speedups.png"));
    for (String slug : List.of("5-6_6-7", "5-6_8-9")) {
      for (String chart : List.of("solve-times", "fitness-A", "fitness-B", "overlap", "pathways", "module-usage")) {
        expected.add(chart + "-" + slug + ".png");
      }
    }
    Set<String> pngs = new TreeSet<>(files.keySet());
    pngs.remove(Report.PAGE);
    assertEquals(expected, pngs);
    String html = new String(files.get(Report.PAGE), StandardCharsets.UTF_8);
    assertEquals(expected, imageSources(html), "the page shows every chart, by relative name");
    for (String png : pngs) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(files.get(png)));
      assertNotNull(image, png + " decodes");
      assertTrue(image.getWidth() >= 400 && image.getHeight() >= 150, png + " " + image.getWidth() + "x"
          + image.getHeight());
    }
  }

  @Test
  void thePageOpensOfflineAndSaysWhatTheNumbersSayPerPair() {
    String html = new String(render(String.join(",", ARMS)).get(Report.PAGE), StandardCharsets.UTF_8);
    for (String external : List.of("<script", "<link", "http:", "https:", "@import", "url(")) {
      assertFalse(html.contains(external), "no " + external);
    }
    assertTrue(html.contains("<h2>Pair 5,6-&gt;6,7") && html.contains("<h2>Pair 5,6-&gt;8,9"), "a section per pair");
    // denovo: seeds 0 and 1 solve in 2 and 3 generations, pathnet B in 2, 3 and 4: speed-up 2.5 / 3 = 0.83.
    assertTrue(html.contains("denovo needed 0.83 times pathnet's mean generations"), html);
    assertTrue(html.contains("1 of 3 denovo runs on task B reached maxGenerations (8)"), html);
    assertTrue(html.contains("<code>spark.pathnet.maxGenerations</code></td><td class=\"l\">8</td>"),
        "the resolved settings");
  }

  @Test
  void withoutPathnetThereIsNoOverlapChartAndThePageSaysWhy() {
    Map<String, byte[]> files = render("scratch,denovo");
    assertTrue(files.keySet().stream().noneMatch(n -> n.startsWith("overlap") || n.startsWith("pathways")),
        files.keySet().toString());
    assertTrue(files.containsKey("solve-times-5-6_6-7.png"));
    assertTrue(new String(files.get(Report.PAGE), StandardCharsets.UTF_8).contains("has no pathnet arm"));
  }
}
