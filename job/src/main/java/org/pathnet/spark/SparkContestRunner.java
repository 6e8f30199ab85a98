package org.pathnet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.pathnet.data.BinaryTask;
import org.pathnet.experiment.Contest;
import org.pathnet.experiment.ContestOutcome;
import org.pathnet.experiment.ContestRunner;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.TrainingPlan;
import org.pathnet.network.ParameterSlice;

/**
 * Plays each generation's contests as one Spark job (DESIGN.md, "Data flow"). Every task's training split is
 * broadcast once for the whole study; each generation, every run's starting parameters (only the modules its
 * contest can touch) are broadcast on their own, so an executor fetches just the runs of its partitions. A
 * Spark task trains the contests of its partition and returns fitnesses and the winners' parameters. Results
 * do not depend on the partitioning: every random stream a contest uses is fixed by its key.
 */
public final class SparkContestRunner implements ContestRunner {
  private final JavaSparkContext spark;
  private final TrainingPlan plan;
  private final Map<String, Broadcast<BinaryTask>> trainingSets;
  private final int partitions;

  /** {@code partitions} = 0 chooses one partition per core Spark offers (at most one per contest). */
  public SparkContestRunner(JavaSparkContext spark, TrainingPlan plan, StudyData data, int partitions) {
    this.spark = spark;
    this.plan = plan;
    this.partitions = partitions;
    this.trainingSets = BroadcastTaskData.broadcast(spark, data);
  }

  /**
   * A contest as shipped in a Spark task: the contest itself plus the handle to its starting parameters (serialized,
   * {@link SerializedBroadcast}). A class,
   * not a record, because partitions travel through Kryo, which cannot build records.
   */
  private static final class Shipment implements Serializable {
    private final Contest contest;
    private final Broadcast<byte[]> start;

    Shipment(Contest contest, Broadcast<byte[]> start) {
      this.contest = contest;
      this.start = start;
    }
  }

  @Override
  public List<ContestOutcome> play(List<Contest> contests, List<ParameterSlice> starts) {
    List<ContestOutcome> outcomes = new ArrayList<>(contests.size());
    List<List<Contest>> waves = Waves.of(contests);
    int from = 0;
    for (List<Contest> wave : waves) {
      outcomes.addAll(playWave(wave, starts.subList(from, from + wave.size())));
      from += wave.size();
    }
    return outcomes;
  }

  /** One Spark job for {@code contests}. */
  private List<ContestOutcome> playWave(List<Contest> contests, List<ParameterSlice> starts) {
    NativeMemoryGuard.check();
    List<Broadcast<byte[]>> broadcasts = SerializedBroadcast.of(spark, starts, ParameterSlice.class);
    List<Shipment> shipments = new ArrayList<>(contests.size());
    for (int i = 0; i < contests.size(); i++) {
      shipments.add(new Shipment(contests.get(i), broadcasts.get(i)));
    }
    int slices = partitions > 0 ? partitions : spark.defaultParallelism();
    TrainingPlan plan = this.plan;
    Map<String, Broadcast<BinaryTask>> trainingSets = this.trainingSets;
    try {
      return spark.parallelize(shipments, Math.max(1, Math.min(slices, shipments.size())))
          .mapPartitions((Iterator<Shipment> it) -> playAll(plan, trainingSets, it))
          .collect();
    } finally {
      // A generation's parameters are never read again: free them on the driver and the executors.
      SerializedBroadcast.destroy(broadcasts);
    }
  }

  private static Iterator<ContestOutcome> playAll(TrainingPlan plan, Map<String, Broadcast<BinaryTask>> trainingSets,
      Iterator<Shipment> shipments) {
    SingleThreadedNd4j.ensure();
    NativeMemoryGuard.check();
    BroadcastTaskData data = new BroadcastTaskData(trainingSets);
    List<ContestOutcome> outcomes = new ArrayList<>();
    while (shipments.hasNext()) {
      Shipment s = shipments.next();
      outcomes.add(s.contest.play(plan, data.sampler(s.contest.classes()),
          SerializedBroadcast.read(s.start, ParameterSlice.class)));
    }
    return outcomes.iterator();
  }
}
