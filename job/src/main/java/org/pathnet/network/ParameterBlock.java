package org.pathnet.network;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The trainable state of one module or head: its parameters as a row vector {@code [1, n]} (weights
 * row-major, then biases) and the optimiser state that belongs to them, {@code [1, k * n]} for an
 * optimiser with k moment vectors (Adam: m then v; SGD: none, so {@code state} is null). Adam's moments
 * travel with the weights: saved, restored and discarded together (PATHNET.md, settings).
 *
 * <p>A plain final class rather than a record: Spark ships it with Kryo, whose field serializer cannot
 * set a record's fields.
 */
public final class ParameterBlock implements Serializable {
  private final INDArray params;
  private final INDArray state;

  public ParameterBlock(INDArray params, INDArray state) {
    this.params = params;
    this.state = state;
  }

  public INDArray params() {
    return params;
  }

  /** The optimiser state, or null for an optimiser without any (SGD). */
  public INDArray state() {
    return state;
  }

  /** A deep copy whose arrays share nothing with this block. */
  public ParameterBlock copy() {
    return new ParameterBlock(params.dup(), state == null ? null : state.dup());
  }
}
