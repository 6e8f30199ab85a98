package org.pathnet.spark;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Keeps ND4J (and the BLAS under it) to one thread inside Spark tasks: parallelism comes from Spark's
 * task slots, and a multi-threaded BLAS in every slot would oversubscribe the cores. OMP_NUM_THREADS=1
 * (set by submit.sh and {@code spark.executorEnv.OMP_NUM_THREADS}) covers OpenBLAS's own pool; this covers
 * ND4J's.
 */
public final class SingleThreadedNd4j {
  private static volatile boolean done;

  private SingleThreadedNd4j() {}

  /** Idempotent and cheap after the first call in a JVM. */
  public static void ensure() {
    if (!done) {
      synchronized (SingleThreadedNd4j.class) {
        if (!done) {
          Nd4j.getEnvironment().setMaxThreads(1);
          Nd4j.getEnvironment().setMaxMasterThreads(1);
          done = true;
        }
      }
    }
  }
}
