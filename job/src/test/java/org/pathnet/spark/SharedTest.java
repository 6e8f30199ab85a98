package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * On a real local master a shared value never leaves the JVM and Spark stores no broadcast for it; once released,
 * a task that reads it fails saying why. (The broadcast form is what a cluster uses: StandaloneClusterIT and
 * YarnClusterIT compare their tables with local mode's.)
 */
class SharedTest {
  /** The driver's value, told apart from any copy by identity. */
  static final int[] VALUE = {1, 2, 3};

  @Test
  void onALocalMasterTasksReadTheDriversOwnObject() {
    try (JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(
        new SparkConf().setMaster("local[2]").setAppName("shared").set("spark.ui.enabled", "false")))) {
      Shared<int[]> shared = Shared.of(spark, VALUE);
      // before any job, whose stages Spark broadcasts for itself
      assertTrue(spark.env().blockManager().getMatchingBlockIds(id -> id.isBroadcast()).isEmpty(),
          "no broadcast block was written for the value");
      List<Boolean> same = spark.parallelize(List.of(0, 1), 2).map(i -> shared.value() == VALUE).collect();
      assertEquals(List.of(true, true), same, "every task read the driver's own array, not a copy");

      shared.release();
      SparkException failed = assertThrows(SparkException.class,
          () -> spark.parallelize(List.of(0), 1).map(i -> shared.value().length).collect());
      assertTrue(failed.getMessage().contains("is not in this JVM: it was released"), failed.getMessage());
    }
  }
}
