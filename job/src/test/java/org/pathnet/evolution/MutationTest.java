package org.pathnet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.pathnet.network.Pathway;

/** docs/PATHNET.md's mutation: per-gene event rate 1/(L*N), shifts uniform on [-2, 2], results clamped to [0, M-1]. */
class MutationTest {
  private static final int M = 10;
  private static final int DRAWS = 200_000;
  private static final Pathway MIDDLE = Pathway.of(new int[][] {{4, 5, 6}, {4, 5, 6}, {4, 5, 6}});

  @Test
  void eachGeneMutatesWithProbabilityOneOverLTimesN() {
    // Count events, not changes: a shift of 0 is an event that changes nothing, so count changes and
    // divide by the 4/5 of events whose shift is non-zero.
    double rate = 1.0 / 9;
    Mutation mutation = new Mutation(rate, M);
    SplittableRandom random = new SplittableRandom(1);
    long changed = 0;
    for (int i = 0; i < DRAWS; i++) {
      Pathway child = mutation.apply(MIDDLE, random);
      for (int l = 0; l < 3; l++) {
        for (int g = 0; g < 3; g++) {
          if (child.gene(l, g) != MIDDLE.gene(l, g)) {
            changed++;
          }
        }
      }
    }
    double eventRate = changed / (DRAWS * 9.0) / 0.8;
    double sd = Math.sqrt(rate * (1 - rate) / (DRAWS * 9.0)) / 0.8;
    assertEquals(rate, eventRate, 5 * sd, "per-gene event rate");
  }

  @Test
  void shiftsAreUniformOnMinusTwoToTwo() {
    Mutation always = new Mutation(1.0, M);
    SplittableRandom random = new SplittableRandom(2);
    long[] counts = new long[5];
    for (int i = 0; i < DRAWS; i++) {
      Pathway child = always.apply(MIDDLE, random);
      counts[child.gene(0, 1) - 5 + 2]++;
    }
    double chiSquare = 0;
    double expected = DRAWS / 5.0;
    for (long c : counts) {
      chiSquare += (c - expected) * (c - expected) / expected;
    }
    // 4 degrees of freedom: P(chi2 > 18.47) = 0.001
    assertTrue(chiSquare < 18.47, "shift counts " + java.util.Arrays.toString(counts) + " chi2 " + chiSquare);
  }

  @Test
  void resultsAreClampedNotWrapped() {
    Mutation always = new Mutation(1.0, M);
    Pathway edges = Pathway.of(new int[][] {{0, 1, 9}, {0, 8, 9}, {0, 1, 9}});
    SplittableRandom random = new SplittableRandom(3);
    long atZero = 0;
    for (int i = 0; i < 20_000; i++) {
      Pathway child = always.apply(edges, random);
      for (int l = 0; l < 3; l++) {
        for (int g = 0; g < 3; g++) {
          int gene = child.gene(l, g);
          assertTrue(gene >= 0 && gene <= M - 1, "gene " + gene + " within [0, M-1]");
          assertTrue(Math.abs(gene - edges.gene(l, g)) <= 2, "no wrap-around: " + edges.gene(l, g) + " -> " + gene);
        }
      }
      atZero += child.gene(0, 0) == 0 ? 1 : 0;
    }
    // gene 0 stays at 0 for shifts -2, -1, 0: three fifths of the time
    assertEquals(0.6, atZero / 20_000.0, 0.02);
  }

  @Test
  void theParentIsNotChanged() {
    Pathway parent = Pathway.of(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    Pathway copy = Pathway.of(parent.genes());
    new Mutation(1.0, M).apply(parent, new SplittableRandom(4));
    assertEquals(copy, parent);
  }
}
