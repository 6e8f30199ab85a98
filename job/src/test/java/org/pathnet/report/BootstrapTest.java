package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The percentile bootstrap of a speed-up: reproducible for a seed, around the estimate, as wide as theory says. */
class BootstrapTest {
  private static final double[] SLOW = {30, 42, 55, 61, 38, 47, 90, 35, 52, 44};
  private static final double[] FAST = {12, 20, 15, 31, 18, 22, 14, 25};

  @Test
  void theSameSeedGivesTheSameIntervalAndAnotherSeedAnother() {
    Bootstrap.Interval a = Bootstrap.ratioOfMeans(SLOW, FAST, 2000, new SplittableRandom(11));
    Bootstrap.Interval b = Bootstrap.ratioOfMeans(SLOW, FAST, 2000, new SplittableRandom(11));
    Bootstrap.Interval c = Bootstrap.ratioOfMeans(SLOW, FAST, 2000, new SplittableRandom(12));
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void theIntervalContainsThePointEstimate() {
    double estimate = Sample.of(SLOW).mean() / Sample.of(FAST).mean(); // 49.4 / 19.625 = 2.517
    Bootstrap.Interval ci = Bootstrap.ratioOfMeans(SLOW, FAST, Bootstrap.RESAMPLES, new SplittableRandom(3));
    assertTrue(ci.low() < estimate && estimate < ci.high(), ci + " contains " + estimate);
    assertTrue(ci.low() > 1.5 && ci.high() < 4, "a plausible width: " + ci);
  }

  @Test
  void samplesWithoutSpreadGiveAnIntervalOfWidthZero() {
    Bootstrap.Interval ci = Bootstrap.ratioOfMeans(new double[] {30, 30, 30}, new double[] {10, 10},
        1000, new SplittableRandom(1));
    assertEquals(new Bootstrap.Interval(3.0, 3.0), ci);
  }

  @Test
  void theWidthMatchesTheStandardErrorOfTheMean() {
    // Numerator 1..100 (population sd 28.866, so the mean's sd is 2.8866), denominator fixed at 10: the ratio is
    // nearly normal with sd 0.28866, and its 95% interval is 5.05 +- 1.96 * 0.28866 = [4.484, 5.616].
    double[] numerator = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();
    Bootstrap.Interval ci = Bootstrap.ratioOfMeans(numerator, new double[] {10, 10, 10}, 4000,
        new SplittableRandom(5));
    assertEquals(4.484, ci.low(), 0.06);
    assertEquals(5.616, ci.high(), 0.06);
  }
}
