package org.pathnet.spark;

import org.bytedeco.javacpp.Pointer;

/**
 * Keeps dead ND4J arrays from piling up outside the heap. ND4J frees an array's native memory only once the
 * garbage collector has collected its Java object, and a JVM with a roomy heap may go a long time without a full
 * collection while every round leaves its shipped and trained parameter blocks behind (hundreds of megabytes per
 * round in a large study). Called before each Spark job on the driver and at the start of each task on executors,
 * it asks for a collection when the process's memory outside the heap has grown by more than {@link #GROWTH}
 * since the last one. Reading the resident size is cheap (one /proc read).
 */
public final class NativeMemoryGuard {
  private static final long GROWTH = 256L << 20;
  private static long baseline = -1;

  private NativeMemoryGuard() {}

  public static synchronized void check() {
    long outside = outsideHeap();
    if (baseline < 0 || outside < baseline) {
      baseline = outside;
    } else if (outside - baseline > GROWTH) {
      System.gc();
      baseline = outsideHeap();
    }
  }

  private static long outsideHeap() {
    return Pointer.physicalBytes() - Runtime.getRuntime().totalMemory();
  }
}
