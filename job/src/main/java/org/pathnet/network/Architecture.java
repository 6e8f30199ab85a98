package org.pathnet.network;

import java.io.Serializable;

/**
 * The shape of the super network (docs/PATHNET.md, "The network"): L layers of M modules, each module
 * Linear(in -> moduleSize) + ReLU, N active modules per layer, a two-class head per task. Layer 1 reads
 * the {@code inputSize} pixels; each later layer reads the aggregated output of the layer below.
 */
public record Architecture(int layers, int modulesPerLayer, int activePerLayer, int inputSize, int moduleSize,
    Aggregation aggregation) implements Serializable {

  /** Every head is binary: PathNet's MNIST tasks classify two digits. */
  public static final int CLASSES = 2;

  /** Inputs of a module in {@code layer} (0-based). */
  public int inputsOf(int layer) {
    return layer == 0 ? inputSize : moduleSize;
  }

  /** Parameters of one module of {@code layer}: weights (moduleSize x inputs, row-major) then biases. */
  public int moduleParameters(int layer) {
    return moduleSize * inputsOf(layer) + moduleSize;
  }

  /** Parameters of a head: weights (CLASSES x moduleSize, row-major) then biases. */
  public int headParameters() {
    return CLASSES * moduleSize + CLASSES;
  }

  /** The store-wide index of module {@code module} of {@code layer}. */
  public int moduleId(int layer, int module) {
    return layer * modulesPerLayer + module;
  }

  public int moduleCount() {
    return layers * modulesPerLayer;
  }
}
