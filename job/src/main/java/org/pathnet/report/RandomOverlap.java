package org.pathnet.report;

import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The chance baseline for overlap: how many (layer, module) positions two independent random pathways share,
 * each drawn by docs/PATHNET.md's rule (N distinct modules of M per layer, uniformly). Per layer the shared count
 * is hypergeometric (N draws from M of which N are "on the other path"); layers are independent, so the total
 * is the L-fold convolution. Computed exactly, no simulation.
 */
public final class RandomOverlap {
  private RandomOverlap() {}

  /** P(overlap = k) for k = 0 .. L x N. */
  public static double[] distribution(int layers, int modules, int active) {
    double[] perLayer = new double[active + 1];
    double all = CombinatoricsUtils.binomialCoefficientDouble(modules, active);
    for (int k = 0; k <= active; k++) {
      if (active - k <= modules - active) {
        perLayer[k] = CombinatoricsUtils.binomialCoefficientDouble(active, k)
            * CombinatoricsUtils.binomialCoefficientDouble(modules - active, active - k) / all;
      }
    }
    double[] total = {1};
    for (int l = 0; l < layers; l++) {
      double[] next = new double[total.length + active];
      for (int i = 0; i < total.length; i++) {
        for (int k = 0; k <= active; k++) {
          next[i + k] += total[i] * perLayer[k];
        }
      }
      total = next;
    }
    return total;
  }

  /** The expected overlap, L x N^2 / M (the mean of {@link #distribution}). */
  public static double expected(int layers, int modules, int active) {
    double[] p = distribution(layers, modules, active);
    double mean = 0;
    for (int k = 0; k < p.length; k++) {
      mean += k * p[k];
    }
    return mean;
  }
}
