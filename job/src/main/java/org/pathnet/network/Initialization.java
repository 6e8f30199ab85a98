package org.pathnet.network;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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

  /** A fresh block of {@code weights} weights followed by {@code biases} biases, with zeroed optimiser state. */
  public static ParameterBlock block(int weights, int biases, Optimizer optimizer, DataType type,
      SplittableRandom random) {
    double[] values = new double[weights + biases];
    for (int i = 0; i < weights; i++) {
      values[i] = truncatedNormal(random);
    }
    for (int i = weights; i < values.length; i++) {
      values[i] = BIAS;
    }
    long[] shape = {1, values.length};
    // float32 directly from floats: creating from doubles would leave a double-width copy behind, per module
    INDArray params = type == DataType.FLOAT ? Nd4j.create(toFloats(values), shape, 'c')
        : Nd4j.create(values, shape, type);
    int vectors = optimizer.stateVectors();
    INDArray state = vectors == 0 ? null : Nd4j.zeros(type, 1, (long) vectors * values.length);
    return new ParameterBlock(params, state);
  }

  private static float[] toFloats(double[] values) {
    float[] floats = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      floats[i] = (float) values[i];
    }
    return floats;
  }

  private static double truncatedNormal(SplittableRandom random) {
    double z;
    do {
      z = random.nextGaussian();
    } while (Math.abs(z) > 2);
    return z * SD;
  }
}
