package org.pathnet.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a local master's overhead went: the cores' time over a study (wall x cores) less its in-task compute (CPU), split
 * by who used it. The bench prints it for local[2], where the driver, Spark's own threads and the JVM share the
 * cores with the tasks (docs/DESIGN.md, "What counts as compute").
 *
 * @param driver the study's own thread: drawing, packing, broadcasting and settling batches
 * @param sparkThreads Spark's other threads: scheduling, result fetching, block management, listeners
 * @param tasksOtherWork the Spark task threads' CPU beyond their in-task compute: deserializing the task and
 *     its cargo, serializing the results
 * @param jvm the process's CPU outside its Java threads: the garbage collector and the JIT compiler
 * @param idle what no thread of the process used (on a machine of more cores than the master's, the process may use
 *     more than wall x cores, and this goes negative)
 */
record CpuBreakdown(double driver, double sparkThreads, double tasksOtherWork, double jvm, double idle) {
  /** Spark names the threads that run tasks so (Executor's TaskRunner). */
  private static final String TASK_THREAD = "Executor task launch worker";

  /** Every live thread's CPU seconds and whether it runs Spark tasks, and the process's CPU, at one moment. */
  record Snapshot(Map<Long, Double> threadCpu, Map<Long, Boolean> taskThread, double process, long driverId) {
    static Snapshot now() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Long, Double> cpu = new HashMap<>();
      Map<Long, Boolean> task = new HashMap<>();
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        long seconds = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
        if (seconds >= 0) {
          cpu.put(info.getThreadId(), seconds / 1e9);
          task.put(info.getThreadId(), info.getThreadName().startsWith(TASK_THREAD));
        }
      }
      double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime() / 1e9;
      return new Snapshot(cpu, task, process, Thread.currentThread().getId());
    }
  }

  /**
   * The breakdown between {@code before} and {@code after} (taken while the master's threads are still alive) of a
   * study that took {@code wallSeconds} on {@code cores} cores and {@code computeSeconds} of in-task compute.
   */
  static CpuBreakdown between(Snapshot before, Snapshot after, double wallSeconds, int cores, double computeSeconds) {
    double driver = 0;
    double spark = 0;
    double tasks = 0;
    for (Map.Entry<Long, Double> thread : after.threadCpu().entrySet()) {
      double used = thread.getValue() - before.threadCpu().getOrDefault(thread.getKey(), 0.0);
      if (thread.getKey() == after.driverId()) {
        driver += used;
      } else if (after.taskThread().get(thread.getKey())) {
        tasks += used;
      } else {
        spark += used;
      }
    }
    double process = after.process() - before.process();
    return new CpuBreakdown(driver, spark, tasks - computeSeconds, process - driver - spark - tasks,
        wallSeconds * cores - process);
  }

  String describe() {
    return String.format(Locale.ROOT, "driver thread %.2f, Spark's threads %.2f, tasks' other work %.2f,"
        + " JVM (collector, compiler) %.2f, idle %.2f", driver, sparkThreads, tasksOtherWork, jvm, idle);
  }
}
