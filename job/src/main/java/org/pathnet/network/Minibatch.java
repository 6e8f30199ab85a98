package org.pathnet.network;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples to train or evaluate on: inputs {@code [B, inputSize]}, their labels (0 or 1) and, for the loss,
 * the same labels one-hot {@code [B, 2]}. The inputs exist as a row-major float array (what the sampler draws
 * and the production kernel reads) or as an INDArray (what {@link ReferenceNetwork} reads); either view is
 * built from the other on first use, so each kernel pays only for the form it needs. A {@link MinibatchSampler}
 * refills its own minibatches from one draw to the next ({@link #refilled}), so their memory is reused.
 */
public final class Minibatch {
  private final int[] labels;
  private final int inputSize;
  private float[] pixels;
  private INDArray inputs;
  private INDArray oneHot;
  /** Layer 1's input as the production kernel reads it, shared by both candidates of a contest. */
  private TiledInputs tiled;
  /** Whether {@link #tiled} describes the current pixels: false after a refill until it is loaded again. */
  private boolean tiledCurrent;

  private Minibatch(float[] pixels, INDArray inputs, int inputSize, int[] labels) {
    this.pixels = pixels;
    this.inputs = inputs;
    this.inputSize = inputSize;
    this.labels = labels;
  }

  /** A minibatch of {@code inputs} {@code [B, inputSize]} (any floating type) with {@code labels}. */
  public static Minibatch of(INDArray inputs, int[] labels) {
    return new Minibatch(null, inputs, (int) inputs.size(1), labels);
  }

  /** A minibatch of {@code pixels}, {@code labels.length} rows of {@code inputSize} values, row-major. */
  public static Minibatch ofPixels(float[] pixels, int inputSize, int[] labels) {
    if (pixels.length != labels.length * inputSize) {
      throw new IllegalArgumentException(pixels.length + " values are not " + labels.length + " rows of " + inputSize);
    }
    return new Minibatch(pixels, null, inputSize, labels);
  }

  /** The inputs as an INDArray {@code [B, inputSize]}: float32 when the batch was built from pixels. */
  public INDArray inputs() {
    if (inputs == null) {
      inputs = Nd4j.create(pixels, new long[] {labels.length, inputSize}, 'c');
    }
    return inputs;
  }

  /** The inputs as a row-major float array of {@code B * inputSize} values; do not modify it. */
  public float[] pixels() {
    if (pixels == null) {
      pixels = inputs.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }
    return pixels;
  }

  /** These inputs padded to {@code rows} x {@code stride} for the vector kernel's first layer; built once. */
  public TiledInputs tiled(int rows, int stride) {
    if (tiled == null) {
      tiled = new TiledInputs();
    }
    if (!tiledCurrent || !tiled.fits(rows, stride)) {
      tiled.load(pixels(), inputSize, size(), inputSize, rows, stride);
      tiledCurrent = true;
    }
    return tiled;
  }

  /**
   * Forgets what was derived from the pixels and labels after the sampler wrote new ones into the arrays that
   * {@link #pixels()} and {@link #labels()} return; the tiled form keeps its memory for the next load.
   */
  void refilled() {
    inputs = null;
    oneHot = null;
    tiledCurrent = false;
  }

  /** The labels, 0 or 1; do not modify them. */
  public int[] labels() {
    return labels;
  }

  /** The labels one-hot {@code [B, 2]}, in the inputs' data type. */
  public INDArray oneHot() {
    if (oneHot == null) {
      oneHot = Nd4j.zeros(inputs().dataType(), labels.length, Architecture.CLASSES);
      for (int i = 0; i < labels.length; i++) {
        oneHot.putScalar(i, labels[i], 1.0);
      }
    }
    return oneHot;
  }

  public int size() {
    return labels.length;
  }

  public int inputSize() {
    return inputSize;
  }
}
