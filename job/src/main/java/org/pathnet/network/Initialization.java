package org.pathnet.network;

import java.util.SplittableRandom;

/**
 * The TensorFlow implementation's initialisation (profile value {@code init=tf}): weights from a normal
 * distribution with standard deviation 0.1 truncated at two standard deviations (redrawn beyond, as
 * {@code tf.truncated_normal} does), every bias 0.1. Drawn from the caller's seeded stream, never from
 * ND4J's global generator, so a module's initial values depend only on its stream's key.
 */
public final class Initialization {
  private static final double SD = 0.1;
  private static final double BIAS = 0.1;

  private Initialization() {}

  /**
   * A fresh module of {@code units} units reading {@code inputs} inputs, with zeroed optimiser state, in
   * {@link ParameterBlock}'s input-major layout. The weights are drawn unit by unit (all inputs of unit 0, then of
   * unit 1, ...): the order docs/PATHNET.md's streams have always been read in, whatever the layout they are stored in.
   */
  public static ParameterBlock module(int inputs, int units, Optimizer optimizer, SplittableRandom random) {
    float[] values = new float[inputs * units + units];
    for (int u = 0; u < units; u++) {
      for (int i = 0; i < inputs; i++) {
        values[i * units + u] = truncatedNormal(random);
      }
    }
    return withBiases(values, inputs * units, optimizer);
  }

  /** A fresh head of {@code classes} x {@code inputs} weights, class-major, then {@code classes} biases. */
  public static ParameterBlock head(int inputs, int classes, Optimizer optimizer, SplittableRandom random) {
    float[] values = new float[classes * inputs + classes];
    for (int i = 0; i < classes * inputs; i++) {
      values[i] = truncatedNormal(random);
    }
    return withBiases(values, classes * inputs, optimizer);
  }

  private static ParameterBlock withBiases(float[] values, int weights, Optimizer optimizer) {
    for (int i = weights; i < values.length; i++) {
      values[i] = (float) BIAS;
    }
    return new ParameterBlock(values, new float[optimizer.stateVectors() * values.length]);
  }

  private static float truncatedNormal(SplittableRandom random) {
    double z;
    do {
      z = random.nextGaussian();
    } while (Math.abs(z) > 2);
    return (float) (z * SD);
  }
}
