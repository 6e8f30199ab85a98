package org.pathnet.network;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws a tournament's minibatches (docs/PATHNET.md, "Exact definitions"): examples uniformly with replacement
 * from a task's training split, from the tournament's own batch stream; with noise on, each drawn batch gets
 * salt-and-pepper noise afresh from the noise stream. The caller gives the SAME batches to both candidates.
 */
public final class MinibatchSampler {
  private final float[] features;
  private final int inputSize;
  private final int[] labels;

  /**
   * Samples from {@code features}, {@code labels.length} rows of {@code inputSize} values in [0, 1], row-major
   * (read, never modified), with {@code labels} (0 or 1).
   */
  public MinibatchSampler(float[] features, int inputSize, int[] labels) {
    if (features.length != (long) labels.length * inputSize) {
      throw new IllegalArgumentException(features.length + " values are not " + labels.length + " rows of "
          + inputSize);
    }
    this.features = features;
    this.inputSize = inputSize;
    this.labels = labels;
  }

  /** Samples from the rows of {@code features} {@code [n, inputs]}, copied once into a float array. */
  public MinibatchSampler(INDArray features, int[] labels) {
    this(features.castTo(DataType.FLOAT).dup('c').data().asFloat(), (int) features.size(1), labels);
  }

  /** {@code count} minibatches of {@code batchSize} examples; {@code noise} is the salt-and-pepper fraction. */
  public List<Minibatch> draw(int count, int batchSize, double noise, SplittableRandom batchStream,
      SplittableRandom noiseStream) {
    List<Minibatch> batches = new ArrayList<>(count);
    for (int b = 0; b < count; b++) {
      float[] pixels = new float[batchSize * inputSize];
      int[] batchLabels = new int[batchSize];
      for (int i = 0; i < batchSize; i++) {
        int row = batchStream.nextInt(labels.length);
        batchLabels[i] = labels[row];
        System.arraycopy(features, row * inputSize, pixels, i * inputSize, inputSize);
      }
      if (noise > 0) {
        addSaltAndPepper(pixels, noise, noiseStream);
      }
      batches.add(Minibatch.ofPixels(pixels, inputSize, batchLabels));
    }
    return batches;
  }

  /** Sets each pixel, with probability {@code fraction}, to 0 or 1 with equal chance. */
  private static void addSaltAndPepper(float[] pixels, double fraction, SplittableRandom noise) {
    for (int i = 0; i < pixels.length; i++) {
      if (noise.nextDouble() < fraction) {
        pixels[i] = noise.nextBoolean() ? 1f : 0f;
      }
    }
  }
}
