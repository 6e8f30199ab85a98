package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The rank test against small examples worked by hand (ranks, U, exact counts, the tie-corrected normal). */
class MannWhitneyTest {
  @Test
  void completelySeparatedSamplesOfThreeHaveTheExactPOfOneTenth() {
    // U = 0; 1 of the C(6,3) = 20 equally likely orderings is this extreme, and two-sided doubles it.
    assertEquals(0.1, MannWhitney.twoSidedP(new double[] {1, 2, 3}, new double[] {4, 5, 6}), 1e-12);
    assertEquals(0.1, MannWhitney.twoSidedP(new double[] {4, 5, 6}, new double[] {1, 2, 3}), 1e-12);
  }

  @Test
  void exactPCountsTheOrderingsAtLeastAsExtreme() {
    // x = {1, 3}, y = {2, 4, 5}: U_x = 1, so U_y = 5. Of the C(5,2) = 10 orderings, U = 5 or 6 in 2 of them.
    assertEquals(1.0, MannWhitney.u(new double[] {1, 3}, new double[] {2, 4, 5}), 0);
    assertEquals(0.4, MannWhitney.twoSidedP(new double[] {1, 3}, new double[] {2, 4, 5}), 1e-12);
  }

  @Test
  void tiesGetAverageRanksAndTheTieCorrectedNormalApproximation() {
    // Pooled 1,2,2,3,4,5,5,6,6,7,8,9,9,10,11,12: rank sum of x = 1+2.5+2.5+4+5+6.5+8.5+12.5 = 42.5, U = 6.5.
    // Four pairs of ties: var = 8*8/12 * (17 - 4*6/(16*15)) = 90.1333; z = (57.5 - 32 - 0.5)/sqrt(var) = 2.63327.
    double[] x = {3, 4, 2, 6, 2, 5, 9, 1};
    double[] y = {9, 7, 5, 10, 6, 8, 11, 12};
    assertEquals(6.5, MannWhitney.u(x, y), 0);
    assertEquals(0.0084564, MannWhitney.twoSidedP(x, y), 1e-7);
  }

  @Test
  void censoredRunsTiedAtTheCapUseTheNormalApproximationEvenForSmallSamples() {
    // {8, 12, 16, cap 100} against {4, 6, 8}: ranks 3.5, 5, 6, 7 -> U = 11.5; one tie of two:
    // var = 12/12 * (8 - 6/42) = 7.857143, z = (11.5 - 6 - 0.5)/sqrt(var) = 1.783765, p = 0.0744618.
    assertEquals(0.0744618, MannWhitney.twoSidedP(new double[] {8, 12, 16, 100}, new double[] {4, 6, 8}), 1e-7);
  }

  @Test
  void identicalSamplesGiveOne() {
    assertEquals(1.0, MannWhitney.twoSidedP(new double[] {5, 5, 5}, new double[] {5, 5}), 0);
    assertEquals(1.0, MannWhitney.twoSidedP(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9},
        new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9}), 0);
  }

  @Test
  void uCountsThePairsWhereXIsLargerTiesCountingOneHalf() {
    SplittableRandom random = new SplittableRandom(7);
    double[] x = random.ints(15, 0, 10).asDoubleStream().toArray();
    double[] y = random.ints(11, 0, 10).asDoubleStream().toArray();
    double pairs = 0;
    for (double a : x) {
      for (double b : y) {
        pairs += a > b ? 1 : a == b ? 0.5 : 0;
      }
    }
    assertEquals(pairs, MannWhitney.u(x, y), 1e-9);
  }
}
