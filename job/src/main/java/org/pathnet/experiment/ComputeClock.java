package org.pathnet.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The clock that times a run's compute: the CPU time of the thread that computes. Wall time would also count the
 * moments the thread waits for a core while another runs: in local mode the driver shares the executors' cores, and
 * its shipping and settling landed inside the contests' wall time, where the compute figure hid them
 * (docs/DESIGN.md, "What counts as compute"). Falls back to wall time on a JVM without thread CPU time.
 */
final class ComputeClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final boolean CPU_TIME = THREADS.isCurrentThreadCpuTimeSupported();

  private ComputeClock() {}

  /** Nanoseconds on this thread's compute clock, from an arbitrary origin: only differences mean anything. */
  static long now() {
    return CPU_TIME ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
  }
}
