package org.pathnet.report;

import java.util.Arrays;
import org.apache.commons.math3.special.Erf;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided: do two samples of generations to solve come from
 * the same distribution? Ties get average ranks. As SciPy's {@code mannwhitneyu} does by default, the p-value
 * is exact when there are no ties and the smaller sample has fewer than 8 values, otherwise it comes from the
 * normal approximation with the tie correction of the variance and a continuity correction of 0.5.
 */
public final class MannWhitney {
  private static final int EXACT_BELOW = 8;

  private MannWhitney() {}

  /** The U statistic of {@code x}: the number of pairs (x_i, y_j) with x_i > y_j, ties counting one half. */
  public static double u(double[] x, double[] y) {
    double[] ranks = ranks(concat(x, y));
    double rankSum = 0;
    for (int i = 0; i < x.length; i++) {
      rankSum += ranks[i];
    }
    return rankSum - x.length * (x.length + 1) / 2.0;
  }

  /** The two-sided p-value of the hypothesis that {@code x} and {@code y} come from the same distribution. */
  public static double twoSidedP(double[] x, double[] y) {
    int n1 = x.length;
    int n2 = y.length;
    if (n1 == 0 || n2 == 0) {
      throw new IllegalArgumentException("the Mann-Whitney test needs two non-empty samples (" + n1 + ", " + n2 + ")");
    }
    double[] pooled = concat(x, y);
    double tieTerm = tieTerm(pooled);
    double u1 = u(x, y);
    double uMax = Math.max(u1, (double) n1 * n2 - u1);
    if (tieTerm == 0 && Math.min(n1, n2) < EXACT_BELOW) {
      return Math.min(1, 2 * exactUpperTail(n1, n2, (int) Math.round(uMax)));
    }
    int n = n1 + n2;
    double mean = n1 * (double) n2 / 2;
    double variance = n1 * (double) n2 / 12 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
    if (variance <= 0) {
      return 1; // every value tied: no evidence of a difference
    }
    double z = (uMax - mean - 0.5) / Math.sqrt(variance);
    return Math.min(1, Erf.erfc(z / Math.sqrt(2)));
  }

  /** P(U >= u) under the null hypothesis without ties: U's frequencies by the usual recursion on (n1, n2). */
  private static double exactUpperTail(int n1, int n2, int u) {
    int max = n1 * n2;
    // counts[a][b][k]: arrangements of a x's and b y's with U = k, built up over b; doubles avoid overflow.
    double[][] previous = new double[n1 + 1][];
    for (int a = 0; a <= n1; a++) {
      previous[a] = new double[max + 1];
      previous[a][0] = 1; // b = 0: U = 0 whatever a
    }
    for (int b = 1; b <= n2; b++) {
      double[][] current = new double[n1 + 1][max + 1];
      current[0][0] = 1;
      for (int a = 1; a <= n1; a++) {
        for (int k = 0; k <= max; k++) {
          // The largest value is an x (it beats all b y's) or a y (it adds nothing).
          current[a][k] = (k >= b ? current[a - 1][k - b] : 0) + previous[a][k];
        }
      }
      previous = current;
    }
    double total = 0;
    double tail = 0;
    for (int k = 0; k <= max; k++) {
      total += previous[n1][k];
      if (k >= u) {
        tail += previous[n1][k];
      }
    }
    return tail / total;
  }

  /** Sum over groups of tied values of (t^3 - t), t the group's size. */
  private static double tieTerm(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double term = 0;
    for (int i = 0; i < sorted.length;) {
      int j = i;
      while (j < sorted.length && sorted[j] == sorted[i]) {
        j++;
      }
      double t = j - i;
      term += t * t * t - t;
      i = j;
    }
    return term;
  }

  /** 1-based ranks of {@code values}, tied values sharing the average of their ranks (Spearman's too). */
  static double[] ranks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
    double[] ranks = new double[values.length];
    for (int i = 0; i < order.length;) {
      int j = i;
      while (j < order.length && values[order[j]] == values[order[i]]) {
        j++;
      }
      double average = (i + 1 + j) / 2.0;
      for (int k = i; k < j; k++) {
        ranks[order[k]] = average;
      }
      i = j;
    }
    return ranks;
  }

  private static double[] concat(double[] x, double[] y) {
    double[] all = Arrays.copyOf(x, x.length + y.length);
    System.arraycopy(y, 0, all, x.length, y.length);
    return all;
  }
}
