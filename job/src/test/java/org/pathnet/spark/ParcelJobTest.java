package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.spark.SparkConf;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.Test;

/**
 * A job of several batches on a real local master: one Spark job, a task per batch, each batch's results taken as
 * soon as its own task has succeeded, a failure or a cancellation reported for every batch it left unfinished.
 */
class ParcelJobTest {
  /** Lets the second batch's task finish; local masters run tasks in the driver's JVM, so a static reaches them. */
  private static CountDownLatch firstTaken;
  /** Counted down by a task as it starts, and by one that saw its job cancelled. */
  private static CountDownLatch taskStarted;
  private static CountDownLatch killSeen;

  private static JavaSparkContext spark(String master, SparkListener listener) {
    JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(
        new SparkConf().setMaster(master).setAppName("parcel-job").set("spark.ui.enabled", "false")));
    spark.sc().addSparkListener(listener);
    return spark;
  }

  private static boolean firstTakenWithin(int seconds) {
    try {
      return firstTaken.await(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Counts the jobs and tasks that ended. */
  private static final class Ended extends SparkListener {
    final AtomicLong jobs = new AtomicLong();
    final AtomicLong tasks = new AtomicLong();

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
      jobs.incrementAndGet();
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      tasks.incrementAndGet();
    }
  }

  @Test
  void aBatchsResultsComeAsSoonAsItsOwnTaskHasSucceeded() throws Exception {
    firstTaken = new CountDownLatch(1);
    Ended ended = new Ended();
    try (JavaSparkContext spark = spark("local[2]", ended)) {
      Object first = new Object();
      ParcelJob<Object, Object> job = ParcelJob.submit(spark, List.of(first, "second"), cargo -> {
        if (cargo.equals("second") && !firstTakenWithin(30)) {
          throw new IllegalStateException("the first batch's results waited for the whole job");
        }
        return List.of(cargo);
      });
      List<Object> results = job.results(0);
      assertSame(first, results.get(0), "the task's own answer, not a copy");
      firstTaken.countDown();
      assertEquals(List.of("second"), job.results(1));
      job.release(0);
      job.release(1);
      IllegalStateException released = assertThrows(IllegalStateException.class, () -> job.results(0));
      assertEquals("batch 0 of the job was released", released.getMessage());
      spark.sc().listenerBus().waitUntilEmpty();
    }
    assertEquals(1, ended.jobs.get(), "one Spark job");
    assertEquals(2, ended.tasks.get(), "a task per batch");
  }

  @Test
  void aBatchsFailureComesBackForEveryBatchItsJobLeftUnfinished() {
    firstTaken = new CountDownLatch(1);
    try (JavaSparkContext spark = spark("local[1]", new Ended())) {
      ParcelJob<String, String> job = ParcelJob.submit(spark, List.of("good", "bad", "never"), cargo -> {
        // Spark hands task results and failures to its scheduler from a pool of threads, in no fixed order: the
        // failure waits until the good batch has settled, or it might end the job first
        if (cargo.equals("bad") && firstTakenWithin(30)) {
          throw new IllegalArgumentException("a bad batch");
        }
        return List.of(cargo);
      });
      assertEquals(List.of("good"), job.results(0), "the batch before the failure settles");
      firstTaken.countDown();
      for (int index : new int[] {1, 2}) {
        IllegalStateException failed = assertThrows(IllegalStateException.class, () -> job.results(index));
        assertTrue(failed.getCause().getMessage().contains("IllegalArgumentException: a bad batch"),
            failed.getCause().getMessage());
      }
      job.cancel();
    }
  }

  @Test
  void cancellingAJobKillsItsTasksAndReleasesItsBatches() throws Exception {
    taskStarted = new CountDownLatch(1);
    killSeen = new CountDownLatch(1);
    Ended ended = new Ended();
    try (JavaSparkContext spark = spark("local[1]", ended)) {
      ParcelJob<String, String> job = ParcelJob.submit(spark, List.of("long", "queued"), cargo -> {
        taskStarted.countDown();
        while (!TaskContext.get().isInterrupted()) {
          LockSupport.parkNanos(10_000_000);
        }
        killSeen.countDown();
        return List.of(cargo);
      });
      assertTrue(taskStarted.await(30, TimeUnit.SECONDS), "the first task started");
      job.cancel();
      assertTrue(job.ended(), "Spark had ended the job when cancel returned: a context stopped next finds no task"
          + " of it waiting");
      assertTrue(killSeen.await(30, TimeUnit.SECONDS), "the running task was asked to stop");
      IllegalStateException released = assertThrows(IllegalStateException.class, () -> job.results(1));
      assertEquals("batch 1 of the job was released", released.getMessage());
      spark.sc().listenerBus().waitUntilEmpty();
    }
    assertEquals(1, ended.jobs.get(), "the job ended");
    assertTrue(ended.tasks.get() <= 1, "the queued task never ran: " + ended.tasks.get() + " tasks ended");
  }
}
