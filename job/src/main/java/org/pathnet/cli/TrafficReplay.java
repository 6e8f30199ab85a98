package org.pathnet.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.pathnet.spark.Parcel;
import org.pathnet.spark.SparkRounds;
import org.pathnet.spark.SparkRounds.Traffic;

/**
 * What Spark's own machinery costs for a study's traffic: the same number of single-task jobs as the study's
 * batches, each carrying the same parameter bytes out and the same bytes back, as float arrays, in a {@link Parcel}
 * as the study's batches travel on this master, with the same number in flight. No drawing, settling or training:
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
      cargoes.add(arrays(traffic.bytesOut() / traffic.jobs()));
    }
    int backFloats = (int) (traffic.bytesBack() / traffic.jobs() / Float.BYTES);
    long spinNanos = (long) (computeSeconds * 1e9 / traffic.jobs());
    List<Cost> costs = new ArrayList<>();
    for (int r = -1; r < reps; r++) {
      Cost cost = replay(spark, cores, traffic.jobs(), cargoes, backFloats, spinNanos);
      if (r >= 0) {
        costs.add(cost);
      }
    }
    costs.sort(Comparator.comparingDouble(Cost::wallSeconds));
    return costs.get((reps - 1) / 2);
  }

  private static Cost replay(JavaSparkContext spark, int cores, long jobs, List<ArrayList<float[]>> cargoes,
      int backFloats, long spinNanos) {
    CpuBreakdown.Snapshot before = CpuBreakdown.Snapshot.now();
    long started = System.nanoTime();
    Deque<Parcel<ArrayList<float[]>, float[]>> parcels = new ArrayDeque<>();
    Deque<JavaFutureAction<List<float[]>>> inFlight = new ArrayDeque<>();
    long submitted = 0;
    long bytesBack = 0;
    while (submitted < jobs || !inFlight.isEmpty()) {
      while (submitted < jobs && inFlight.size() < cargoes.size()) {
        Parcel<ArrayList<float[]>, float[]> parcel =
            Parcel.of(spark, cargoes.get((int) (submitted % cargoes.size())));
        parcels.add(parcel);
        inFlight.add(spark.parallelize(List.of(parcel), 1)
            .mapPartitions((Iterator<Parcel<ArrayList<float[]>, float[]>> it) -> answer(it.next(), backFloats,
                spinNanos))
            .collectAsync());
        submitted++;
      }
      Parcel<ArrayList<float[]>, float[]> parcel = parcels.poll();
      for (float[] array : parcel.results(SparkRounds.await(inFlight.poll()))) {
        bytesBack += (long) array.length * Float.BYTES;
      }
      parcel.release();
    }
    double wall = (System.nanoTime() - started) / 1e9;
    return new Cost(wall, CpuBreakdown.between(before, CpuBreakdown.Snapshot.now(), wall, cores, 0), bytesBack);
  }

  /**
   * New arrays of {@code floats} floats in all, read from the cargo as a task reads its contests, after spinning for
   * {@code spinNanos} of this thread's CPU.
   */
  private static Iterator<float[]> answer(Parcel<ArrayList<float[]>, float[]> parcel, int floats, long spinNanos) {
    float read = 0;
    for (float[] array : parcel.open()) {
      read += array[array.length - 1];
    }
    List<float[]> back = arrays((long) floats * Float.BYTES);
    back.get(0)[0] = read + spin(spinNanos);
    return parcel.reply(back);
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
