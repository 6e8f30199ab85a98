package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnet.network.Aggregation;
import org.pathnet.network.Architecture;
import org.pathnet.network.Pathway;

/** The chance overlap of two random pathways: worked by hand, and against a simulation of the real sampler. */
class RandomOverlapTest {
  @Test
  void oneLayerOfTwoOfFourModulesIsHypergeometric() {
    // Two draws of 2 of 4: share none 1/6, one 4/6, both 1/6.
    assertArrayEquals(new double[] {1 / 6.0, 4 / 6.0, 1 / 6.0}, RandomOverlap.distribution(1, 4, 2), 1e-12);
  }

  @Test
  void thePapersShapeExpectsTwoPointSevenSharedModules() {
    double[] p = RandomOverlap.distribution(3, 10, 3);
    assertEquals(10, p.length);
    assertEquals(1.0, Arrays.stream(p).sum(), 1e-12);
    assertEquals(3 * 3 * 3 / 10.0, RandomOverlap.expected(3, 10, 3), 1e-12);
  }

  @Test
  void aSimulationOfRandomPathwaysAgreesWithTheExactDistribution() {
    Architecture arch = new Architecture(3, 10, 3, 784, 20, Aggregation.SUM);
    SplittableRandom random = new SplittableRandom(2017);
    int trials = 20_000;
    double[] frequency = new double[10];
    double sum = 0;
    for (int i = 0; i < trials; i++) {
      int overlap = Pathway.random(arch, random).overlap(Pathway.random(arch, random));
      frequency[overlap] += 1.0 / trials;
      sum += overlap;
    }
    // The overlap's sd is about 1.21, so the mean of 20,000 has sd 0.0086; 0.04 is more than four of them.
    assertEquals(RandomOverlap.expected(3, 10, 3), sum / trials, 0.04);
    assertArrayEquals(RandomOverlap.distribution(3, 10, 3), frequency, 0.012);
  }
}
