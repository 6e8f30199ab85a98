package org.pathnet.evolution;

import java.io.Serializable;
import java.util.SplittableRandom;
import org.pathnet.network.Pathway;

/**
 * PathNet's mutation (docs/PATHNET.md, "A pathway"): each gene independently, with probability {@code rate}
 * (1/(L x N) by default), gets a uniform random integer from [-2, 2] added; the result is clamped to
 * [0, M-1]. A drawn shift of 0 still counts as an event, as the exact definitions require.
 */
public final class Mutation implements Serializable {
  private static final int MAX_SHIFT = 2;

  private final double rate;
  private final int modulesPerLayer;

  public Mutation(double rate, int modulesPerLayer) {
    this.rate = rate;
    this.modulesPerLayer = modulesPerLayer;
  }

  /** A mutated copy of {@code parent}; genes are visited layer by layer, slot by slot. */
  public Pathway apply(Pathway parent, SplittableRandom random) {
    int[][] genes = parent.genes();
    for (int[] layer : genes) {
      for (int slot = 0; slot < layer.length; slot++) {
        if (random.nextDouble() < rate) {
          int shift = random.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
          layer[slot] = Math.max(0, Math.min(modulesPerLayer - 1, layer[slot] + shift));
        }
      }
    }
    return Pathway.of(genes);
  }
}
