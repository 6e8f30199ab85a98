package org.pathnet.report;

import java.util.SplittableRandom;

/**
 * The percentile bootstrap for a speed-up, the ratio of two means: each resample draws both samples anew,
 * with replacement and at their own sizes, from the given random stream, so the interval is reproducible for a
 * seed. The 95% interval is the 2.5% and 97.5% quantiles of the resampled ratios; an interval at another level
 * (a Bonferroni-corrected one) cuts its tails alike.
 */
public final class Bootstrap {
  /** Resamples per interval: well above the 1,000 a stable 95% percentile interval needs. */
  public static final int RESAMPLES = 2000;

  /** A confidence interval {@code [low, high]}. */
  public record Interval(double low, double high) {}

  private Bootstrap() {}

  /** The 95% percentile interval of mean(numerator) / mean(denominator); both samples non-empty. */
  public static Interval ratioOfMeans(double[] numerator, double[] denominator, int resamples,
      SplittableRandom random) {
    return ratioOfMeans(numerator, denominator, resamples, 0.025, random);
  }

  /**
   * The percentile interval of mean(numerator) / mean(denominator) that cuts {@code tail} off each side (0.025: the
   * 95% interval), which needs resamples enough to leave some in each tail.
   */
  public static Interval ratioOfMeans(double[] numerator, double[] denominator, int resamples, double tail,
      SplittableRandom random) {
    if (numerator.length == 0 || denominator.length == 0 || resamples < 1) {
      throw new IllegalArgumentException("a bootstrap needs two non-empty samples and at least one resample");
    }
    double[] ratios = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      ratios[r] = resampledMean(numerator, random) / resampledMean(denominator, random);
    }
    Sample sample = Sample.of(ratios);
    return new Interval(sample.quantile(tail), sample.quantile(1 - tail));
  }

  private static double resampledMean(double[] values, SplittableRandom random) {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[random.nextInt(values.length)];
    }
    return sum / values.length;
  }
}
