package org.pathnet.spark;

import java.util.Map;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.pathnet.experiment.Study;

/**
 * What the Spark UI and the history server show of a study: all its jobs in one job group named after its run
 * directory, and each round's jobs described by the round, its generations and the runs it advances per arm, so
 * that a study's progress reads off the jobs page rather than as anonymous {@code collect} calls. Spark keeps job
 * groups and descriptions per thread: they describe the jobs the driver's thread submits after them.
 */
public final class SparkJobDescriptions {
  /** The thread-local property behind {@link SparkContext#setJobDescription}. */
  private static final String DESCRIPTION = "spark.job.description";
  private final SparkContext spark;
  private final int generationsPerRound;

  private SparkJobDescriptions(SparkContext spark, int generationsPerRound) {
    this.spark = spark;
    this.generationsPerRound = generationsPerRound;
  }

  /** Puts the jobs this thread submits from now on into the group of the study writing to {@code directory}. */
  public static SparkJobDescriptions start(SparkContext spark, String directory, int runs, int generationsPerRound) {
    spark.setJobGroup(group(directory), "pathnet study of " + runs + " runs, writing to " + directory, false);
    return new SparkJobDescriptions(spark, generationsPerRound);
  }

  /** The job group of the study writing to {@code directory}. */
  public static String group(String directory) {
    return "pathnet " + directory;
  }

  /** Describes the jobs of round {@code number}, as {@link Study.Listener#roundStarting} gives it. */
  public void roundStarting(int number, Map<String, Integer> activeByArm) {
    spark.setJobDescription("pathnet round " + number + " (" + generationsPerRound + " generation"
        + (generationsPerRound == 1 ? "" : "s") + " per run), active runs " + activeByArm);
  }

  /**
   * Runs {@code submit} with its jobs described as those of round {@code number} that start before it does: its job
   * is submitted while round {@code number - 1} plays, so that each shard goes on as soon as it has played that round
   * ({@link SparkRounds}). The thread's description is then what it was.
   */
  static void early(JavaSparkContext spark, int number, Runnable submit) {
    String description = spark.getLocalProperty(DESCRIPTION);
    spark.setJobDescription("pathnet round " + number + ", early: submitted while round " + (number - 1) + " plays");
    try {
      submit.run();
    } finally {
      spark.setJobDescription(description);
    }
  }

  /** Describes the jobs that write the study's tables and report. */
  public void writingResults() {
    spark.setJobDescription("pathnet: writing the tables and the report");
  }
}
