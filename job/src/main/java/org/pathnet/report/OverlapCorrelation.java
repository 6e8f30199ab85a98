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
    double[] observed = weighted(cells, members, once);
    double[][] resampled = new double[scopes.size()][Bootstrap.RESAMPLES];
    for (int r = 0; r < Bootstrap.RESAMPLES; r++) {
      double[] rho = weighted(cells, members, CellRuns.resample(seeds, random));
      for (int i = 0; i < scopes.size(); i++) {
        resampled[i][r] = rho[i];
      }
    }
    List<Correlation> correlations = new ArrayList<>();
    for (int i = 0; i < scopes.size(); i++) {
      List<CellRuns> in = cells.stream().filter(members.get(i)).toList();
      Sample s = Sample.of(Arrays.stream(resampled[i]).filter(Double::isFinite).toArray());
      boolean defined = Double.isFinite(observed[i]) && s.size() > 0;
      correlations.add(new Correlation(scopes.get(i), in.size(), in.stream().mapToInt(c -> c.overlapRuns(once)).sum(),
          defined ? observed[i] : null, defined ? s.quantile(0.025) : null, defined ? s.quantile(0.975) : null));
    }
    return correlations;
  }

  /**
   * For each scope of {@code members}, the mean of its cells' correlations over the seeds {@code counts} draws,
   * weighted by their runs; each cell's correlation is computed once for every scope it is in.
   */
  private static double[] weighted(List<CellRuns> cells, List<Predicate<CellRuns>> members, int[] counts) {
    double[] sums = new double[members.size()];
    double[] weights = new double[members.size()];
    for (CellRuns c : cells) {
      double rho = c.overlapSpearman(counts);
      if (!Double.isFinite(rho)) {
        continue;
      }
      int n = c.overlapRuns(counts);
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).test(c)) {
          sums[i] += n * rho;
          weights[i] += n;
        }
      }
    }
    double[] means = new double[members.size()];
    for (int i = 0; i < means.length; i++) {
      means[i] = weights[i] == 0 ? Double.NaN : sums[i] / weights[i];
    }
    return means;
  }
}
