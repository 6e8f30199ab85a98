package org.pathnet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a local master's overhead went: the cores' time over a study (wall x cores) less its in-task compute
 * (CPU), split by who used it. The bench prints it for local[2], where the driver, Spark's own threads and the JVM
 * share the cores with the tasks (docs/DESIGN.md, "What counts as compute", "Where local mode's overhead goes").
 *
 * @param driver the study's own thread: drawing, packing and settling batches
 * @param sparkThreads Spark's other threads: scheduling, result fetching, block management, listeners
 * @param tasksOtherWork the Spark task threads' CPU beyond their in-task compute: deserializing the task and, at
 *     more than one generation per round, the runs it evolves
 * @param compiler the JIT compiler's threads (NaN where the OS does not show them: Linux's /proc does); HotSpot
 *     ends idle compiler threads, and what one used before it ended counts in {@code jvm}
 * @param jvm the rest of the process's CPU outside its Java threads: mostly the garbage collector
 * @param idle what no thread of the process used (on a machine of more cores than the master's, the process may use
 *     more than wall x cores, and this goes negative)
 */
record CpuBreakdown(double driver, double sparkThreads, double tasksOtherWork, double compiler, double jvm,
    double idle) {
  /** Spark names the threads that run tasks so (Executor's TaskRunner). */
  private static final String TASK_THREAD = "Executor task launch worker";
  /** HotSpot names its compiler threads "C1 CompilerThread0", "C2 CompilerThread1", ...; Linux cuts at 15 chars. */
  private static final String COMPILER_THREAD = "C[12] CompilerThre.*";

  /**
   * Every live Java thread's CPU seconds, which of them run Spark tasks, every live compiler thread's CPU seconds
   * (by the OS's thread id; null where the OS does not show them) and the process's, at one moment.
   */
  record Snapshot(Map<Long, Double> threadCpu, Set<Long> taskThreads, Map<String, Double> compiler,
      double process, long driverId) {
    static Snapshot now() {
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      Map<Long, Double> cpu = new HashMap<>();
      Set<Long> tasks = new HashSet<>();
      for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
        long nanos = info == null ? -1 : threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          cpu.put(info.getThreadId(), nanos / 1e9);
          if (info.getThreadName().startsWith(TASK_THREAD)) {
            tasks.add(info.getThreadId());
          }
        }
      }
      double process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
          .getProcessCpuTime() / 1e9;
      return new Snapshot(cpu, tasks, compilerSeconds(), process, Thread.currentThread().getId());
    }

    /** The CPU seconds of each live JIT compiler thread, from Linux's per-thread scheduler statistics; else null. */
    private static Map<String, Double> compilerSeconds() {
      Path osThreads = Path.of("/proc/self/task");
      if (!Files.isDirectory(osThreads)) {
        return null;
      }
      Map<String, Double> seconds = new HashMap<>();
      try (Stream<Path> threads = Files.list(osThreads)) {
        for (Path thread : (Iterable<Path>) threads::iterator) {
          try {
            if (Files.readString(thread.resolve("comm")).strip().matches(COMPILER_THREAD)) {
              // schedstat: nanoseconds on a CPU, nanoseconds waiting for one, time slices
              seconds.put(thread.getFileName().toString(),
                  Long.parseLong(Files.readString(thread.resolve("schedstat")).split(" ")[0]) / 1e9);
            }
          } catch (IOException gone) {
            // the thread ended while we listed
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return seconds;
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
      } else if (after.taskThreads().contains(thread.getKey())) {
        tasks += used;
      } else {
        spark += used;
      }
    }
    double process = after.process() - before.process();
    double compiler = Double.NaN;
    if (after.compiler() != null) {
      compiler = 0;
      for (Map.Entry<String, Double> thread : after.compiler().entrySet()) {
        compiler += thread.getValue() - before.compiler().getOrDefault(thread.getKey(), 0.0);
      }
    }
    double outsideJava = process - driver - spark - tasks;
    return new CpuBreakdown(driver, spark, tasks - computeSeconds, compiler,
        Double.isNaN(compiler) ? outsideJava : outsideJava - compiler, wallSeconds * cores - process);
  }

  String describe() {
    String jvmParts = Double.isNaN(compiler) ? String.format(Locale.ROOT, "JVM (collector, compiler) %.2f", jvm)
        : String.format(Locale.ROOT, "JIT compiler %.2f, JVM's other threads (collector) %.2f", compiler, jvm);
    return String.format(Locale.ROOT, "driver thread %.2f, Spark's threads %.2f, tasks' other work %.2f, %s,"
        + " idle %.2f", driver, sparkThreads, tasksOtherWork, jvmParts, idle);
  }
}
