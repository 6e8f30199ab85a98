package org.pathnet.network;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Draws a tournament's minibatches as docs/PATHNET.md's "Exact definitions" say; the caller gives the SAME batches
 * to both candidates. A sampler refills its own minibatches at each draw, since a contest's fresh ones were garbage
 * that started most of Spark's collections (docs/DESIGN.md, "Data flow"): a draw's batches are valid until the
 * sampler's next draw, and a sampler serves one contest at a time, in one thread
 * ({@link org.pathnet.experiment.ExampleSource#sampler}).
 */
public final class MinibatchSampler {
  private final float[] features;
  private final int inputSize;
  private final int[] labels;
  /** The minibatches of the last draw, and more from earlier, longer draws. */
  private final List<Minibatch> kept = new ArrayList<>();

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

  /**
   * {@code count} minibatches of {@code batchSize} examples; {@code noise} is the salt-and-pepper fraction. They are
   * this sampler's own, valid until its next draw.
   */
  public List<Minibatch> draw(int count, int batchSize, double noise, SplittableRandom batchStream,
      SplittableRandom noiseStream) {
    for (int b = 0; b < count; b++) {
      if (b == kept.size()) {
        kept.add(blank(batchSize));
      } else if (kept.get(b).size() != batchSize) {
        kept.set(b, blank(batchSize));
      }
      Minibatch batch = kept.get(b);
      float[] pixels = batch.pixels();
      int[] batchLabels = batch.labels();
      for (int i = 0; i < batchSize; i++) {
        int row = batchStream.nextInt(labels.length);
        batchLabels[i] = labels[row];
        System.arraycopy(features, row * inputSize, pixels, i * inputSize, inputSize);
      }
      if (noise > 0) {
        addSaltAndPepper(pixels, noise, noiseStream);
      }
      batch.refilled();
    }
    return Collections.unmodifiableList(kept.subList(0, count));
  }

  private Minibatch blank(int batchSize) {
    return Minibatch.ofPixels(new float[batchSize * inputSize], inputSize, new int[batchSize]);
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
