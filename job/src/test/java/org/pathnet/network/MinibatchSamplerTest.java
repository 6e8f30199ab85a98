package org.pathnet.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Minibatches: drawn from the batch stream alone, with replacement, noised afresh when noise is on. */
class MinibatchSamplerTest {
  private static final int ROWS = 50;
  private static final int INPUTS = 40;

  /** Row i holds the value i/100 in every pixel, so a drawn row tells which example it is. */
  private static MinibatchSampler sampler() {
    float[] x = new float[ROWS * INPUTS];
    int[] labels = new int[ROWS];
    for (int i = 0; i < ROWS; i++) {
      java.util.Arrays.fill(x, i * INPUTS, (i + 1) * INPUTS, i / 100f);
      labels[i] = i % 2;
    }
    return new MinibatchSampler(Nd4j.create(x, new long[] {ROWS, INPUTS}, 'c'), labels);
  }

  @Test
  void theSameBatchStreamGivesTheSameBatches() {
    List<Minibatch> a = sampler().draw(5, 8, 0, new SplittableRandom(1), new SplittableRandom(2));
    List<Minibatch> b = sampler().draw(5, 8, 0, new SplittableRandom(1), new SplittableRandom(99));
    for (int i = 0; i < 5; i++) {
      assertEquals(a.get(i).inputs(), b.get(i).inputs());
      assertEquals(java.util.Arrays.toString(a.get(i).labels()), java.util.Arrays.toString(b.get(i).labels()));
    }
  }

  @Test
  void aSecondDrawRefillsTheFirstDrawsBatchesAsAFreshSamplerWouldDrawThem() {
    MinibatchSampler reused = sampler();
    List<Minibatch> first = reused.draw(6, 8, 0.1, new SplittableRandom(1), new SplittableRandom(2));
    first.forEach(batch -> {
      batch.tiled(8, INPUTS);
      batch.oneHot();
    });
    List<Minibatch> second = reused.draw(4, 8, 0.1, new SplittableRandom(3), new SplittableRandom(4));
    assertSame(first.get(0), second.get(0), "the sampler's own minibatches, refilled");
    List<Minibatch> fresh = sampler().draw(4, 8, 0.1, new SplittableRandom(3), new SplittableRandom(4));
    for (int i = 0; i < 4; i++) {
      Minibatch a = second.get(i);
      Minibatch b = fresh.get(i);
      assertArrayEquals(b.pixels(), a.pixels());
      assertArrayEquals(b.labels(), a.labels());
      assertEquals(b.inputs(), a.inputs());
      assertEquals(b.oneHot(), a.oneHot());
      TiledInputs ta = a.tiled(8, INPUTS);
      TiledInputs tb = b.tiled(8, INPUTS);
      assertArrayEquals(tb.values(), ta.values());
      for (int g = 0; g <= 8 / TiledInputs.GROUP; g++) {
        assertEquals(tb.rowTerms().start(g), ta.rowTerms().start(g), "batch " + i + ", group " + g);
      }
      for (int k = 0; k < tb.rowTerms().start(8 / TiledInputs.GROUP); k++) {
        assertEquals(tb.rowTerms().term(k), ta.rowTerms().term(k));
      }
      for (int input = 0; input < INPUTS; input++) {
        assertEquals(tb.zeroInput(input), ta.zeroInput(input), "batch " + i + ", input " + input);
      }
    }
    List<Minibatch> larger = reused.draw(2, 12, 0, new SplittableRandom(5), new SplittableRandom(6));
    assertEquals(12, larger.get(1).size(), "a draw of another batch size gets minibatches of that size");
  }

  @Test
  void examplesAreDrawnUniformlyWithReplacementAndKeepTheirLabels() {
    List<Minibatch> batches = sampler().draw(500, 20, 0, new SplittableRandom(3), new SplittableRandom(4));
    int[] counts = new int[ROWS];
    for (Minibatch batch : batches) {
      for (int r = 0; r < batch.size(); r++) {
        int example = Math.round(batch.inputs().getFloat(r, 0) * 100);
        counts[example]++;
        assertEquals(example % 2, batch.labels()[r]);
        assertEquals(1.0, batch.oneHot().getDouble(r, batch.labels()[r]));
      }
    }
    for (int c : counts) {
      assertEquals(200, c, 60, "10,000 draws over 50 examples");
    }
    boolean repeated = batches.stream().anyMatch(b -> {
      long distinct = java.util.stream.IntStream.range(0, b.size()).mapToObj(r -> b.inputs().getFloat(r, 0))
          .distinct().count();
      return distinct < b.size();
    });
    assertTrue(repeated, "with replacement: some batch holds an example twice");
  }

  @Test
  void saltAndPepperNoiseSetsTheGivenFractionOfPixelsToZeroOrOne() {
    List<Minibatch> batches = sampler().draw(200, 10, 0.2, new SplittableRandom(5), new SplittableRandom(6));
    long pixels = 0;
    long salt = 0;
    long pepper = 0;
    for (Minibatch batch : batches) {
      INDArray x = batch.inputs();
      for (float v : x.data().asFloat()) {
        pixels++;
        salt += v == 1f ? 1 : 0;
        pepper += v == 0f ? 1 : 0;
      }
    }
    // row 0 is all zeros already: about 2% of pixels are 0 without noise
    assertEquals(0.1, salt / (double) pixels, 0.01, "salt");
    assertEquals(0.1 + 0.9 * 0.02, pepper / (double) pixels, 0.01, "pepper");
  }
}
