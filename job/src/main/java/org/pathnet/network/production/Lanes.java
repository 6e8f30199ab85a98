package org.pathnet.network.production;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.pathnet.network.TiledInputs;

/** The production kernel's vector shape and the padding every array of it follows. */
final class Lanes {
  static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  static final int LANES = SPECIES.length();
  /** A tile is 4 rows x 2 vectors: 8 independent FMA chains hide the FMA latency; 4 divides every batch row pad. */
  static final int TILE_ROWS = TiledInputs.GROUP;
  static final int TILE_COLUMNS = 2 * LANES;

  private Lanes() {}

  static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }

  /**
   * Where the vectors covering a module's {@code size} units start: 0, LANES, ... and, last, size - LANES, so the
   * final vector overlaps the one before rather than running past the module (masked loads are slow on JDK 17);
   * the overlap is computed twice, to the same values. Empty when a module is narrower than a vector: then the
   * callers use scalar loops.
   */
  static int[] unitVectors(int size) {
    if (size < LANES) {
      return new int[0];
    }
    int[] starts = new int[(size + LANES - 1) / LANES];
    for (int v = 0; v < starts.length; v++) {
      starts[v] = Math.min(v * LANES, size - LANES);
    }
    return starts;
  }
}
