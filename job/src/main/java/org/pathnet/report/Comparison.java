package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;

import java.util.List;
import java.util.Locale;
import org.pathnet.experiment.TaskOutcome;

/**
 * Two groups of runs compared on generations to solve: the ratio of their means over solved runs (x / y) and the
 * two-sided Mann-Whitney p over all runs, censored ones ranked at the larger of the two cells' caps. A difference
 * counts at p < {@link #ALPHA}.
 */
record Comparison(String x, String y, Double xMean, Double yMean, Double ratio, double p) {
  /** The significance level every comparison is read at. */
  static final double ALPHA = 0.05;

  /** One group of runs: an arm's task in one (variant, pair) cell of a study. */
  record Cell(String variant, String pair, String arm, String task) {}

  static Comparison of(StudyResults s, Cell xCell, Cell yCell) {
    List<TaskOutcome> x = s.cell(xCell.variant(), xCell.pair(), xCell.arm(), xCell.task());
    List<TaskOutcome> y = s.cell(yCell.variant(), yCell.pair(), yCell.arm(), yCell.task());
    int cap = Math.max(cap(s, xCell), cap(s, yCell));
    Sample xs = solved(x);
    Sample ys = solved(y);
    Double ratio = xs.mean() == null || ys.mean() == null ? null : xs.mean() / ys.mean();
    double p = x.isEmpty() || y.isEmpty() ? Double.NaN : MannWhitney.twoSidedP(capped(x, cap), capped(y, cap));
    return new Comparison(describe(xCell, xs, x.size()), describe(yCell, ys, y.size()), xs.mean(), ys.mean(), ratio,
        p);
  }

  /** True when the two differ at p < ALPHA and x took more generations. */
  boolean xSlower() {
    return ratio != null && p < ALPHA && ratio > 1;
  }

  /** True when the two differ at p < ALPHA and x took fewer generations. */
  boolean xFaster() {
    return ratio != null && p < ALPHA && ratio < 1;
  }

  /** "ratio of means 1.23, p = 0.004". */
  String ratioAndP() {
    return String.format(Locale.ROOT, "ratio of means %s, p = %s",
        ratio == null ? "-" : String.format(Locale.ROOT, "%.2f", ratio), Findings.probability(p));
  }

  @Override
  public String toString() {
    return x + " against " + y + ": " + ratioAndP();
  }

  private static int cap(StudyResults s, Cell cell) {
    return s.settings().variants().stream().filter(v -> v.label().equals(cell.variant())).findFirst()
        .map(v -> s.settings().of(v).integer(MAX_GENERATIONS)).orElse(s.settings().integer(MAX_GENERATIONS));
  }

  private static Sample solved(List<TaskOutcome> runs) {
    return Sample.of(runs.stream().filter(TaskOutcome::solved).mapToDouble(TaskOutcome::generations).toArray());
  }

  private static String describe(Cell cell, Sample solved, int runs) {
    return String.format(Locale.ROOT, "%s %s %s generations (%d of %d solved)", cell.arm(), cell.task(),
        solved.mean() == null ? "-" : String.format(Locale.ROOT, "%.1f", solved.mean()), solved.size(), runs);
  }

  private static double[] capped(List<TaskOutcome> runs, int cap) {
    return runs.stream().mapToDouble(r -> r.solved() ? r.generations() : cap).toArray();
  }
}
