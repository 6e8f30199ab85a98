package org.pathnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyData;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.spark.PathnetJobConf;

/** The driver's cost with nothing computed: every run-generation followed, the scores' bytes counted as sent. */
class DriverCostTest {
  private static DriverCost.Followers followers(int generationsPerRound) {
    Settings settings = StudyFixtures.settings("seeds", "3", "maxGenerations", "3", "stopWhenSolved", "false",
        "generationsPerRound", Integer.toString(generationsPerRound));
    return DriverCost.followers(settings, StudyData.load(settings, new Configuration()));
  }

  @Test
  void everyRunGenerationOfTheStudyIsFollowedAndItsScoresCounted() {
    DriverCost.Followers f = followers(1);
    // per seed: pathnet and finetune 3 + 3 generations, scratch and denovo 3
    assertEquals(12, f.runs());
    assertEquals(3 * 18, f.runGenerations());
    // a round's scores of one generation: 2 fitnesses, a time and 2 accuracies, 8 bytes each, and 32 more
    assertEquals(8 * 5 + 32, f.bytes(), 1e-9);
    assertTrue(f.cpuMicros() > 0, f.toString());
  }

  @Test
  void longerRoundsSendLessPerRunGeneration() {
    DriverCost.Followers one = followers(1);
    DriverCost.Followers three = followers(3);
    assertEquals(one.runGenerations(), three.runGenerations());
    // a task's 3 generations in one round: 3 x 24 bytes and the round's 48 once
    assertEquals((3 * 24 + 48) / 3.0, three.bytes(), 1e-9);
  }

  @Test
  void emptyTasksAreCountedPerSecondAndPerJob() {
    try (JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(new SparkConf()
        .setMaster("local[1]").setAppName("driver-cost").set("spark.ui.enabled", "false")))) {
      DriverCost.EmptyTasks empty = DriverCost.emptyTasks(spark, 4, 3);
      assertEquals(4, empty.tasks());
      assertTrue(empty.perSecond() > 0 && empty.millisPerJob() > 0, empty.toString());
      assertEquals(empty.tasks() * 1000 / empty.millisPerJob(), empty.perSecond(), 1e-6 * empty.perSecond());
    }
  }
}
