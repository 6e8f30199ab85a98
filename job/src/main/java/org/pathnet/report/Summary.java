package org.pathnet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pathnet.experiment.RunRecord;

/**
 * The end-of-study summary per pair, arm and task: runs, solved, censored, generations to solve (mean,
 * standard error, median: over solved runs only, censored runs are counted, never averaged in) and mean
 * overlap, as printed to the console.
 */
public final class Summary {
  /** One line of the summary. */
  public record Line(String pair, String arm, String task, int runs, int solved, int censored, double mean,
      double standardError, double median, double meanOverlap) {}

  private final List<Line> lines;

  private Summary(List<Line> lines) {
    this.lines = lines;
  }

  public static Summary of(List<RunRecord> runs) {
    Map<String, List<RunRecord>> groups = new TreeMap<>();
    for (RunRecord r : runs) {
      groups.computeIfAbsent(r.pair() + "\u0000" + armOrder(r.arm()) + "\u0000" + r.task(), k -> new ArrayList<>())
          .add(r);
    }
    List<Line> lines = new ArrayList<>();
    for (List<RunRecord> group : groups.values()) {
      RunRecord first = group.get(0);
      double[] solved = group.stream().filter(RunRecord::solved).mapToDouble(RunRecord::generations).sorted()
          .toArray();
      double[] overlaps = group.stream().filter(r -> r.overlap() != null).mapToDouble(RunRecord::overlap).toArray();
      lines.add(new Line(first.pair(), first.arm(), first.task(), group.size(), solved.length,
          group.size() - solved.length, mean(solved), standardError(solved), median(solved), mean(overlaps)));
    }
    return new Summary(lines);
  }

  /** Arms in PATHNET.md's order (pathnet first), not alphabetically. */
  private static int armOrder(String arm) {
    return List.of("pathnet", "scratch", "denovo", "finetune").indexOf(arm);
  }

  public List<Line> lines() {
    return lines;
  }

  private static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).average().orElseThrow();
  }

  private static double standardError(double[] values) {
    if (values.length < 2) {
      return Double.NaN;
    }
    double m = mean(values);
    double ss = Arrays.stream(values).map(v -> (v - m) * (v - m)).sum();
    return Math.sqrt(ss / (values.length - 1)) / Math.sqrt(values.length);
  }

  /** The median of sorted values. */
  private static double median(double[] sorted) {
    int n = sorted.length;
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** A fixed-width table; "-" where a statistic is undefined (no solved runs, one run, no overlap). */
  public String format() {
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "%-10s %-9s %-4s %5s %6s %8s %9s %7s %7s %8s%n", "pair", "arm", "task",
        "runs", "solved", "censored", "gen mean", "gen se", "gen med", "overlap"));
    lines.forEach(l -> s.append(String.format(Locale.ROOT,
        "%-10s %-9s %-4s %5d %6d %8d %9s %7s %7s %8s%n", l.pair(), l.arm(), l.task(), l.runs(), l.solved(),
        l.censored(), number(l.mean()), number(l.standardError()), number(l.median()), number(l.meanOverlap()))));
    return s.toString();
  }

  private static String number(double v) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
  }
}
