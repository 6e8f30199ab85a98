package org.pathnet.cli;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.pathnet.spark.SparkRounds;
import org.pathnet.spark.SparkRounds.Traffic;

/**
 * What Spark's own machinery costs for a study's traffic: the same number of single-task jobs as the study's
 * batches, each broadcasting the same parameter bytes out and returning the same bytes back, as float arrays, with
 * the same number in flight, and nothing computed. No drawing, settling or training: a lower bound on the overhead of
 * any way of shipping that traffic through Spark's task machinery on this master (docs/DESIGN.md, "Where local[2]'s
 * overhead goes").
 */
final class TrafficReplay {
  /** The arrays a batch's bytes are cut into: about a first-layer module's parameters. */
  private static final int ARRAY_FLOATS = 16_384;

  private TrafficReplay() {}

  /** One replay: its wall seconds, and where the cores' time went (nothing counts as compute). */
  record Cost(double wallSeconds, CpuBreakdown cpu) {
    /** The process's CPU seconds: the cores' time less what no thread used. */
    double processSeconds(int cores) {
      return wallSeconds * cores - cpu.idle();
    }
  }

  /**
   * The replay of median wall time among {@code reps} of {@code traffic}, after one untimed, on {@code spark} (a
   * local master of {@code cores} cores, with nothing else to do).
   */
  static Cost measure(JavaSparkContext spark, int cores, Traffic traffic, int reps) {
    int inFlight = SparkRounds.batchesInFlight(cores);
    List<ArrayList<float[]>> cargoes = new ArrayList<>();
    for (int i = 0; i < inFlight; i++) {
      cargoes.add(arrays(traffic.bytesOut() / traffic.jobs()));
    }
    int backFloats = (int) (traffic.bytesBack() / traffic.jobs() / Float.BYTES);
    List<Cost> costs = new ArrayList<>();
    for (int r = -1; r < reps; r++) {
      Cost cost = replay(spark, cores, traffic.jobs(), cargoes, backFloats);
      if (r >= 0) {
        costs.add(cost);
      }
    }
    costs.sort(Comparator.comparingDouble(Cost::wallSeconds));
    return costs.get((reps - 1) / 2);
  }

  private static Cost replay(JavaSparkContext spark, int cores, long jobs, List<ArrayList<float[]>> cargoes,
      int backFloats) {
    CpuBreakdown.Snapshot before = CpuBreakdown.Snapshot.now();
    long started = System.nanoTime();
    Deque<Broadcast<ArrayList<float[]>>> cargoInFlight = new ArrayDeque<>();
    Deque<JavaFutureAction<List<float[]>>> inFlight = new ArrayDeque<>();
    long submitted = 0;
    while (submitted < jobs || !inFlight.isEmpty()) {
      while (submitted < jobs && inFlight.size() < cargoes.size()) {
        Broadcast<ArrayList<float[]>> cargo = spark.broadcast(cargoes.get((int) (submitted % cargoes.size())));
        cargoInFlight.add(cargo);
        inFlight.add(spark.parallelize(List.of(cargo), 1)
            .mapPartitions((Iterator<Broadcast<ArrayList<float[]>>> it) -> answer(it.next().value(), backFloats))
            .collectAsync());
        submitted++;
      }
      SparkRounds.await(inFlight.poll());
      cargoInFlight.poll().destroy();
    }
    double wall = (System.nanoTime() - started) / 1e9;
    return new Cost(wall, CpuBreakdown.between(before, CpuBreakdown.Snapshot.now(), wall, cores, 0));
  }

  /** New arrays of {@code floats} floats in all, read from the cargo as a task reads its contests. */
  private static Iterator<float[]> answer(ArrayList<float[]> cargo, int floats) {
    float read = 0;
    for (float[] array : cargo) {
      read += array[array.length - 1];
    }
    List<float[]> back = arrays((long) floats * Float.BYTES);
    back.get(0)[0] = read;
    return back.iterator();
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
