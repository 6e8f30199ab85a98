package org.pathnet.network;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws a tournament's minibatches (PATHNET.md, "Exact definitions"): examples uniformly with replacement
 * from a task's training split, from the tournament's own batch stream; with noise on, each drawn batch gets
 * salt-and-pepper noise afresh from the noise stream. The caller gives the SAME batches to both candidates.
 */
public final class MinibatchSampler {
  private final INDArray features;
  private final int[] labels;

  /** Samples from {@code features} {@code [n, inputs]} (values in [0, 1]) with {@code labels} (0 or 1). */
  public MinibatchSampler(INDArray features, int[] labels) {
    this.features = features;
    this.labels = labels;
  }

  /** {@code count} minibatches of {@code batchSize} examples; {@code noise} is the salt-and-pepper fraction. */
  public List<Minibatch> draw(int count, int batchSize, double noise, SplittableRandom batchStream,
      SplittableRandom noiseStream) {
    List<Minibatch> batches = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      int[] rows = new int[batchSize];
      int[] batchLabels = new int[batchSize];
      for (int i = 0; i < batchSize; i++) {
        rows[i] = batchStream.nextInt(labels.length);
        batchLabels[i] = labels[rows[i]];
      }
      INDArray inputs = Nd4j.pullRows(features, 1, rows);
      if (noise > 0) {
        addSaltAndPepper(inputs, noise, noiseStream);
      }
      batches.add(Minibatch.of(inputs, batchLabels));
    }
    return batches;
  }

  /** Sets each pixel, with probability {@code fraction}, to 0 or 1 with equal chance. */
  private static void addSaltAndPepper(INDArray inputs, double fraction, SplittableRandom noise) {
    float[] values = inputs.data().asFloat();
    for (int i = 0; i < values.length; i++) {
      if (noise.nextDouble() < fraction) {
        values[i] = noise.nextBoolean() ? 1f : 0f;
      }
    }
    inputs.assign(Nd4j.create(values, inputs.shape(), inputs.ordering()).castTo(inputs.dataType()));
  }
}
