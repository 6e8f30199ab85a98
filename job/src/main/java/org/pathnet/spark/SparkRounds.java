package org.pathnet.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.pathnet.experiment.ContestRounds;
import org.pathnet.experiment.RoundRunner;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.TrainingPlan;

/** Chooses how a study's rounds run on Spark: one generation per round, or G with {@code generationsPerTask}. */
public final class SparkRounds {
  private SparkRounds() {}

  public static RoundRunner of(JavaSparkContext spark, Settings settings, StudyData data) {
    if (settings.generationsPerTask() == 1) {
      TrainingPlan plan = TrainingPlan.of(settings, data.inputSize());
      return new ContestRounds(new SparkContestRunner(spark, plan, data, settings.partitions()));
    }
    return new SparkRunRounds(spark, data, settings.generationsPerTask(), settings.partitions());
  }
}
