package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.ACTIVE;
import static org.pathnet.experiment.SettingKey.LAYERS;
import static org.pathnet.experiment.SettingKey.MODULES;
import static org.pathnet.experiment.SettingKey.THRESHOLD;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.TaskPair;
import org.pathnet.experiment.Variant;

/**
 * The study's visual report: {@code report.html} and the PNG charts it shows, as files in memory (name to
 * bytes) for the run directory to write under {@code report/}. Across the study: the speed-ups of transfer as a
 * forest plot, with variants the generations per variant, and with variants on several pairs the transfer map
 * ({@link TransferMap}). Per (variant, pair): generations to solve per arm,
 * winner fitness against generation, the overlap against chance, pathway diagrams of a few seeds and the
 * module-usage heat map, with the summary table; then the resolved settings. The page has no external scripts, fonts or
 * stylesheets and links its images relatively, so the directory opens offline.
 */
public final class Report {
  /** The page's file name within {@code report/}. */
  public static final String PAGE = "report.html";
  /** Seeds drawn as pathway diagrams per (variant, pair). */
  static final int DIAGRAMS = 4;

  static {
    // Charts are drawn on servers without a display.
    System.setProperty("java.awt.headless", "true");
  }

  private Report() {}

  /**
   * The report of a study's {@code runs} table, its {@code summary}, the fitness {@code bands} of its generations and
   * its transfer {@code map} (null when it has none: {@link TransferMap#ifAny}).
   */
  public static Map<String, byte[]> render(Settings settings, Summary summary, List<TaskOutcome> runs,
      FitnessBands bands, TransferMap map) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    ReportPage page = new ReportPage(settings);
    boolean variants = !settings.variants().equals(List.of(Variant.BASE));
    if (summary.rows().stream().anyMatch(r -> r.speedup() != null)) {
      String forest = "speedups.png";
      files.put(forest, Charts.png(SpeedupForest.of(summary), SpeedupForest.height(summary)));
      page.overview(forest, "Speed-up of PathNet transfer on task B over each control (the control's mean "
          + "generations / pathnet's: right of 1, transfer is faster), with its 95% bootstrap interval, per "
          + (variants ? "variant, pair and control." : "pair and control."));
    }
    if (variants) {
      String perVariant = "generations-per-variant.png";
      files.put(perVariant, Charts.png(VariantGenerations.of(summary), VariantGenerations.height(summary)));
      page.overview(perVariant, "Mean generations to solve task A and task B per variant and pair, over solved "
          + "runs, with one standard error; the censored runs are in each section's table.");
    }
    if (map != null) {
      List<TransferMap.Part> parts = map.parts();
      parts.forEach(p -> files.put(p.figure().name(), p.figure().png()));
      page.transferMap(map.readings(), parts);
    }
    for (Variant variant : settings.variants()) {
      Settings own = settings.of(variant);
      for (TaskPair pair : settings.pairs()) {
        String label = pair.label();
        String slug = (variants ? slug(variant.label()) + "_" : "") + slug(label);
        Predicate<String> inCell = v -> v.equals(variant.label());
        List<TaskOutcome> cellRuns = runs.stream().filter(r -> inCell.test(r.variant()) && r.pair().equals(label))
            .toList();
        List<Summary.Row> cellRows = summary.rows().stream()
            .filter(r -> inCell.test(r.variant()) && r.pair().equals(label)).toList();
        ReportPage.Section section = page.section(variant, pair, cellRows);
        String title = (variants ? variant.label() + ", " : "") + label;
        render(files, section, own, title, slug, cellRows, cellRuns, bands.of(variant.label(), label));
      }
    }
    files.put(PAGE, page.html().getBytes(StandardCharsets.UTF_8));
    return files;
  }

  /**
   * The figures of one (variant, pair) cell, titled {@code title}: its runs trained under {@code settings}, and
   * {@code rows}, {@code runs} and fitness {@code bands} are its own.
   */
  private static void render(Map<String, byte[]> files, ReportPage.Section section, Settings settings, String title,
      String slug, List<Summary.Row> rows, List<TaskOutcome> runs, Map<String, List<FitnessBands.Point>> bands) {
    String solveTimes = "solve-times-" + slug + ".png";
    files.put(solveTimes, Charts.png(SolveTimeChart.of(title, rows, runs)));
    section.figure(solveTimes, "Generations to solve per arm and task: the box spans the quartiles of the solved "
        + "runs, the line is the median, whiskers reach the furthest runs within 1.5 IQR, circles are runs beyond. "
        + "Censored runs are counted above the plot; the means are in the table.");

    for (String task : List.of("A", "B")) {
      if (bands.keySet().stream().anyMatch(k -> k.endsWith(" " + task))) {
        String name = "fitness-" + task + "-" + slug + ".png";
        files.put(name, Charts.png(FitnessChart.of(title, task, bands, settings.decimal(THRESHOLD))));
        section.figure(name, "Winner fitness against generation on task " + task + ": median across seeds and "
            + "the 10-90% band. A run that solved keeps its last fitness, so the band shows all seeds.");
      }
    }

    if (!settings.arms().contains(Arm.PATHNET)) {
      section.note("The study has no pathnet arm, so there is no overlap, no pathway diagram and no speed-up.");
      return;
    }
    List<TaskOutcome> pathnetA = select(runs, "A");
    List<TaskOutcome> pathnetB = select(runs, "B");
    String overlap = "overlap-" + slug + ".png";
    files.put(overlap, Charts.png(OverlapChart.of(title, pathnetB, settings.integer(LAYERS), settings.integer(MODULES),
        settings.integer(ACTIVE))));
    section.figure(overlap, "How many modules of task B's optimal path lie on task A's (pathnet runs), against "
        + "the exact distribution for two independent random pathways.");
    BufferedImage diagrams = PathwayDiagram.of(pathnetA, pathnetB, settings.integer(LAYERS), settings.integer(MODULES),
        DIAGRAMS);
    if (diagrams != null) {
      String name = "pathways-" + slug + ".png";
      files.put(name, Charts.png(diagrams));
      section.figure(name, "Pathways of the first seeds, as in the paper's figure: the module grid (layer 1 at "
          + "the bottom) with task A's frozen path, task B's path, and the modules both use.");
    }
    String usage = "module-usage-" + slug + ".png";
    files.put(usage, Charts.png(ModuleUsageMap.of(List.of(
        new ModuleUsageMap.Panel("pathnet task A", pathnetA, Palette.TASK_A),
        new ModuleUsageMap.Panel("pathnet task B", pathnetB, Palette.TASK_B)),
        settings.integer(LAYERS), settings.integer(MODULES), settings.integer(ACTIVE))));
    section.figure(usage, "Module usage across all seeds: how many seeds' optimal paths use each module.");
  }

  private static List<TaskOutcome> select(List<TaskOutcome> runs, String task) {
    return runs.stream().filter(r -> r.arm().equals(Arm.PATHNET.label()) && r.task().equals(task)).toList();
  }

  /**
   * A pair's or a variant's label as a file-name part: {@code 5,6->6,7} becomes {@code 5-6_6-7}, {@code sgd lr=0.01}
   * becomes {@code sgd-lr0.01}.
   */
  static String slug(String label) {
    return label.replace("->", "_").replace(',', '-').replace(' ', '-').replace("=", "");
  }
}
