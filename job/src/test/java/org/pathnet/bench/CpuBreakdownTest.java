package org.pathnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class CpuBreakdownTest {
  /** Spins this thread for about {@code millis} of its own CPU time; returns the CPU seconds it used. */
  private static double burn(long millis) {
    var threads = ManagementFactory.getThreadMXBean();
    long start = threads.getCurrentThreadCpuTime();
    double sink = 0;
    while (threads.getCurrentThreadCpuTime() - start < millis * 1_000_000) {
      for (int i = 0; i < 10_000; i++) {
        sink += Math.sqrt(i + sink);
      }
    }
    assertTrue(sink > 0);
    return (threads.getCurrentThreadCpuTime() - start) / 1e9;
  }

  /** A thread that burns {@code millis} of CPU into {@code used[slot]}, then stays alive until {@code measured}. */
  private static Thread worker(String name, long millis, double[] used, int slot, CountDownLatch burned,
      CountDownLatch measured) {
    return new Thread(() -> {
      used[slot] = burn(millis);
      burned.countDown();
      try {
        measured.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
  }

  @Test
  void attributesEachThreadsCpuToItsPartAndThePartsAddUp() throws InterruptedException {
    double[] used = new double[2];
    CountDownLatch burned = new CountDownLatch(2);
    CountDownLatch measured = new CountDownLatch(1);
    // named as Spark names the threads that run tasks, and one of its scheduler's
    Thread task = worker("Executor task launch worker for task 0.0 in stage 0.0", 300, used, 0, burned, measured);
    Thread scheduler = worker("dag-scheduler-event-loop", 100, used, 1, burned, measured);

    CpuBreakdown.Snapshot before = CpuBreakdown.Snapshot.now();
    long started = System.nanoTime();
    task.start();
    scheduler.start();
    double driver = burn(200);
    burned.await();
    CpuBreakdown.Snapshot after = CpuBreakdown.Snapshot.now();
    double wall = (System.nanoTime() - started) / 1e9;
    measured.countDown();
    task.join();
    scheduler.join();

    double compute = 0.25;
    CpuBreakdown b = CpuBreakdown.between(before, after, wall, 2, compute);
    assertTrue(b.driver() >= driver && b.driver() < driver + 0.1, b.driver() + " for " + driver);
    assertTrue(b.tasksOtherWork() + compute >= used[0] && b.tasksOtherWork() + compute < used[0] + 0.1,
        b.tasksOtherWork() + " for " + used[0]);
    assertTrue(b.sparkThreads() >= used[1], b.sparkThreads() + " for " + used[1]);
    double compiler = Double.isNaN(b.compiler()) ? 0 : b.compiler();
    assertTrue(compiler >= 0, "compiler " + compiler);
    assertEquals(wall * 2 - compute,
        b.driver() + b.sparkThreads() + b.tasksOtherWork() + compiler + b.jvm() + b.idle(), 1e-9);
  }
}
