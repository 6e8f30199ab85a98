package org.pathnet.report;

import java.util.Arrays;

/**
 * A sample of numbers (generations to solve, bootstrap ratios) and the descriptive statistics the summary
 * reports on it. Quantiles interpolate linearly between order statistics (Hyndman and Fan's type 7, the
 * default of R and NumPy, and what Spark SQL's {@code percentile} computes), so the Zeppelin note and the
 * summary table agree.
 */
public final class Sample {
  private final double[] sorted;

  private Sample(double[] sorted) {
    this.sorted = sorted;
  }

  public static Sample of(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return new Sample(sorted);
  }

  /** The values in ascending order (a copy). */
  public double[] sorted() {
    return sorted.clone();
  }

  public int size() {
    return sorted.length;
  }

  /** The arithmetic mean, or null when the sample is empty. */
  public Double mean() {
    return sorted.length == 0 ? null : Arrays.stream(sorted).sum() / sorted.length;
  }

  /** The standard error of the mean (sample standard deviation / sqrt(n)), or null below two values. */
  public Double standardError() {
    int n = sorted.length;
    if (n < 2) {
      return null;
    }
    double m = mean();
    double squares = Arrays.stream(sorted).map(v -> (v - m) * (v - m)).sum();
    return Math.sqrt(squares / (n - 1) / n);
  }

  /** The {@code p}-quantile (0 <= p <= 1) by linear interpolation, or null when the sample is empty. */
  public Double quantile(double p) {
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("quantile " + p + " is outside [0, 1]");
    }
    int n = sorted.length;
    if (n == 0) {
      return null;
    }
    double position = p * (n - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, n - 1);
    return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
  }

  public Double median() {
    return quantile(0.5);
  }
}
