package org.pathnet.evolution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.pathnet.network.Aggregation;
import org.pathnet.network.Architecture;
import org.pathnet.network.Kernel;
import org.pathnet.network.Minibatch;
import org.pathnet.network.ModuleStore;
import org.pathnet.network.Optimizer;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.Pathway;
import org.pathnet.network.ReferenceNetwork;

/** docs/PATHNET.md's binary tournament: equal start, equal batches, only the winner's training kept. */
class TournamentTest {
  private static final Architecture ARCH = new Architecture(3, 6, 2, 10, 5, Aggregation.SUM);
  private static final Optimizer ADAM = Optimizer.named("adam", 0.01);
  private static final Pathway FIRST = Pathway.of(new int[][] {{0, 1}, {0, 1}, {0, 1}});
  private static final Pathway SECOND = Pathway.of(new int[][] {{1, 2}, {2, 3}, {4, 5}});

  private static ModuleStore store() {
    ModuleStore store = ModuleStore.initialised(ARCH, ADAM, id -> new SplittableRandom(100 + id));
    store.startTask("A", new SplittableRandom(7));
    return store;
  }

  private static List<Minibatch> batches(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    return java.util.stream.IntStream.range(0, 6).mapToObj(b -> {
      float[] x = new float[8 * 10];
      int[] y = new int[8];
      for (int i = 0; i < 8; i++) {
        y[i] = r.nextInt(2);
        for (int j = 0; j < 10; j++) {
          x[i * 10 + j] = (float) (r.nextDouble() + (y[i] == 1 && j < 5 ? 1 : 0));
        }
      }
      return Minibatch.of(Nd4j.create(x, new long[] {8, 10}, 'c'), y);
    }).toList();
  }

  /** Trains {@code path} alone from {@code start} on {@code batches}: what fight must do for each candidate. */
  private static ReferenceNetwork trainAlone(Pathway path, ParameterSlice start, List<Minibatch> batches) {
    ReferenceNetwork net = new ReferenceNetwork(ARCH, path, start, ADAM);
    net.train(batches, 0);
    return net;
  }

  @Test
  void bothCandidatesStartFromTheSameParametersAndSeeTheSameBatches() {
    ModuleStore store = store();
    ParameterSlice start = store.slice("A", List.of(FIRST, SECOND));
    List<Minibatch> batches = batches(11);
    Tournament.Result result = Tournament.fight(Kernel.REFERENCE, ARCH, ADAM, start, FIRST, SECOND, batches);

    // Each candidate's fitness equals that of training it alone from the untouched start: the second one
    // did not start from the first one's trained weights.
    double examples = 6 * 8;
    double firstAlone = new ReferenceNetwork(ARCH, FIRST, start, ADAM).train(batches, 0) / examples;
    double secondAlone = new ReferenceNetwork(ARCH, SECOND, start, ADAM).train(batches, 0) / examples;
    assertEquals(firstAlone, result.firstFitness(), 0.0);
    assertEquals(secondAlone, result.secondFitness(), 0.0);
  }

  @Test
  void theWinnersTrainingIsWrittenToTheStoreAndTheLosersLeavesNoTrace() {
    ModuleStore store = store();
    ParameterSlice start = store.slice("A", List.of(FIRST, SECOND));
    List<Minibatch> batches = batches(12);
    Tournament.Result result = Tournament.fight(Kernel.REFERENCE, ARCH, ADAM, start, FIRST, SECOND, batches);
    Pathway winner = result.firstWins() ? FIRST : SECOND;
    Pathway loser = result.firstWins() ? SECOND : FIRST;
    float[] winnerTrained = trainAlone(winner, start, batches).trainedSlice().module(ARCH.moduleId(2,
        winner.gene(2, 1))).params();
    float[] loserOnlyBefore = store.module(2, loser.gene(2, 1)).params();
    float[] headBefore = start.head().params().clone();

    Population population = Population.random(ARCH, 4, new SplittableRandom(1));
    population.set(0, FIRST);
    population.set(1, SECOND);
    Tournament.settle(store, "A", population, new Tournament.Pair(0, 1), result, new Mutation(0.0, 6),
        new SplittableRandom(2));

    // layer 3's second gene is a module only one candidate uses (FIRST: 1; SECOND: 5)
    assertArrayEquals(winnerTrained, store.module(2, winner.gene(2, 1)).params(), "winner's module written back");
    assertTrue(loserOnlyBefore == store.module(2, loser.gene(2, 1)).params(), "loser's module untouched");
    assertFalse(Arrays.equals(headBefore, store.head("A").params()), "winner's head written back");
    assertEquals(6, store.step(), "optimiser steps advance by the winner's T = 6 minibatches");
  }

  @Test
  void theLosersGenotypeBecomesAMutatedCopyOfTheWinners() {
    ModuleStore store = store();
    ParameterSlice start = store.slice("A", List.of(FIRST, SECOND));
    Tournament.Result result = Tournament.fight(Kernel.REFERENCE, ARCH, ADAM, start, FIRST, SECOND, batches(13));
    Population population = Population.random(ARCH, 4, new SplittableRandom(1));
    population.set(2, FIRST);
    population.set(3, SECOND);
    Mutation mutation = new Mutation(0.5, 6);
    Tournament.settle(store, "A", population, new Tournament.Pair(2, 3), result, mutation, new SplittableRandom(9));

    int winner = result.firstWins() ? 2 : 3;
    int loser = result.firstWins() ? 3 : 2;
    Pathway winning = result.firstWins() ? FIRST : SECOND;
    assertEquals(winning, population.get(winner), "winner keeps its genotype");
    assertEquals(mutation.apply(winning, new SplittableRandom(9)), population.get(loser), "loser = mutate(winner)");
    assertNotSame(population.get(winner), population.get(loser));
  }

  @Test
  void aTieGoesToTheCandidateDrawnFirst() {
    Tournament.Result tie = new Tournament.Result(0.75, 0.75, null);
    assertTrue(tie.firstWins());
    assertEquals(0.75, tie.loserFitness());
  }

  @Test
  void selectionDrawsTwoDistinctPositionsUniformly() {
    SplittableRandom random = new SplittableRandom(5);
    int[][] counts = new int[4][4];
    for (int i = 0; i < 120_000; i++) {
      Tournament.Pair pair = Tournament.select(4, random);
      assertNotEquals(pair.first(), pair.second());
      counts[pair.first()][pair.second()]++;
    }
    for (int a = 0; a < 4; a++) {
      for (int b = 0; b < 4; b++) {
        if (a != b) {
          assertEquals(10_000, counts[a][b], 400, "ordered pair " + a + "," + b);
        }
      }
    }
  }
}
