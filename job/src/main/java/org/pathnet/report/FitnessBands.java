package org.pathnet.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.GenerationRecord;

/**
 * Winner fitness against generation across seeds, per arm and task of one (variant, pair) cell: the median and the 10% and 90%
 * quantiles at every generation. A run that stopped early (it solved the task) keeps its last winner fitness
 * until the group's longest run ends; otherwise the band would show only the runs that had not solved yet and
 * drift down as the good ones leave.
 */
final class FitnessBands {
  /** One generation of a band. */
  record Point(int generation, double median, double low, double high) {}

  private FitnessBands() {}

  /**
   * Bands of {@code generations} (one cell's) keyed {@code "arm task"}, in the order of the arms (pathnet first),
   * then of the tasks.
   */
  static Map<String, List<Point>> of(List<GenerationRecord> generations) {
    Map<String, Map<Integer, List<GenerationRecord>>> runs = new TreeMap<>(Comparator.comparing(
        (String group) -> Arm.fromLabel(group.split(" ")[0])).thenComparing(group -> group.split(" ")[1]));
    for (GenerationRecord g : generations) {
      runs.computeIfAbsent(g.arm() + " " + g.task(), k -> new TreeMap<>())
          .computeIfAbsent(g.seed(), k -> new ArrayList<>()).add(g);
    }
    Map<String, List<Point>> bands = new LinkedHashMap<>();
    runs.forEach((group, bySeed) -> bands.put(group, band(bySeed.values())));
    return bands;
  }

  private static List<Point> band(Iterable<List<GenerationRecord>> runs) {
    List<double[]> curves = new ArrayList<>();
    int longest = 0;
    for (List<GenerationRecord> run : runs) {
      List<GenerationRecord> ordered = run.stream().sorted(Comparator.comparingInt(GenerationRecord::generation))
          .toList();
      curves.add(ordered.stream().mapToDouble(GenerationRecord::winnerFitness).toArray());
      longest = Math.max(longest, ordered.size());
    }
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
}
