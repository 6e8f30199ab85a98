package org.pathnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.pathnet.spark.ParcelJob;
import org.pathnet.spark.SparkRounds.Traffic;
import org.pathnet.spark.SparkRounds;

/**
 * What Spark's own machinery costs for a study's traffic: as many jobs as the study's, carrying as many batches
 * (a task each), each batch the same parameter bytes out and the same bytes back, as float arrays, in a {@link
 * ParcelJob} as the study's batches travel, with as many in flight. No drawing, settling or training:
 * either nothing is computed, or each task spins for its share of the study's compute, so the replay's overhead
 * reads like the study's. Either way a lower bound on the overhead of shipping that traffic as the study does on
 * this master (docs/DESIGN.md, "Where local mode's overhead goes").
 */
final class TrafficReplay {
  /** The arrays a batch's bytes are cut into: about a first-layer module's parameters. */
  private static final int ARRAY_FLOATS = 16_384;

  private TrafficReplay() {}

  /**
   * One replay: its wall seconds, where the cores' time went (nothing counts as compute), and the bytes its tasks'
   * results brought back.
   */
  record Cost(double wallSeconds, CpuBreakdown cpu, long bytesBack) {
    /** The process's CPU seconds: the cores' time less what no thread used. */
    double processSeconds(int cores) {
      return wallSeconds * cores - cpu.idle();
    }
  }

  /**
   * The replay of median wall time among {@code reps} of {@code traffic}, after one untimed, on {@code spark} (a
   * local master of {@code cores} cores, with nothing else to do); its tasks spin for {@code computeSeconds} of
   * thread CPU in all, an equal share each.
   */
  static Cost measure(JavaSparkContext spark, int cores, Traffic traffic, double computeSeconds, int reps) {
    int inFlight = SparkRounds.batchesInFlight(cores);
    List<ArrayList<float[]>> cargoes = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      cargoes.add(arrays(traffic.bytesOut() / traffic.batches()));
    }
    int backFloats = (int) (traffic.bytesBack() / traffic.batches() / Float.BYTES);
    long spinNanos = (long) (computeSeconds * 1e9 / traffic.batches());
    List<Cost> costs = new ArrayList<>();
    for (int r = -1; r < reps; r++) {
      Cost cost = replay(spark, cores, traffic, cargoes, backFloats, spinNanos);
      if (r >= 0) {
        costs.add(cost);
      }
    }
    costs.sort(Comparator.comparingDouble(Cost::wallSeconds));
    return costs.get((reps - 1) / 2);
  }

  /** A batch on its way: its job and its index there. */
  private record InFlight(ParcelJob<ArrayList<float[]>, float[]> job, int index) {}

  /**
   * The traffic's batches in its number of jobs, split as evenly as they go, as many batches in flight as a study
   * keeps; results taken in the order the batches were shipped, as a study settles them.
   */
  private static Cost replay(JavaSparkContext spark, int cores, Traffic traffic, List<ArrayList<float[]>> cargoes,
      int backFloats, long spinNanos) {
    CpuBreakdown.Snapshot before = CpuBreakdown.Snapshot.now();
    long started = System.nanoTime();
    Deque<InFlight> inFlight = new ArrayDeque<>();
    long jobs = 0;
    long shipped = 0;
    long bytesBack = 0;
    while (jobs < traffic.jobs() || !inFlight.isEmpty()) {
      int size = jobs < traffic.jobs() ? (int) ((traffic.batches() * (jobs + 1)) / traffic.jobs() - shipped) : 0;
      if (size > 0 && (inFlight.isEmpty() || inFlight.size() + size <= cargoes.size())) {
        List<ArrayList<float[]>> batches = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          batches.add(cargoes.get((int) ((shipped + i) % cargoes.size())));
        }
        ParcelJob<ArrayList<float[]>, float[]> job = ParcelJob.submit(spark, batches,
            cargo -> answer(cargo, backFloats, spinNanos));
        for (int i = 0; i < size; i++) {
          inFlight.add(new InFlight(job, i));
        }
        jobs++;
        shipped += size;
        continue;
      }
      InFlight batch = inFlight.poll();
      for (float[] array : batch.job().results(batch.index())) {
        bytesBack += (long) array.length * Float.BYTES;
      }
      batch.job().release(batch.index());
    }
    double wall = (System.nanoTime() - started) / 1e9;
    return new Cost(wall, CpuBreakdown.between(before, CpuBreakdown.Snapshot.now(), wall, cores, 0), bytesBack);
  }

  /**
   * New arrays of {@code floats} floats in all, read from the cargo as a task reads its contests, after spinning for
   * {@code spinNanos} of this thread's CPU.
   */
  private static List<float[]> answer(ArrayList<float[]> cargo, int floats, long spinNanos) {
    float read = 0;
    for (float[] array : cargo) {
      read += array[array.length - 1];
    }
    List<float[]> back = arrays((long) floats * Float.BYTES);
    back.get(0)[0] = read + spin(spinNanos);
    return back;
  }

  /**
   * Arithmetic until this thread has used {@code nanos} of CPU, timed as contests are (thread CPU): compute with no
   * memory traffic or garbage of its own. Returns a result the caller keeps, so the compiler cannot drop the loop.
   */
  private static float spin(long nanos) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + nanos;
    float x = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      for (int i = 0; i < 10_000; i++) {
        x = x * 0.999f + 1;
      }
    }
    return x;
  }

  private static ArrayList<float[]> arrays(long bytes) {
    long floats = Math.max(1, bytes / Float.BYTES);
    ArrayList<float[]> arrays = new ArrayList<>();
    for (long left = floats; left > 0; left -= ARRAY_FLOATS) {
      arrays.add(new float[(int) Math.min(left, ARRAY_FLOATS)]);
    }
    return arrays;
  }
}
