package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/**
 * On a real local master a parcel's cargo and results never leave the JVM: the task reads the driver's own object
 * and the driver gets the task's own list. (The broadcast form is what a cluster uses: StandaloneClusterIT and
 * YarnClusterIT compare their tables with local mode's.)
 */
class ParcelTest {
  private static JavaSparkContext spark(String master) {
    return new JavaSparkContext(PathnetJobConf.withDefaults(
        new SparkConf().setMaster(master).setAppName("parcel").set("spark.ui.enabled", "false")));
  }

  /** Runs {@code parcel}'s task, which answers with the cargo it read (retried when {@code failFirst}). */
  private static List<Object> play(JavaSparkContext spark, Parcel<Object, Object> parcel, boolean failFirst) {
    return spark.parallelize(List.of(parcel), 1).mapPartitions((Iterator<Parcel<Object, Object>> it) -> {
      Parcel<Object, Object> p = it.next();
      List<Object> answer = new ArrayList<>(List.of(p.open()));
      if (failFirst && TaskContext.get().attemptNumber() == 0) {
        p.reply(List.of("the failed attempt's"));
        throw new IllegalStateException("the first attempt fails after leaving its results");
      }
      return p.reply(answer).iterator();
    }).collect();
  }

  @Test
  void onALocalMasterTheTaskReadsTheDriversCargoAndTheDriverGetsTheTasksResults() {
    try (JavaSparkContext spark = spark("local[1]")) {
      Object cargo = new Object();
      Parcel<Object, Object> parcel = Parcel.of(spark, cargo);
      List<Object> returned = play(spark, parcel, false);
      assertTrue(returned.isEmpty(), "nothing came back through Spark's task results: " + returned);
      List<Object> results = parcel.results(returned);
      assertEquals(1, results.size());
      assertSame(cargo, results.get(0), "the task read the driver's own object, and its answer was not copied");
      parcel.release();
      IllegalStateException released = assertThrows(IllegalStateException.class, parcel::open);
      assertTrue(released.getMessage().matches("shared value \\d+ is not in this JVM: it was released.*"),
          released.getMessage());
    }
  }

  @Test
  void aRetriedTasksResultsAreThoseOfTheAttemptThatSucceeded() {
    try (JavaSparkContext spark = spark("local[1,2]")) {
      Object cargo = new Object();
      Parcel<Object, Object> parcel = Parcel.of(spark, cargo);
      List<Object> results = parcel.results(play(spark, parcel, true));
      assertEquals(List.of(cargo), results, "the second attempt's answer replaced the first's");
      parcel.release();
    }
  }

  @Test
  void aParcelWhoseTaskLeftNoResultsSaysSo() {
    try (JavaSparkContext spark = spark("local[1]")) {
      Parcel<Object, Object> parcel = Parcel.of(spark, new Object());
      IllegalStateException none = assertThrows(IllegalStateException.class, () -> parcel.results(List.of()));
      assertTrue(none.getMessage().endsWith("its task finished and left no results"), none.getMessage());
      parcel.release();
    }
  }
}
