package org.pathnet.network.production;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The float arrays a thread's candidates gather their layers into, kept for the thread's next candidates. A
 * contest's two candidates gather about a megabyte of weights and Adam moments that live for milliseconds; new
 * arrays each time were most of the kernel's garbage, and on Spark garbage is what starts the collections that copy
 * the batches in flight (docs/DESIGN.md, "Where local mode's overhead goes"). An array comes back as it was given:
 * its taker writes every element it reads (zeroing a whole matrix it is about to fill would cost as much as the
 * zeroing of a new one that reuse saves), so reuse changes no result.
 */
final class Workspace {
  /**
   * Arrays kept per length: a candidate takes three per layer (weights and two Adam moments), layers of one width
   * share a length, and a tournament holds two candidates at once; past that, arrays are left to the collector.
   */
  private static final int KEPT = 16;
  private static final ThreadLocal<Map<Integer, ArrayDeque<float[]>>> FREE = ThreadLocal.withInitial(HashMap::new);

  private Workspace() {}

  /**
   * An array of {@code length} floats, holding whatever its last user left: one this thread gave back, or a new
   * one.
   */
  static float[] take(int length) {
    ArrayDeque<float[]> free = FREE.get().get(length);
    float[] array = free == null ? null : free.poll();
    return array == null ? new float[length] : array;
  }

  /** Gives {@code array} back for this thread's next {@link #take}; the caller must not touch it again. */
  static void give(float[] array) {
    ArrayDeque<float[]> free = FREE.get().computeIfAbsent(array.length, length -> new ArrayDeque<>(KEPT));
    if (free.size() < KEPT) {
      free.push(array);
    }
  }
}
