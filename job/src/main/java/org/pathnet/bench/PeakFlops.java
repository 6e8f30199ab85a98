package org.pathnet.bench;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One core's FP32 fused multiply-add peak on this machine, measured with the JDK Vector API at its preferred
 * width: the rate the benchmark's arithmetic floor is computed from. Independent FMA chains in registers, no
 * memory traffic: what the kernel's tiles could reach at best.
 */
final class PeakFlops {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  /** Enough independent chains to cover the FMA latency on current cores (latency 4 x 2 ports). */
  private static final int CHAINS = 12;

  private PeakFlops() {}

  /** The best of {@code trials} runs of about 50 ms each, in FLOP/s (an FMA counts 2 per lane). */
  static double measure(int trials) {
    long iterations = 2_000_000;
    double best = 0;
    burn(iterations / 10);
    for (int t = 0; t < trials; t++) {
      long started = System.nanoTime();
      float sink = burn(iterations);
      long nanos = System.nanoTime() - started;
      if (Float.isNaN(sink)) {
        throw new AssertionError("unreachable: the chains stay finite");
      }
      best = Math.max(best, 2.0 * SPECIES.length() * CHAINS * iterations / (nanos / 1e9));
    }
    return best;
  }

  /** {@code iterations} rounds of CHAINS dependent FMAs; returns a lane so the JIT cannot drop the work. */
  private static float burn(long iterations) {
    FloatVector a = FloatVector.broadcast(SPECIES, 0.999999f);
    FloatVector b = FloatVector.broadcast(SPECIES, 1e-7f);
    FloatVector c0 = FloatVector.broadcast(SPECIES, 1f);
    FloatVector c1 = c0.add(1f);
    FloatVector c2 = c0.add(2f);
    FloatVector c3 = c0.add(3f);
    FloatVector c4 = c0.add(4f);
    FloatVector c5 = c0.add(5f);
    FloatVector c6 = c0.add(6f);
    FloatVector c7 = c0.add(7f);
    FloatVector c8 = c0.add(8f);
    FloatVector c9 = c0.add(9f);
    FloatVector c10 = c0.add(10f);
    FloatVector c11 = c0.add(11f);
    for (long i = 0; i < iterations; i++) {
      c0 = c0.fma(a, b);
      c1 = c1.fma(a, b);
      c2 = c2.fma(a, b);
      c3 = c3.fma(a, b);
      c4 = c4.fma(a, b);
      c5 = c5.fma(a, b);
      c6 = c6.fma(a, b);
      c7 = c7.fma(a, b);
      c8 = c8.fma(a, b);
      c9 = c9.fma(a, b);
      c10 = c10.fma(a, b);
      c11 = c11.fma(a, b);
    }
    return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
        .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
  }
}
