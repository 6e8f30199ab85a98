package org.pathnet.spark;

import org.apache.spark.SparkConf;

/** The Spark settings the job relies on, applied where the user's configuration does not say otherwise. */
public final class PathnetJobConf {
  private PathnetJobConf() {}

  /**
   * Kryo with ND4J's registrator (INDArrays cannot cross Kryo without it: NPE on {@code jvmShapeInfo}), one
   * BLAS thread per executor task, local[*] when no master is given. Explicit values win.
   */
  public static SparkConf withDefaults(SparkConf conf) {
    return kryo(conf).setIfMissing("spark.app.name", "pathnet")
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.executorEnv.OMP_NUM_THREADS", "1")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
  }

  /** Just the serializer settings. */
  public static SparkConf kryo(SparkConf conf) {
    return conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .setIfMissing("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
  }
}
