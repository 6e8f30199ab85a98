package org.pathnet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

/**
 * Does re-use predict a fast task B? Spearman's rank correlation of a pathnet run's task-B overlap with task A's
 * path and its task-B generations (censored runs at the cap), taken within each (variant, pair) cell, whose runs
 * share their settings, and averaged over the cells weighted by their runs: pooling cells would correlate the
 * settings' effects on both instead. Over all cells and per pair, with a 95% paired percentile bootstrap interval
 * (the seed indices resampled jointly, as {@link MainEffects} does). Below 0: more re-use, fewer generations.
 */
final class OverlapCorrelation {
  /** The correlation over the cells {@code scope} names ("all cells", or a pair). */
  record Correlation(String scope, int cells, int runs, Double rho, Double low, Double high) {}

  /** What the correlation over every cell is called. */
  static final String ALL = "all cells";

  private OverlapCorrelation() {}

  static List<Correlation> of(List<CellRuns> cells, List<String> pairs, int seeds, SplittableRandom random) {
    List<String> scopes = new ArrayList<>(List.of(ALL));
    scopes.addAll(pairs);
    List<Predicate<CellRuns>> members = new ArrayList<>();
    scopes.forEach(scope -> members.add(c -> scope.equals(ALL) || c.pair().equals(scope)));
    int[] once = CellRuns.once(seeds);
    double[][] resampled = new double[scopes.size()][Bootstrap.RESAMPLES];
    for (int r = 0; r < Bootstrap.RESAMPLES; r++) {
      int[] counts = CellRuns.resample(seeds, random);
      for (int i = 0; i < scopes.size(); i++) {
        resampled[i][r] = weighted(cells, members.get(i), counts);
      }
    }
    List<Correlation> correlations = new ArrayList<>();
    for (int i = 0; i < scopes.size(); i++) {
      List<CellRuns> in = cells.stream().filter(members.get(i)).toList();
      double rho = weighted(cells, members.get(i), once);
      Sample s = Sample.of(Arrays.stream(resampled[i]).filter(Double::isFinite).toArray());
      boolean defined = Double.isFinite(rho) && s.size() > 0;
      correlations.add(new Correlation(scopes.get(i), in.size(), in.stream().mapToInt(c -> c.overlapRuns(once)).sum(),
          defined ? rho : null, defined ? s.quantile(0.025) : null, defined ? s.quantile(0.975) : null));
    }
    return correlations;
  }

  /** The mean of the cells' correlations over the seeds {@code counts} draws, weighted by their runs. */
  private static double weighted(List<CellRuns> cells, Predicate<CellRuns> member, int[] counts) {
    double sum = 0;
    double weight = 0;
    for (CellRuns c : cells) {
      if (member.test(c)) {
        double rho = c.overlapSpearman(counts);
        if (Double.isFinite(rho)) {
          int n = c.overlapRuns(counts);
          sum += n * rho;
          weight += n;
        }
      }
    }
    return weight == 0 ? Double.NaN : sum / weight;
  }
}
