package org.pathnet.report;

/**
 * Spearman's rank correlation: Pearson's correlation of the two samples' ranks, tied values sharing the average of
 * their ranks (as SciPy's {@code spearmanr}).
 */
final class Spearman {
  private Spearman() {}

  /** The rank correlation of paired samples {@code x} and {@code y}; NaN when either has no spread. */
  static double rho(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("paired samples of " + x.length + " and " + y.length + " values");
    }
    double[] rx = MannWhitney.ranks(x);
    double[] ry = MannWhitney.ranks(y);
    double mean = (x.length + 1) / 2.0; // the mean of ranks 1..n, ties or not
    double xy = 0;
    double xx = 0;
    double yy = 0;
    for (int i = 0; i < x.length; i++) {
      xy += (rx[i] - mean) * (ry[i] - mean);
      xx += (rx[i] - mean) * (rx[i] - mean);
      yy += (ry[i] - mean) * (ry[i] - mean);
    }
    return xx == 0 || yy == 0 ? Double.NaN : xy / Math.sqrt(xx * yy);
  }
}
