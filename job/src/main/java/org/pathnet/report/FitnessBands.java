package org.pathnet.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathnet.experiment.Arm;

/**
 * Winner fitness against generation across seeds, per (variant, pair) cell, arm and task: the median and the 10% and
 * 90% quantiles at every generation. A run that stopped early (it solved the task) keeps its last winner fitness
 * until its group's longest run ends; otherwise the band would show only the runs that had not solved yet and drift
 * down as the good ones leave. Spark gathers each group's runs from the {@code generations} table in a task of its own
 * ({@code FitnessBandQuery}), where {@link #band} draws its band, so that no driver holds the table's rows.
 */
public final class FitnessBands {
  /** One generation of a band. */
  public record Point(int generation, double median, double low, double high) implements Serializable {}

  /** The runs a band is over: one arm's task, in one (variant, pair) cell. */
  public record Group(String variant, String pair, String arm, String task) implements Serializable {}

  private final Map<Group, List<Point>> bands;

  /** {@code bands}, each ordered by generation. */
  public FitnessBands(Map<Group, List<Point>> bands) {
    this.bands = Map.copyOf(bands);
  }

  /**
   * The band of a group's runs, each run's winner fitness by generation from the first ({@code curves}): at every
   * generation up to the longest run's, the median and the 10% and 90% quantiles across the runs, a run that ended
   * counted at its last fitness.
   */
  public static List<Point> band(List<double[]> curves) {
    int longest = curves.stream().mapToInt(curve -> curve.length).max().orElse(0);
    List<Point> points = new ArrayList<>(longest);
    double[] values = new double[curves.size()];
    for (int g = 0; g < longest; g++) {
      for (int r = 0; r < values.length; r++) {
        double[] curve = curves.get(r);
        values[r] = curve[Math.min(g, curve.length - 1)];
      }
      Sample s = Sample.of(values);
      points.add(new Point(g + 1, s.median(), s.quantile(0.1), s.quantile(0.9)));
    }
    return points;
  }

  /**
   * The bands of the cell ({@code variant}, {@code pair}) keyed {@code "arm task"}, in the order of the arms
   * (pathnet first), then of the tasks.
   */
  public Map<String, List<Point>> of(String variant, String pair) {
    Map<String, List<Point>> cell = new LinkedHashMap<>();
    bands.entrySet().stream()
        .filter(e -> e.getKey().variant().equals(variant) && e.getKey().pair().equals(pair))
        .sorted(Map.Entry.comparingByKey(Comparator.comparing((Group g) -> Arm.fromLabel(g.arm()))
            .thenComparing(Group::task)))
        .forEach(e -> cell.put(e.getKey().arm() + " " + e.getKey().task(), e.getValue()));
    return cell;
  }
}
