package org.pathnet.spark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.serializer.SerializerInstance;
import org.pathnet.data.BinaryTask;
import org.pathnet.experiment.RoundRunner;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.RunAdvance;
import org.pathnet.experiment.StudyData;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * {@code generationsPerTask} = G > 1 (DESIGN.md, "Data flow"): each round, every active run (its whole state:
 * parameters, optimiser moments, population, progress) is serialized once on the driver and broadcast as bytes, a
 * Spark task evolves the runs of its partition G generations (fewer when a run finishes) and returns them with their
 * logs. One Spark job and one
 * round trip per G generations instead of per generation. The same code advances a run here as on the driver, and
 * every random stream is keyed by generation, so the tables do not depend on G.
 */
public final class SparkRunRounds implements RoundRunner {
  private static final ClassTag<Run> RUN = ClassTag$.MODULE$.apply(Run.class);
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

  /**
   * One Spark job for {@code runs}. Each run goes out as its serialized bytes, which every task deserializes into
   * a run of its own: a broadcast value is shared by the tasks of an executor (in local mode it is the driver's own
   * object), and a retried task must start from the state the round began with. Bytes also spare the broadcast
   * the estimate of a run's size that storing it as an object costs, and hold no native memory that the study
   * frees when the round ends.
   */
  private List<RunAdvance> advanceWave(List<Run> runs) {
    NativeMemoryGuard.check();
    SerializerInstance serializer = spark.env().serializer().newInstance();
    List<Broadcast<byte[]>> shipped = new ArrayList<>(runs.size());
    runs.forEach(run -> shipped.add(spark.broadcast(bytes(serializer.serialize(run, RUN)))));
    int slices = partitions > 0 ? partitions : spark.defaultParallelism();
    Map<String, Broadcast<BinaryTask>> tasks = this.tasks;
    int generations = this.generations;
    try {
      // parallelize and mapPartitions keep the order: the advances come back in the runs' order
      return spark.parallelize(shipped, Math.max(1, Math.min(slices, shipped.size())))
          .mapPartitions((Iterator<Broadcast<byte[]>> it) -> evolve(tasks, generations, it))
          .collect();
    } finally {
      Broadcasts.destroyNow(shipped);
    }
  }

  private static Iterator<RunAdvance> evolve(Map<String, Broadcast<BinaryTask>> tasks, int generations,
      Iterator<Broadcast<byte[]>> runs) {
    SingleThreadedNd4j.ensure();
    NativeMemoryGuard.check();
    BroadcastTaskData data = new BroadcastTaskData(tasks);
    SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
    List<RunAdvance> advances = new ArrayList<>();
    while (runs.hasNext()) {
      Run run = serializer.deserialize(ByteBuffer.wrap(runs.next().value()), RUN);
      advances.add(run.advance(generations, data));
    }
    return advances.iterator();
  }

  /** The bytes of a serialized buffer, without a copy when it wraps a whole array (as Kryo's does). */
  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
