package org.pathnet.spark;

import org.apache.spark.SparkConf;

/** The Spark settings the job relies on, applied where the user's configuration does not say otherwise. */
public final class PathnetJobConf {
  /** The production kernel's JDK Vector API lives in an incubator module that every JVM must add. */
  public static final String VECTOR_MODULE_OPTION = "--add-modules=jdk.incubator.vector";
  private static final String EXECUTOR_OPTIONS = "spark.executor.extraJavaOptions";

  private PathnetJobConf() {}

  /**
   * Kryo with ND4J's registrator (the broadcast training sets hold INDArrays, which cannot cross Kryo without it:
   * NPE on {@code jvmShapeInfo}), one
   * BLAS thread per executor task, local[*] when no master is given, and executors that can load the Vector
   * API (added to the user's executor Java options, never replacing them). Explicit values win.
   */
  public static SparkConf withDefaults(SparkConf conf) {
    String executorOptions = conf.get(EXECUTOR_OPTIONS, "").trim();
    if (!executorOptions.contains("jdk.incubator.vector")) {
      conf.set(EXECUTOR_OPTIONS, (executorOptions + " " + VECTOR_MODULE_OPTION).trim());
    }
    return kryo(conf).setIfMissing("spark.app.name", "pathnet")
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
        .setIfMissing("spark.ui.showConsoleProgress", "false")
        // a batch's results are a few MB: sent with the task's status rather than stored and fetched as a block
        .setIfMissing("spark.task.maxDirectResultSize", "64m");
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
