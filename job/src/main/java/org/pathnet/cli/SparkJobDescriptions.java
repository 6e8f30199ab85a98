package org.pathnet.cli;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.pathnet.experiment.Study;

/**
 * What the Spark UI and the history server show of a study: all its jobs in one job group named after its run
 * directory, and each round's jobs described by the round, its generations and the runs it advances per arm, so
 * that a study's progress reads off the jobs page rather than as anonymous {@code collect} calls. Spark keeps job
 * groups and descriptions per thread: they describe the jobs the driver's thread submits after them.
 */
final class SparkJobDescriptions {
  private final SparkContext spark;
  private final int generationsPerRound;

  private SparkJobDescriptions(SparkContext spark, int generationsPerRound) {
    this.spark = spark;
    this.generationsPerRound = generationsPerRound;
  }

  /** Puts the jobs this thread submits from now on into the group of the study writing to {@code directory}. */
  static SparkJobDescriptions start(SparkContext spark, String directory, int runs, int generationsPerRound) {
    spark.setJobGroup(group(directory), "pathnet study of " + runs + " runs, writing to " + directory, false);
    return new SparkJobDescriptions(spark, generationsPerRound);
  }

  /** The job group of the study writing to {@code directory}. */
  static String group(String directory) {
    return "pathnet " + directory;
  }

  /** Describes the jobs of round {@code number}, as {@link Study.Listener#roundStarting} gives it. */
  void roundStarting(int number, Map<String, Integer> activeByArm) {
    spark.setJobDescription("pathnet round " + number + " (" + generationsPerRound + " generation"
        + (generationsPerRound == 1 ? "" : "s") + " per run), active runs " + activeByArm);
  }

  /** Describes the jobs that write the study's tables and report. */
  void writingResults() {
    spark.setJobDescription("pathnet: writing the tables and the report");
  }
}
