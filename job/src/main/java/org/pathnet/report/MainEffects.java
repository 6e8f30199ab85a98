package org.pathnet.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Each factor's main effect on the log speed-up of transfer over scratch: for each level against the reference
 * level, the mean log speed-up of the cells at that level minus the mean of the cells at the reference, over every
 * combination of the other factors' levels and every pair (a full factorial: {@link Factorial#complete}). Its 95%
 * interval is a paired percentile bootstrap: each resample draws one multiset of seed indices for every cell, as
 * seed s of every variant shares its random streams, and recomputes every effect.
 */
final class MainEffects {
  /**
   * One level against its factor's reference: {@code effect} is the difference of mean log speed-ups (its exp is
   * the ratio of the geometric mean speed-ups), null where a cell has no speed-up.
   */
  record Effect(String factor, String level, String reference, Double effect, Double low, Double high) {}

  private MainEffects() {}

  static List<Effect> of(List<CellRuns> cells, Factorial design, int seeds, SplittableRandom random) {
    if (!design.complete()) {
      return List.of();
    }
    double[] observed = effects(cells, design, CellRuns.once(seeds));
    double[][] resampled = new double[observed.length][Bootstrap.RESAMPLES];
    for (int r = 0; r < Bootstrap.RESAMPLES; r++) {
      double[] e = effects(cells, design, CellRuns.resample(seeds, random));
      for (int i = 0; i < e.length; i++) {
        resampled[i][r] = e[i];
      }
    }
    List<Effect> effects = new ArrayList<>();
    int i = 0;
    for (Factorial.Factor f : design.factors()) {
      for (int level = 1; level < f.levels().size(); level++, i++) {
        // a resample whose cell lost every solved run of an arm has no effect; the interval is over the others
        Sample s = Sample.of(Arrays.stream(resampled[i]).filter(Double::isFinite).toArray());
        boolean defined = Double.isFinite(observed[i]) && s.size() > 0;
        effects.add(new Effect(f.name(), f.levels().get(level), f.levels().get(0), defined ? observed[i] : null,
            defined ? s.quantile(0.025) : null, defined ? s.quantile(0.975) : null));
      }
    }
    return effects;
  }

  /** Every level's effect, factor by factor, over the seeds {@code counts} draws. */
  private static double[] effects(List<CellRuns> cells, Factorial design, int[] counts) {
    List<Factorial.Factor> factors = design.factors();
    double[][] sums = new double[factors.size()][];
    int[][] n = new int[factors.size()][];
    for (int f = 0; f < factors.size(); f++) {
      sums[f] = new double[factors.get(f).levels().size()];
      n[f] = new int[factors.get(f).levels().size()];
    }
    for (CellRuns cell : cells) {
      double log = cell.logSpeedup(counts);
      for (int f = 0; f < factors.size(); f++) {
        int level = design.level(cell.variant(), f);
        sums[f][level] += log;
        n[f][level]++;
      }
    }
    List<Double> effects = new ArrayList<>();
    for (int f = 0; f < factors.size(); f++) {
      for (int level = 1; level < sums[f].length; level++) {
        effects.add(sums[f][level] / n[f][level] - sums[f][0] / n[f][0]);
      }
    }
    return effects.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
