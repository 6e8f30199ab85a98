package org.pathnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.pathnet.spark.SparkRounds.Traffic;

/**
 * What Spark's own machinery costs for a study's traffic: as many jobs as the study's rounds, each over state kept
 * in executors' storage as the study's is, a task per shard, each task's share of the bytes the study brought back.
 * No training: either nothing is computed, or each task spins for its share of the study's compute, so the replay's
 * overhead reads like the study's. Either way a lower bound on the overhead of the study's rounds on this master
 * (docs/DESIGN.md, "Data flow (the user's design card)").
 */
final class TrafficReplay {
  /** The arrays a task's bytes are cut into: about a first-layer module's parameters. */
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
    int tasksPerJob = (int) Math.max(1, traffic.batches() / Math.max(1, traffic.jobs()));
    int backFloats = (int) (traffic.bytesBack() / Math.max(1, traffic.batches()) / Float.BYTES);
    long spinNanos = (long) (computeSeconds * 1e9 / Math.max(1, traffic.batches()));
    List<Cost> costs = new ArrayList<>();
    for (int r = -1; r < reps; r++) {
      Cost cost = replay(spark, cores, traffic.jobs(), tasksPerJob, backFloats, spinNanos);
      if (r >= 0) {
        costs.add(cost);
      }
    }
    costs.sort(Comparator.comparingDouble(Cost::wallSeconds));
    return costs.get((reps - 1) / 2);
  }

  /**
   * {@code jobs} rounds over state of {@code tasks} partitions kept in storage, each round's state made from the
   * last and kept, the last let go, as the study's rounds do.
   */
  private static Cost replay(JavaSparkContext spark, int cores, long jobs, int tasks, int backFloats,
      long spinNanos) {
    CpuBreakdown.Snapshot before = CpuBreakdown.Snapshot.now();
    long started = System.nanoTime();
    List<Integer> shards = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      shards.add(i);
    }
    JavaRDD<Integer> state = spark.parallelize(shards, tasks).persist(StorageLevel.MEMORY_AND_DISK());
    long bytesBack = 0;
    for (long job = 0; job < jobs; job++) {
      JavaRDD<Integer> next = state.map(shard -> shard + 1).persist(StorageLevel.MEMORY_AND_DISK());
      for (List<float[]> back : next.map(shard -> answer(backFloats, spinNanos)).collect()) {
        for (float[] array : back) {
          bytesBack += (long) array.length * Float.BYTES;
        }
      }
      state.unpersist(false);
      state = next;
    }
    state.unpersist(false);
    double wall = (System.nanoTime() - started) / 1e9;
    return new Cost(wall, CpuBreakdown.between(before, CpuBreakdown.Snapshot.now(), wall, cores, 0), bytesBack);
  }

  /** New arrays of {@code floats} floats in all, after spinning for {@code spinNanos} of this thread's CPU. */
  private static List<float[]> answer(int floats, long spinNanos) {
    List<float[]> back = arrays((long) floats * Float.BYTES);
    back.get(0)[0] = spin(spinNanos);
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
