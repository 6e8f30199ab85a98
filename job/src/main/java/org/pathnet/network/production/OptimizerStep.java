package org.pathnet.network.production;

import static org.pathnet.network.production.Lanes.LANES;
import static org.pathnet.network.production.Lanes.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.pathnet.network.Optimizer;

/**
 * The optimiser's update of one training step, as ND4J's updaters compute it (Adam with moments m = state[0] and
 * v = state[1]; SGD without state), a vector at a time. A column whose {@code mask} is 0 (frozen module, padding)
 * gets no step; its moments advance but are never written back. One difference: a subnormal first moment is
 * flushed to zero, as TensorFlow's CPU threads do, since subnormal arithmetic is slow and the step it would make
 * is below half an ulp of any weight (docs/DESIGN.md, "Kernels").
 */
final class OptimizerStep {
  private final boolean adam;
  /** Adam: the learning rate with this step's bias correction folded in; SGD: the learning rate. */
  private final float rate;
  private final float beta1;
  private final float beta2;
  private final float oneMinusBeta1;
  private final float oneMinusBeta2;
  private final float epsilon;
  private float[] params;
  private float[] m;
  private float[] v;
  private float[] mask;

  OptimizerStep(Optimizer optimizer, int step) {
    adam = optimizer.isAdam();
    rate = (float) (adam ? optimizer.adamStepSize(step) : optimizer.learningRate());
    beta1 = (float) optimizer.beta1();
    beta2 = (float) optimizer.beta2();
    oneMinusBeta1 = 1 - beta1;
    oneMinusBeta2 = 1 - beta2;
    epsilon = (float) optimizer.epsilon();
  }

  /** Directs the following updates at {@code params}, its optimiser {@code state} and its column mask. */
  OptimizerStep on(float[] params, float[][] state, float[] mask) {
    this.params = params;
    this.m = state.length > 0 ? state[0] : null;
    this.v = state.length > 1 ? state[1] : null;
    this.mask = mask;
    return this;
  }

  /** Steps every parameter along {@code gradient}; rows of {@code columns} values share the column mask. */
  void applyAll(float[] gradient, int columns) {
    applyRows(gradient, 0, 0, params.length, columns);
  }

  /**
   * Steps the parameters from {@code from} to {@code to}, whole rows of {@code columns} values that share the
   * column mask, along {@code gradient} read from {@code gradientFrom} on. When rows are whole vectors (the layers'
   * padded matrices) the range is one flat loop: short per-row loops are much slower.
   */
  void applyRows(float[] gradient, int gradientFrom, int from, int to, int columns) {
    int shift = gradientFrom - from;
    // locals, not fields, in the loops: the JIT then keeps them in registers across the vector stores
    float[] w = params;
    float[] m1 = m;
    float[] m2 = v;
    float[] columnMask = mask;
    if (columns % LANES == 0) {
      for (int p = from, column = 0; p < to; p += LANES) {
        vectorStep(FloatVector.fromArray(SPECIES, gradient, p + shift), w, m1, m2, p, columnMask, column);
        column += LANES;
        column = column == columns ? 0 : column;
      }
      return;
    }
    int vectorEnd = columns - columns % LANES;
    for (int row = from; row < to; row += columns) {
      for (int j = 0; j < vectorEnd; j += LANES) {
        vectorStep(FloatVector.fromArray(SPECIES, gradient, row + j + shift), w, m1, m2, row + j, columnMask, j);
      }
      for (int j = vectorEnd; j < columns; j++) {
        int p = row + j;
        float g = gradient[p + shift];
        float update;
        if (adam) {
          m1[p] = flushSubnormal(m1[p] * beta1 + g * oneMinusBeta1);
          m2[p] = m2[p] * beta2 + g * g * oneMinusBeta2;
          update = m1[p] * rate / ((float) Math.sqrt(m2[p]) + epsilon);
        } else {
          update = g * rate;
        }
        w[p] -= update * columnMask[j];
      }
    }
  }

  /** Steps {@code w[p .. p + LANES]} (columns from {@code column}) along gradient {@code g}. */
  private void vectorStep(FloatVector g, float[] w, float[] m1, float[] m2, int p, float[] columnMask, int column) {
    FloatVector update;
    if (adam) {
      FloatVector mv = FloatVector.fromArray(SPECIES, m1, p).mul(beta1).add(g.mul(oneMinusBeta1));
      mv = mv.blend(0f, mv.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
      FloatVector vv = FloatVector.fromArray(SPECIES, m2, p).mul(beta2).add(g.mul(g).mul(oneMinusBeta2));
      mv.intoArray(m1, p);
      vv.intoArray(m2, p);
      update = mv.mul(rate).div(vv.sqrt().add(epsilon));
    } else {
      update = g.mul(rate);
    }
    FloatVector.fromArray(SPECIES, w, p).sub(update.mul(FloatVector.fromArray(SPECIES, columnMask, column)))
        .intoArray(w, p);
  }

  private static float flushSubnormal(float x) {
    return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
  }
}
