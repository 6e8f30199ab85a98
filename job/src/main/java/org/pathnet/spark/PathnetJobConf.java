package org.pathnet.spark;

import org.apache.spark.SparkConf;

/** The Spark settings the job relies on, applied where the user's configuration does not say otherwise. */
public final class PathnetJobConf {
  /** The production kernel's JDK Vector API lives in an incubator module that every JVM must add. */
  public static final String VECTOR_MODULE_OPTION = "--add-modules=jdk.incubator.vector";
  /**
   * G1 allocates an object of half a region or more as "humongous", straight into the old generation, and each
   * such allocation may start a concurrent marking cycle. A batch's contests or results are a few MB: with the
   * default regions (1-4 MB on these heaps) every batch was humongous, and the marking cycles it started were most
   * of the job's overhead at one generation per round (docs/DESIGN.md, "Data flow"). 16 MB regions keep batches
   * ordinary young objects.
   */
  public static final String REGION_SIZE_OPTION = "-XX:G1HeapRegionSize=16m";
  private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";

  private PathnetJobConf() {}

  /**
   * Kryo with ND4J's registrator (the training sets, broadcast on a cluster, hold INDArrays, which cannot cross Kryo
   * without it: NPE on {@code jvmShapeInfo}), one BLAS thread per executor task, local[*] when no master is given,
   * and executors that can load the Vector API and use G1 regions large enough for a batch (both added to the
   * user's executor Java options, never replacing them; a region size of the user's wins), and with a local master,
   * broadcasts neither compressed nor checksummed and most of the heap for Spark's storage. Explicit values win.
   */
  public static SparkConf withDefaults(SparkConf conf) {
    String executorOptions = conf.get(EXECUTOR_OPTIONS, "").trim();
    if (!executorOptions.contains("jdk.incubator.vector")) {
      executorOptions = (executorOptions + " " + VECTOR_MODULE_OPTION).trim();
    }
    if (!executorOptions.contains("G1HeapRegionSize")) {
      executorOptions = executorOptions + " " + REGION_SIZE_OPTION;
    }
    conf.set(EXECUTOR_OPTIONS, executorOptions);
    kryo(conf).setIfMissing("spark.app.name", "pathnet")
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
        .setIfMissing("spark.ui.showConsoleProgress", "false")
        // a batch's results are a few MB: sent with the task's status rather than stored and fetched as a block
        .setIfMissing("spark.task.maxDirectResultSize", "64m");
    if (isLocal(conf.get("spark.master"))) {
      // A broadcast is still cut into pieces in local mode, but its tasks read the driver's own object and no piece
      // is ever read: compressing and checksumming the pieces only takes the driver's CPU from the tasks. The job's
      // own values no longer travel by broadcast there (Shared), but Spark still broadcasts every stage's task
      // binary (its RDD and function). Across a network both pay for themselves, so other masters keep them.
      conf.setIfMissing("spark.broadcast.compress", "false").setIfMissing("spark.broadcast.checksum", "false");
      // The driver's heap is the executor's, and the runs' state, kept in Spark's storage (SparkRounds), is most
      // of it. Spark's default share for storage and execution, 0.6, would leave 40% of that heap to the rest of the
      // job and spill the state to disk. submit.sh sizes the heap for the state and the rows beside it
      // (DriverMemory).
      conf.setIfMissing("spark.memory.fraction", "0.85");
    }
    return conf;
  }

  /** A local master ({@code local}, {@code local[N]}, {@code local[*]}, {@code local[N,F]}): one JVM, no network. */
  static boolean isLocal(String master) {
    return master.matches("local(\\[.*])?");
  }

  /** Just the serializer settings. */
  public static SparkConf kryo(SparkConf conf) {
    return conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        // Kryo's unsafe streams copy float arrays in bulk: contests, outcomes and runs are mostly floats
        .setIfMissing("spark.kryo.unsafe", "true")
        // a batch of runs is tens of MB with the default architecture; a wider one must still fit Kryo's buffer
        .setIfMissing("spark.kryoserializer.buffer.max", "512m")
        .setIfMissing("spark.kryo.registrator",
            "org.nd4j.kryo.Nd4jRegistrator," + PathnetKryoRegistrator.class.getName());
  }
}
