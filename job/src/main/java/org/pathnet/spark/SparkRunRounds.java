package org.pathnet.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.pathnet.data.BinaryTask;
import org.pathnet.experiment.RoundRunner;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.RunAdvance;
import org.pathnet.experiment.StudyData;

/**
 * {@code generationsPerTask} = G > 1 (DESIGN.md, "Data flow"): each round, every active run (its whole state:
 * parameters, optimiser moments, population, progress) is broadcast on its own as bytes, a Spark task evolves the
 * runs of its partition G generations (fewer when a run finishes) and returns them with their logs. One Spark job and one
 * round trip per G generations instead of per generation. The same code advances a run here as on the driver, and
 * every random stream is keyed by generation, so the tables do not depend on G.
 */
public final class SparkRunRounds implements RoundRunner {
  private final JavaSparkContext spark;
  private final Map<String, Broadcast<BinaryTask>> tasks;
  private final int generations;
  private final int partitions;

  /** {@code partitions} = 0 chooses one partition per core Spark offers (at most one per run). */
  public SparkRunRounds(JavaSparkContext spark, StudyData data, int generations, int partitions) {
    this.spark = spark;
    this.generations = generations;
    this.partitions = partitions;
    this.tasks = BroadcastTaskData.broadcast(spark, data);
  }

  @Override
  public List<RunAdvance> advance(List<Run> runs) {
    List<RunAdvance> advances = new ArrayList<>(runs.size());
    for (List<Run> wave : Waves.of(runs)) {
      advances.addAll(advanceWave(wave));
    }
    return advances;
  }

  /** One Spark job for {@code runs}; each task evolves copies of its own ({@link SerializedBroadcast}). */
  private List<RunAdvance> advanceWave(List<Run> runs) {
    NativeMemoryGuard.check();
    List<Broadcast<byte[]>> shipped = SerializedBroadcast.of(spark, runs, Run.class);
    int slices = partitions > 0 ? partitions : spark.defaultParallelism();
    Map<String, Broadcast<BinaryTask>> tasks = this.tasks;
    int generations = this.generations;
    try {
      // parallelize and mapPartitions keep the order: the advances come back in the runs' order
      return spark.parallelize(shipped, Math.max(1, Math.min(slices, shipped.size())))
          .mapPartitions((Iterator<Broadcast<byte[]>> it) -> evolve(tasks, generations, it))
          .collect();
    } finally {
      SerializedBroadcast.destroy(shipped);
    }
  }

  private static Iterator<RunAdvance> evolve(Map<String, Broadcast<BinaryTask>> tasks, int generations,
      Iterator<Broadcast<byte[]>> runs) {
    SingleThreadedNd4j.ensure();
    NativeMemoryGuard.check();
    BroadcastTaskData data = new BroadcastTaskData(tasks);
    List<RunAdvance> advances = new ArrayList<>();
    while (runs.hasNext()) {
      advances.add(SerializedBroadcast.read(runs.next(), Run.class).advance(generations, data));
    }
    return advances.iterator();
  }
}
