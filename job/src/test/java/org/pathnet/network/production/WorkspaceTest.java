package org.pathnet.network.production;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.pathnet.network.Aggregation;
import org.pathnet.network.Architecture;
import org.pathnet.network.Minibatch;
import org.pathnet.network.ModuleStore;
import org.pathnet.network.Optimizer;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.Pathway;

/**
 * A thread's candidates reuse the matrices its earlier candidates gave back, and reuse changes nothing: a candidate
 * gathered into arrays another candidate trained in ends bit for bit as one gathered into new arrays.
 */
class WorkspaceTest {
  private static final Architecture ARCH = new Architecture(3, 5, 3, 12, 4, Aggregation.SUM);
  private static final Optimizer ADAM = Optimizer.named("adam", 0.01);
  private static final Pathway FIRST = Pathway.of(new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
  private static final Pathway OTHER = Pathway.of(new int[][] {{2, 3, 4}, {1, 3, 4}, {0, 2, 4}});

  @Test
  void anArrayGivenBackIsTheThreadsNextTakeOfItsLength() {
    float[] used = Workspace.take(37);
    Workspace.give(used);
    float[] again = Workspace.take(37);
    assertSame(used, again, "the thread's next array of that length");
    assertNotSame(again, Workspace.take(37), "one array serves one taker at a time");
  }

  @Test
  void aCandidateInUsedArraysTrainsExactlyAsOneInNewArrays() throws InterruptedException {
    ModuleStore store = ModuleStore.initialised(ARCH, ADAM, id -> new SplittableRandom(id));
    store.startTask("A", new SplittableRandom(99));
    ParameterSlice start = store.slice("A", List.of(FIRST, OTHER));
    List<Minibatch> batches = batches();
    // each in a thread of its own, so that the first starts from new arrays
    ParameterSlice fresh = inNewThread(() -> trained(FIRST, start, batches));
    ParameterSlice reused = inNewThread(() -> {
      trained(OTHER, start, batches);
      return trained(FIRST, start, batches);
    });
    assertSameTraining(fresh, reused);
  }

  /**
   * Arrays are handed over as their last user left them, so a layer must write every element its tiles read: with
   * NaN left in the padding columns, a layer that did not zero them would send NaN down (0 x NaN) and train nothing.
   */
  @Test
  void whatALastUserLeftInTheMatricesNeverReachesTheNextCandidate() throws InterruptedException {
    ModuleStore store = ModuleStore.initialised(ARCH, ADAM, id -> new SplittableRandom(id));
    store.startTask("A", new SplittableRandom(99));
    ParameterSlice start = store.slice("A", List.of(FIRST));
    List<Minibatch> batches = batches();
    ParameterSlice fresh = inNewThread(() -> trained(FIRST, start, batches));
    ParameterSlice poisoned = inNewThread(() -> {
      for (int l = 0; l < ARCH.layers(); l++) {
        int length = Lanes.roundUp(ARCH.inputsOf(l), Lanes.TILE_ROWS)
            * Lanes.roundUp(ARCH.activePerLayer() * ARCH.moduleSize(), Lanes.TILE_COLUMNS);
        for (int copy = 0; copy < 3; copy++) {
          float[] nan = new float[length];
          java.util.Arrays.fill(nan, Float.NaN);
          Workspace.give(nan);
        }
      }
      return trained(FIRST, start, batches);
    });
    assertSameTraining(fresh, poisoned);
  }

  private static void assertSameTraining(ParameterSlice fresh, ParameterSlice reused) {
    assertEquals(fresh.size(), reused.size());
    assertEquals(fresh.step(), reused.step());
    for (int i = 0; i < fresh.size(); i++) {
      assertEquals(fresh.moduleId(i), reused.moduleId(i));
      assertArrayEquals(fresh.moduleAt(i).params(), reused.moduleAt(i).params(), "module " + fresh.moduleId(i));
      assertArrayEquals(fresh.moduleAt(i).state(), reused.moduleAt(i).state(), "moments of " + fresh.moduleId(i));
    }
    assertArrayEquals(fresh.head().params(), reused.head().params(), "head");
  }

  @Test
  void aClosedCandidateRefusesToTrainOrToHandBackItsModules() {
    ModuleStore store = ModuleStore.initialised(ARCH, ADAM, id -> new SplittableRandom(id));
    store.startTask("A", new SplittableRandom(99));
    ProductionNetwork network = new ProductionNetwork(ARCH, FIRST, store.slice("A", List.of(FIRST)), ADAM);
    network.close();
    assertThrows(IllegalStateException.class, () -> network.trainStep(batches().get(0)));
    assertThrows(IllegalStateException.class, network::trainedSlice);
  }

  private static ParameterSlice trained(Pathway path, ParameterSlice start, List<Minibatch> batches) {
    try (ProductionNetwork network = new ProductionNetwork(ARCH, path, start, ADAM)) {
      network.train(batches, 0);
      return network.trainedSlice();
    }
  }

  private static List<Minibatch> batches() {
    SplittableRandom random = new SplittableRandom(3);
    List<Minibatch> batches = new ArrayList<>();
    for (int b = 0; b < 5; b++) {
      int rows = 6;
      float[] pixels = new float[rows * ARCH.inputSize()];
      int[] labels = new int[rows];
      for (int i = 0; i < pixels.length; i++) {
        pixels[i] = random.nextDouble() < 0.5 ? 0f : (float) random.nextDouble();
      }
      for (int r = 0; r < rows; r++) {
        labels[r] = random.nextInt(2);
      }
      batches.add(Minibatch.ofPixels(pixels, ARCH.inputSize(), labels));
    }
    return batches;
  }

  private static ParameterSlice inNewThread(java.util.function.Supplier<ParameterSlice> work)
      throws InterruptedException {
    AtomicReference<ParameterSlice> result = new AtomicReference<>();
    Thread thread = new Thread(() -> result.set(work.get()));
    thread.start();
    thread.join();
    return result.get();
  }
}
