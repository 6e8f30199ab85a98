package org.pathnet.network.production;

import java.util.Arrays;
import org.pathnet.network.Architecture;
import org.pathnet.network.ParameterBlock;

/**
 * The task's head: Linear(size -> 2) on the last layer's output with a two-class softmax cross-entropy, in plain
 * loops (it is tiny). Its arrays are the store's own layout: weights [2][size] class-major, then the 2 biases.
 */
final class Head {
  private final int size;
  final float[] params;
  final float[] gradient;
  final float[][] state;
  /** The column mask of a head: nothing in it is ever frozen. */
  final float[] all;

  /** Copies {@code block}: the store's block is not changed. */
  Head(Architecture arch, ParameterBlock block, int stateVectors) {
    size = arch.moduleSize();
    params = block.params().clone();
    gradient = new float[params.length];
    state = new float[stateVectors][];
    for (int v = 0; v < stateVectors; v++) {
      state[v] = Arrays.copyOfRange(block.state(), v * params.length, (v + 1) * params.length);
    }
    all = new float[params.length];
    Arrays.fill(all, 1f);
  }

  /** logit(1) - logit(0) for row r of {@code in} (stride {@code stride}). */
  float margin(float[] in, int stride, int r) {
    float z0 = params[2 * size];
    float z1 = params[2 * size + 1];
    for (int u = 0; u < size; u++) {
      float a = in[r * stride + u];
      z0 += params[u] * a;
      z1 += params[size + u] * a;
    }
    return z1 - z0;
  }

  /**
   * The loss gradient of a batch with {@code labels} whose top-layer output is {@code in} (stride {@code stride}):
   * the head's own gradient into {@link #gradient}, and the gradient of that output into {@code inGradient}.
   * Returns how many rows the head predicted correctly before any update.
   */
  int backward(float[] in, int stride, int[] labels, float[] inGradient) {
    int correct = 0;
    float[] g = gradient;
    Arrays.fill(g, 0f);
    for (int r = 0; r < labels.length; r++) {
      float margin = margin(in, stride, r);
      if ((margin > 0 ? 1 : 0) == labels[r]) {
        correct++;
      }
      // two-class softmax: p1 = sigmoid(z1 - z0); dL/dz1 = (p1 - y1) / B and dL/dz0 = -dL/dz1
      float d1 = (float) ((1.0 / (1.0 + Math.exp(-margin)) - labels[r]) / labels.length);
      for (int u = 0; u < size; u++) {
        float a = in[r * stride + u];
        g[u] -= d1 * a;
        g[size + u] += d1 * a;
        inGradient[r * stride + u] = d1 * (params[size + u] - params[u]);
      }
      g[2 * size] -= d1;
      g[2 * size + 1] += d1;
    }
    return correct;
  }

  /** The trained head as a new block in the store's layout. */
  ParameterBlock block() {
    float[] flat = new float[state.length * params.length];
    for (int v = 0; v < state.length; v++) {
      System.arraycopy(state[v], 0, flat, v * params.length, params.length);
    }
    return new ParameterBlock(params.clone(), flat);
  }
}
