package org.pathnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.spark.PathnetJobConf;
import org.pathnet.spark.SparkRounds.Traffic;
import org.pathnet.spark.SparkRounds;

/**
 * The bench's replay is the study's traffic: a study on Spark counts its jobs, batches and the bytes it shipped each
 * way, and the replay runs as many jobs and tasks, whose results carry those bytes back, on a real local master, as
 * the study's do.
 */
class TrafficReplayTest {
  /** Counts the jobs and tasks Spark ran and the bytes the tasks' results took. */
  private static final class Jobs extends SparkListener {
    final AtomicLong ended = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();
    final AtomicLong resultBytes = new AtomicLong();

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
      ended.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      tasks.incrementAndGet();
      resultBytes.addAndGet(taskEnd.taskMetrics().resultSize());
    }
  }

  private static JavaSparkContext spark(Jobs jobs) {
    JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(
        new SparkConf().setMaster("local[1]").setAppName("traffic").set("spark.ui.enabled", "false")));
    spark.sc().addSparkListener(jobs);
    return spark;
  }

  @Test
  void aStudyOnSparkCountsEveryJobAndTheBytesItShippedEachWay() throws Exception {
    Settings settings = StudyFixtures.settings("seeds", "2", "arms", "pathnet,denovo", "maxGenerations", "3",
        "stopWhenSolved", "false");
    StudyData data = StudyData.load(settings, new Configuration());
    Jobs jobs = new Jobs();
    AtomicLong shipped = new AtomicLong();
    Traffic traffic;
    try (JavaSparkContext spark = spark(jobs); SparkRounds rounds = SparkRounds.of(spark, settings, data)) {
      new Study(settings, data).run(rounds, round -> shipped.addAndGet(round.work().shippedBytes()));
      traffic = rounds.traffic();
      spark.sc().listenerBus().waitUntilEmpty();
    }
    assertEquals(jobs.ended.get(), traffic.jobs(), "a job per round");
    assertEquals(jobs.tasks.get(), traffic.batches(), "a Spark task per shard and round");
    assertEquals(6 * 2, traffic.batches(), "task A then task B, 3 generations each, over 2 shards per core");
    assertTrue(traffic.bytesOut() > 0 && traffic.bytesOut() < 16 * 1024, "a new run is started where it plays,"
        + " from its index, and its parameters drawn there: " + traffic);
    long runGenerations = 2 * 2 * 6; // 2 seeds x 2 arms, 6 generations each
    assertTrue(traffic.bytesBack() > 0 && traffic.bytesBack() < 100 * runGenerations, "only scores come back, a"
        + " few dozen bytes a generation: " + traffic);
    assertEquals(shipped.get(), traffic.bytesOut() + traffic.bytesBack(), "the rounds' bytes are the traffic's");
  }

  @Test
  void aReplayRunsTheTrafficsJobsAndBringsItsBytesBack() throws Exception {
    Traffic traffic = new Traffic(5, 10, 0, 10 * 400_000L);
    Jobs jobs = new Jobs();
    TrafficReplay.Cost cost;
    try (JavaSparkContext spark = spark(jobs)) {
      cost = TrafficReplay.measure(spark, 1, traffic, 0, 1);
      spark.sc().listenerBus().waitUntilEmpty();
    }
    assertEquals(2 * traffic.jobs(), jobs.ended.get(), "an untimed replay, then the timed one");
    assertEquals(2 * traffic.batches(), jobs.tasks.get(), "the traffic's Spark tasks, in its jobs");
    assertEquals(traffic.bytesBack(), cost.bytesBack(), "the tasks' results carried the traffic's bytes back");
    assertTrue(jobs.resultBytes.get() >= 2 * traffic.bytesBack(), "through Spark's results, as the study's scores"
        + " come: Spark's task results took " + jobs.resultBytes.get() + " bytes");
    assertTrue(cost.wallSeconds() > 0 && cost.processSeconds(1) > 0 && cost.cpu().tasksOtherWork() > 0,
        cost.toString());
  }

  @Test
  void aReplayWithComputeSpinsItsTasksForThatMuchCpuOneAfterAnotherOnOneCore() throws Exception {
    Traffic traffic = new Traffic(3, 3, 3 * 100_000L, 3 * 40_000L);
    TrafficReplay.Cost cost;
    try (JavaSparkContext spark = spark(new Jobs())) {
      cost = TrafficReplay.measure(spark, 1, traffic, 0.6, 1);
    }
    assertTrue(cost.cpu().tasksOtherWork() >= 0.6, "the task threads spun 0.6 CPU s: " + cost);
    assertTrue(cost.wallSeconds() >= 0.6, "local[1] runs the three tasks' 0.2 CPU s each in turn: " + cost);
  }
}
