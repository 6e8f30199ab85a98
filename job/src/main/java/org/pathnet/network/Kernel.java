package org.pathnet.network;

import org.pathnet.network.production.ProductionNetwork;

/**
 * Which implementation trains a candidate (setting {@code kernel}). Both compute docs/PATHNET.md's network and
 * optimiser; they differ in float rounding only, so the same seed gives slightly different studies with each.
 */
public enum Kernel {
  /** {@link ReferenceNetwork}: plain ND4J ops, one pathway at a time; the readable reference the tests trust. */
  REFERENCE,
  /** {@link ProductionNetwork}: JDK Vector API loops over float arrays; the production kernel. */
  VECTOR;

  /** {@code pathway}'s network, gathered from {@code slice}, ready to train with {@code optimizer}. */
  public CandidateNetwork open(Architecture arch, Pathway pathway, ParameterSlice slice, Optimizer optimizer) {
    return this == REFERENCE ? new ReferenceNetwork(arch, pathway, slice, optimizer)
        : new ProductionNetwork(arch, pathway, slice, optimizer);
  }

  /** The setting's spelling: {@code reference} or {@code vector}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
