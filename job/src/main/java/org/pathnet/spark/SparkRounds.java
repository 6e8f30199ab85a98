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
import org.pathnet.experiment.Contest;
import org.pathnet.experiment.ContestOutcome;
import org.pathnet.experiment.GenerationRecord;
import org.pathnet.experiment.Rounds;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.RunAdvance;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.TrainingPlan;
import scala.reflect.ClassTag$;

/**
 * A study's rounds on Spark (docs/DESIGN.md, "Data flow"), one Spark job per round (per wave of at most
 * {@link #RUNS_PER_JOB} runs). Every task's training split is broadcast once for the whole study.
 * <ul>
 *   <li>One generation per round, the design card's flow: the driver draws each run's contest (the two pathways,
 *       its stream seeds and the modules they can touch), a Spark task plays the contests of its partition and
 *       returns fitnesses and the winners' trained modules, and the driver settles each tournament in its run.
 *   <li>G > 1 generations per round: each run travels whole, a task evolves the runs of its partition G
 *       generations, settling them itself, and sends them back with their logs.
 * </ul>
 * Either way a partition's work travels as one batch: the driver serializes it once (so it knows the bytes it
 * ships) and broadcasts the bytes, and a task returns its results as bytes; each task attempt deserializes a copy
 * of its own, so a retried task starts from the state the round began with. Results do not depend on the
 * partitioning: every random stream a contest uses is fixed by its key.
 */
public final class SparkRounds implements Rounds {
  /**
   * Runs per Spark job: a job's batches and results sit on the driver's heap until it ends, so a study of
   * thousands of runs plays each round in waves, and its heap holds the runs' state plus one wave in flight.
   */
  static final int RUNS_PER_JOB = 256;
  /**
   * Runs (or contests) per serialized batch: a few to a few tens of MB, well inside Kryo's buffer, and several
   * batches per partition, so that a task's deserializing and serializing come in pieces.
   */
  static final int RUNS_PER_BATCH = 8;

  private final JavaSparkContext spark;
  private final TrainingPlan plan;
  private final Map<String, Broadcast<BinaryTask>> trainingSets;
  private final int generations;
  private final int partitions;

  /**
   * Rounds of {@code generations} generations; {@code partitions} = 0 chooses one partition per core Spark offers
   * (at most one per run).
   */
  public SparkRounds(JavaSparkContext spark, TrainingPlan plan, StudyData data, int generations, int partitions) {
    this.spark = spark;
    this.plan = plan;
    this.generations = generations;
    this.partitions = partitions;
    this.trainingSets = BroadcastTaskData.broadcast(spark, data);
  }

  /** The rounds {@code settings} ask for: {@code generationsPerRound} generations, over {@code partitions}. */
  public static SparkRounds of(JavaSparkContext spark, Settings settings, StudyData data) {
    return new SparkRounds(spark, TrainingPlan.of(settings, data.inputSize()), data, settings.generationsPerRound(),
        settings.partitions());
  }

  @Override
  public Result advance(List<Run> runs) {
    List<RunAdvance> advances = new ArrayList<>(runs.size());
    long bytes = 0;
    for (int from = 0; from < runs.size(); from += RUNS_PER_JOB) {
      List<Run> wave = runs.subList(from, Math.min(runs.size(), from + RUNS_PER_JOB));
      bytes += generations == 1 ? playContests(wave, advances) : evolveRuns(wave, advances);
    }
    return new Result(advances, bytes);
  }

  /** One generation of {@code runs}: contests out, outcomes back, settled here; returns the bytes shipped. */
  private long playContests(List<Run> runs, List<RunAdvance> advances) {
    List<Contest> contests = new ArrayList<>(runs.size());
    runs.forEach(run -> contests.add(run.nextContest()));
    TrainingPlan plan = this.plan;
    Shipment<ContestOutcome> shipment = ship(contests, Contest.class, ContestOutcome.class,
        (data, batch) -> {
          List<ContestOutcome> outcomes = new ArrayList<>(batch.size());
          batch.forEach(contest -> outcomes.add(contest.play(plan, data.sampler(contest.classes()))));
          return outcomes;
        });
    for (int i = 0; i < runs.size(); i++) {
      Run run = runs.get(i);
      ContestOutcome outcome = shipment.results.get(i);
      if (outcome.runIndex() != run.index()) {
        throw new IllegalStateException("the outcome of run " + outcome.runIndex() + " came back for run " + run.index());
      }
      List<GenerationRecord> logged = new ArrayList<>(1);
      List<TaskOutcome> finished = new ArrayList<>(1);
      run.apply(outcome, logged::add, finished::add);
      advances.add(new RunAdvance(run, logged, finished, outcome.trainNanos()));
    }
    return shipment.bytes;
  }

  /** G generations of {@code runs}, each evolved whole in a task; returns the bytes shipped. */
  private long evolveRuns(List<Run> runs, List<RunAdvance> advances) {
    int generations = this.generations;
    Shipment<RunAdvance> shipment = ship(runs, Run.class, RunAdvance.class, (data, batch) -> {
      List<RunAdvance> evolved = new ArrayList<>(batch.size());
      batch.forEach(run -> evolved.add(run.advance(generations, data)));
      return evolved;
    });
    advances.addAll(shipment.results);
    return shipment.bytes;
  }

  /** What a partition's task does with its batch. */
  @FunctionalInterface
  private interface Work<I, O> extends java.io.Serializable {
    List<O> apply(BroadcastTaskData data, List<I> batch);
  }

  /** A job's results in the order of its inputs, and the bytes that crossed the driver for it. */
  private record Shipment<O>(List<O> results, long bytes) {}

  /**
   * One Spark job: {@code inputs} in consecutive batches of at most {@link #RUNS_PER_BATCH}, spread over the
   * partitions, each serialized once and broadcast; each task deserializes its batches one at a time, applies
   * {@code work}, and returns the results serialized.
   */
  private <I, O> Shipment<O> ship(List<I> inputs, Class<I> in, Class<O> out, Work<I, O> work) {
    int slices = Math.max(1, Math.min(partitions > 0 ? partitions : spark.defaultParallelism(), inputs.size()));
    int count = Math.max(slices, (inputs.size() + RUNS_PER_BATCH - 1) / RUNS_PER_BATCH);
    SerializerInstance serializer = spark.env().serializer().newInstance();
    List<Broadcast<byte[]>> batches = new ArrayList<>(count);
    long bytes = 0;
    try {
      for (int b = 0; b < count; b++) {
        List<I> batch = new ArrayList<>(inputs.subList(b * inputs.size() / count, (b + 1) * inputs.size() / count));
        byte[] serialized = bytes(serializer.serialize(batch, ClassTag$.MODULE$.apply(ArrayList.class)));
        bytes += serialized.length;
        batches.add(spark.broadcast(serialized));
      }
      Map<String, Broadcast<BinaryTask>> trainingSets = this.trainingSets;
      List<byte[]> returned = spark.parallelize(batches, slices)
          .mapPartitions((Iterator<Broadcast<byte[]>> it) -> run(trainingSets, work, it))
          .collect();
      List<O> results = new ArrayList<>(inputs.size());
      for (byte[] r : returned) {
        bytes += r.length;
        results.addAll(deserialize(serializer, r));
      }
      if (results.size() != inputs.size()) {
        throw new IllegalStateException("shipped " + inputs.size() + " " + in.getSimpleName() + "s, got "
            + results.size() + " " + out.getSimpleName() + "s back");
      }
      return new Shipment<>(results, bytes);
    } finally {
      // a round's batches are never read again: free them on the driver and the executors now
      batches.forEach(b -> b.destroy(true));
    }
  }

  private static <I, O> Iterator<byte[]> run(Map<String, Broadcast<BinaryTask>> trainingSets, Work<I, O> work,
      Iterator<Broadcast<byte[]>> batches) {
    SingleThreadedNd4j.ensure();
    BroadcastTaskData data = new BroadcastTaskData(trainingSets);
    SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
    List<byte[]> results = new ArrayList<>();
    while (batches.hasNext()) {
      List<I> batch = deserialize(serializer, batches.next().value());
      results.add(bytes(serializer.serialize(new ArrayList<>(work.apply(data, batch)),
          ClassTag$.MODULE$.apply(ArrayList.class))));
    }
    return results.iterator();
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> deserialize(SerializerInstance serializer, byte[] bytes) {
    return (List<T>) serializer.deserialize(ByteBuffer.wrap(bytes), ClassTag$.MODULE$.apply(ArrayList.class));
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
