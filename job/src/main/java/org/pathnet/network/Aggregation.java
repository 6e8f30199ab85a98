package org.pathnet.network;

/**
 * How a layer combines the outputs of its active modules (docs/PATHNET.md, "The network"): the paper sums
 * them; DeepMind is reported to have averaged them at the last layer, so the mean is offered too.
 */
public enum Aggregation {
  SUM,
  MEAN;

  /** The factor each active module's output is scaled by when {@code active} modules are combined. */
  public double scale(int active) {
    return this == SUM ? 1.0 : 1.0 / active;
  }
}
