package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.SEED;
import static org.pathnet.experiment.SettingKey.SEEDS;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.RandomStreams;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.TaskPair;
import org.pathnet.experiment.Variant;

/**
 * The transfer map of a study with several variants and pairs and both the pathnet and scratch arms: where
 * PathNet transfer pays, by how much, and what drives it (docs/RUNNING.md, "The transfer map"). Per (variant,
 * pair) cell, the summary's speed-up of transfer over scratch on task B with its 95% interval, and an interval
 * Bonferroni-corrected for the cells compared; each factor's main effect on the log speed-up ({@link MainEffects});
 * and whether a run's re-use of task A's path predicts a fast task B ({@link OverlapCorrelation}). Every bootstrap
 * is seeded from the study's {@code seed}, so the map is as reproducible as the tables.
 */
public final class TransferMap {
  /**
   * One cell of the map: a row of the {@code transferMap} table (docs/RUNNING.md defines the columns); null where a
   * statistic is undefined. Serializable: the table is made of these in Spark tasks.
   */
  public record Cell(String variant, String pair, Double speedup, Double speedupLow, Double speedupHigh,
      Double correctedLow, Double correctedHigh, double familyLevel, boolean marked, Double overlapMean,
      Double overlapSpearman) implements java.io.Serializable {}

  /**
   * Resamples in each tail of a corrected interval: at a family-wise 95% over 72 cells a tail is 0.035% of the
   * resamples, so they number {@link Bootstrap#RESAMPLES} or this many over the tail, whichever is more.
   */
  private static final int TAIL_RESAMPLES = 20;

  private final List<Cell> cells;
  private final List<CellRuns> runs;
  private final int compared;
  private final Factorial design;
  private final List<MainEffects.Effect> effects;
  private final List<OverlapCorrelation.Correlation> correlations;

  private TransferMap(List<Cell> cells, List<CellRuns> runs, int compared, Factorial design,
      List<MainEffects.Effect> effects, List<OverlapCorrelation.Correlation> correlations) {
    this.cells = cells;
    this.runs = runs;
    this.compared = compared;
    this.design = design;
    this.effects = effects;
    this.correlations = correlations;
  }

  /**
   * Whether a study has a map: several variants (the settings it maps) on several pairs, each with the pathnet and
   * scratch arms to compare. A study of one pair compares settings, which its variant sections read already.
   */
  public static boolean applies(Settings settings) {
    return settings.variants().size() > 1 && settings.pairs().size() > 1
        && settings.arms().containsAll(List.of(Arm.PATHNET, Arm.SCRATCH));
  }

  /**
   * The map of a study with {@code settings} from its {@code runs} rows and their {@code summary}, or null when the
   * study has none ({@link #applies}): computed once for its table and its report.
   */
  public static TransferMap ifAny(List<TaskOutcome> runs, Settings settings, Summary summary) {
    return applies(settings) ? of(runs, settings, summary) : null;
  }

  /** The map of a study with {@code settings} from its {@code runs} rows and their {@code summary}. */
  public static TransferMap of(List<TaskOutcome> runs, Settings settings, Summary summary) {
    if (!applies(settings)) {
      throw new IllegalArgumentException("a transfer map needs several variants and pairs, and the pathnet and "
          + "scratch arms");
    }
    RandomStreams streams = new RandomStreams(settings.longInteger(SEED));
    int seeds = settings.integer(SEEDS);
    List<String> pairs = settings.pairs().stream().map(TaskPair::label).toList();
    List<CellRuns> cellRuns = new ArrayList<>();
    for (Variant v : settings.variants()) {
      for (String pair : pairs) {
        cellRuns.add(CellRuns.of(v.label(), pair, runs, seeds, settings.of(v).integer(MAX_GENERATIONS)));
      }
    }
    Map<String, Summary.Row> rows = summary.rows().stream().collect(Collectors.toMap(
        r -> key(r.variant(), r.pair(), r.arm(), r.task()), Function.identity()));
    int compared = (int) cellRuns.stream().map(c -> rows.get(key(c.variant(), c.pair(), "scratch", "B")))
        .filter(r -> r != null && r.speedupLow() != null).count();
    double tail = Comparison.ALPHA / Math.max(1, compared) / 2;
    int resamples = Math.max(Bootstrap.RESAMPLES, (int) Math.ceil(TAIL_RESAMPLES / tail));
    List<Cell> cells = new ArrayList<>();
    int[] once = CellRuns.once(seeds);
    for (CellRuns c : cellRuns) {
      Summary.Row scratch = rows.get(key(c.variant(), c.pair(), "scratch", "B"));
      Summary.Row pathnet = rows.get(key(c.variant(), c.pair(), "pathnet", "B"));
      Bootstrap.Interval corrected = scratch == null || scratch.speedupLow() == null ? null
          : Bootstrap.ratioOfMeans(solved(c.scratch()), solved(c.pathnet()), resamples, tail,
              streams.analysis("transfer map|corrected|" + c.pair())); // no variant: as the summary's
      double rho = c.overlapSpearman(once);
      cells.add(new Cell(c.variant(), c.pair(), scratch == null ? null : scratch.speedup(),
          scratch == null ? null : scratch.speedupLow(), scratch == null ? null : scratch.speedupHigh(),
          corrected == null ? null : corrected.low(), corrected == null ? null : corrected.high(), 1 - 2 * tail,
          corrected != null && (corrected.low() > 1 || corrected.high() < 1),
          pathnet == null ? null : pathnet.overlapMean(), Double.isFinite(rho) ? rho : null));
    }
    Factorial design = Factorial.of(settings);
    return new TransferMap(List.copyOf(cells), List.copyOf(cellRuns), compared, design,
        MainEffects.of(cellRuns, design, seeds, streams.analysis("transfer map|main effects")),
        OverlapCorrelation.of(cellRuns, pairs, seeds, streams.analysis("transfer map|overlap")));
  }

  private static String key(String variant, String pair, String arm, String task) {
    return variant + "|" + pair + "|" + arm + "|" + task;
  }

  private static double[] solved(double[] generations) {
    return Arrays.stream(generations).filter(g -> !Double.isNaN(g)).toArray();
  }

  /** The cells, variant by variant, pairs in the study's order: the rows of the {@code transferMap} table. */
  public List<Cell> cells() {
    return cells;
  }

  /** The cells compared: those with a speed-up interval, over which the correction is taken. */
  int compared() {
    return compared;
  }

  Factorial design() {
    return design;
  }

  List<MainEffects.Effect> effects() {
    return effects;
  }

  List<OverlapCorrelation.Correlation> correlations() {
    return correlations;
  }

  /** "Bonferroni over the 72 cells compared: each cell's interval at 99.93%, ...": the correction, named. */
  String correction() {
    return String.format(Locale.ROOT, "Bonferroni over the %d cells compared: each cell's corrected interval is a "
        + "%s%% percentile bootstrap (1 - 0.05/%d), so that all of them hold at once with 95%% confidence; * marks a "
        + "cell whose corrected interval excludes 1", compared, percent(cells.isEmpty() ? 0.95
        : cells.get(0).familyLevel()), compared);
  }

  private static String percent(double level) {
    return new BigDecimal(100 * level).round(new MathContext(4)).stripTrailingZeros()
        .toPlainString();
  }

  /** What the map's tables show, in words: the cells, the correction and what it marks, the effects, the overlap. */
  List<String> readings() {
    List<String> readings = new ArrayList<>();
    List<String> faster = new ArrayList<>();
    List<String> slower = new ArrayList<>();
    for (Cell c : cells) {
      if (c.marked()) {
        (c.correctedLow() > 1 ? faster : slower).add(c.variant() + " " + c.pair() + " (" + fixed(c.speedup()) + ")");
      }
    }
    readings.add(String.format(Locale.ROOT, "%d cells (variant x pair); speed-up = scratch's mean generations on "
        + "task B / pathnet's, over solved runs, so above 1 transfer pays. %s.", cells.size(), correction()));
    readings.add(faster.isEmpty() && slower.isEmpty() ? "No cell's corrected interval excludes 1."
        : "Marked: transfer faster than scratch in " + (faster.isEmpty() ? "none" : String.join(", ", faster))
            + "; slower in " + (slower.isEmpty() ? "none" : String.join(", ", slower)) + ".");
    readings.add(effects.isEmpty() ? "The variants are not the full cross product of their factors ("
        + String.join(", ", design.factors().stream().map(Factorial.Factor::name).toList()) + "), so there are no "
        + "main effects." : "Main effect of a level: the mean log speed-up of the cells at that level minus at the "
        + "factor's reference level, over every combination of the other factors and every pair; exp(effect) is the "
        + "ratio of the geometric-mean speed-ups. 95% interval: a paired bootstrap of " + Bootstrap.RESAMPLES
        + " resamples of the seed indices, one draw for every cell, as seed s of every variant shares its random "
        + "streams." + (effects.stream().anyMatch(e -> e.effect() == null) ? " An effect is undefined (-) where a "
        + "cell it averages has no speed-up." : ""));
    readings.add("Overlap: Spearman's rank correlation of a pathnet run's task-B overlap with task A's path and its "
        + "task-B generations (censored runs at the cap), within each cell and averaged over the cells weighted by "
        + "their runs; below 0, more re-use goes with fewer generations. 95% interval: the same paired bootstrap.");
    return readings;
  }

  /** A chart of the map: its file name, the PNG and what it shows. */
  record Figure(String name, byte[] png, String caption) {}

  /** A part of the map's page: a chart and the table of its numbers. */
  record Part(Figure figure, Table table) {}

  /**
   * The heat map with the cells, the main effects (when there are any) with their table, and the overlap against
   * task B's generations with its correlations.
   */
  List<Part> parts() {
    List<Part> parts = new ArrayList<>();
    parts.add(new Part(new Figure("transfer-map.png", Charts.png(TransferHeatMap.of(this),
        TransferHeatMap.height(this)), "The transfer map: the speed-up of PathNet transfer over scratch on task B "
        + "per variant (row) and pair (column), coloured by its log (blue: transfer faster, red: slower); * marks a "
        + "cell whose interval, corrected for the " + compared + " cells compared (Bonferroni), excludes 1."),
        cellTable()));
    if (!effects.isEmpty()) {
      parts.add(new Part(new Figure("main-effects.png", Charts.png(MainEffectsForest.of(this),
          MainEffectsForest.height(this)), "Each factor's main effect on the log speed-up, each level against the "
          + "factor's reference level, with its 95% paired bootstrap interval: right of 0, transfer pays more."),
          effectTable()));
    }
    parts.add(new Part(new Figure("overlap-generations.png", Charts.png(OverlapGenerationsChart.of(runs)), "Task "
        + "B's generations (relative to its cell's median) against how many of task B's modules lie on task A's "
        + "path, pathnet runs of every variant, per pair."), correlationTable()));
    return parts;
  }

  /** A table of the map for a page to show: its columns and its rows as text. */
  record Table(List<String> columns, List<List<String>> rows) {}

  /** The cells: speed-up, 95% and corrected intervals, the mark, the mean overlap and its correlation. */
  private Table cellTable() {
    List<List<String>> rows = new ArrayList<>();
    for (Cell c : cells) {
      rows.add(List.of(c.variant(), c.pair(), fixed(c.speedup()), interval(c.speedupLow(), c.speedupHigh()),
          interval(c.correctedLow(), c.correctedHigh()), c.marked() ? "*" : "", fixed(c.overlapMean()),
          fixed(c.overlapSpearman())));
    }
    return new Table(List.of("variant", "pair", "speed-up", "95% CI", "corrected CI", "marked", "overlap",
        "Spearman"), rows);
  }

  /** The main effects: each level against its factor's reference, in log units and as a ratio. */
  private Table effectTable() {
    List<List<String>> rows = new ArrayList<>();
    for (MainEffects.Effect e : effects) {
      rows.add(List.of(e.factor(), e.level(), e.reference(), withInterval(signed(e.effect()), e.low(), e.high()),
          e.effect() == null ? "-" : withInterval(fixed(Math.exp(e.effect())), exp(e.low()), exp(e.high()))));
    }
    return new Table(List.of("factor", "level", "against", "effect on log speed-up [95% CI]",
        "ratio of speed-ups [95% CI]"), rows);
  }

  /** The overlap's correlation with task B's generations, over all cells and per pair. */
  private Table correlationTable() {
    List<List<String>> rows = new ArrayList<>();
    for (OverlapCorrelation.Correlation c : correlations) {
      rows.add(List.of(c.scope(), Integer.toString(c.cells()), Integer.toString(c.runs()),
          withInterval(signed(c.rho()), c.low(), c.high())));
    }
    return new Table(List.of("over", "cells", "pathnet runs", "Spearman [95% CI]"), rows);
  }

  private static Double exp(Double v) {
    return v == null ? null : Math.exp(v);
  }

  private static String fixed(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String signed(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%+.2f", v);
  }

  /** "+0.25 [0.10, 0.40]", or the value alone when it has no interval. */
  private static String withInterval(String value, Double low, Double high) {
    return low == null ? value : value + " " + interval(low, high);
  }

  private static String interval(Double low, Double high) {
    return low == null ? "-" : "[" + fixed(low) + ", " + fixed(high) + "]";
  }
}
