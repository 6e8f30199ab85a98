package org.pathnet.spark;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaFutureAction;
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
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A study's rounds on Spark (docs/DESIGN.md, "Data flow"). Every task's training split is broadcast once for the
 * whole study.
 * <ul>
 *   <li>One generation per round, the design card's flow: the driver draws each run's contest (the two pathways,
 *       its stream seeds and the modules they can touch), a Spark task plays a batch of contests and returns
 *       fitnesses and the winners' trained modules, and the driver settles each tournament in its run.
 *   <li>G > 1 generations per round: each run travels whole, a task evolves a batch of runs G generations,
 *       settling them itself, and sends them back with their logs.
 * </ul>
 * A round's work travels in batches of {@link #RUNS_PER_BATCH}: the driver serializes each batch once (so it knows
 * the bytes it ships), broadcasts the bytes and submits the batch as a Spark job of its own, keeping a few more
 * batches in flight than there are cores, so that its own serializing and settling overlap the tasks' training and
 * its heap holds only the batches in flight. A task returns its results as bytes; each task attempt deserializes a
 * copy of its own, so a retried task starts from the state the round began with. Results do not depend on the
 * batching: every random stream a contest uses is fixed by its key.
 */
public final class SparkRounds implements Rounds {
  /**
   * Runs (or contests) per batch: a few MB to a few tens of MB, well inside Kryo's buffer, and enough batches per
   * round to keep every core busy while the driver prepares the next ones.
   */
  static final int RUNS_PER_BATCH = 8;
  private static final ClassTag<ArrayList<?>> LIST = ClassTag$.MODULE$.apply(ArrayList.class);

  private final JavaSparkContext spark;
  private final TrainingPlan plan;
  private final Map<String, Broadcast<BinaryTask>> trainingSets;
  private final int generations;
  private final int partitions;

  /**
   * Rounds of {@code generations} generations; {@code partitions} is the least number of batches (Spark tasks) a
   * round is split into, 0 = one per core Spark offers or per {@link #RUNS_PER_BATCH} runs, whichever is more.
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
  public long advance(List<Run> runs, Consumer<RunAdvance> done) {
    return generations == 1 ? playContests(runs, done) : evolveRuns(runs, done);
  }

  /**
   * One generation of {@code runs}: each batch's contests drawn as it is shipped (so a round never holds the
   * parameters its contests started from beyond their batch), outcomes back, settled here; returns the bytes
   * shipped.
   */
  private long playContests(List<Run> runs, Consumer<RunAdvance> done) {
    TrainingPlan plan = this.plan;
    return ship(runs, Run::nextContest, (data, batch) -> {
      List<ContestOutcome> outcomes = new ArrayList<>(batch.size());
      for (Object shipped : batch) {
        Contest contest = (Contest) shipped;
        outcomes.add(contest.play(plan, data.sampler(contest.classes())));
      }
      return outcomes;
    }, (from, outcomes) -> {
      for (int i = 0; i < outcomes.size(); i++) {
        Run run = runs.get(from + i);
        ContestOutcome outcome = (ContestOutcome) outcomes.get(i);
        if (outcome.runIndex() != run.index()) {
          throw new IllegalStateException("the outcome of run " + outcome.runIndex() + " came back for run "
              + run.index());
        }
        List<GenerationRecord> logged = new ArrayList<>(1);
        List<TaskOutcome> finished = new ArrayList<>(1);
        run.apply(outcome, logged::add, finished::add);
        done.accept(new RunAdvance(run, logged, finished, outcome.trainNanos()));
      }
    });
  }

  /** G generations of {@code runs}, each evolved whole in a task; returns the bytes shipped. */
  private long evolveRuns(List<Run> runs, Consumer<RunAdvance> done) {
    int generations = this.generations;
    return ship(runs, run -> run, (data, batch) -> {
      List<RunAdvance> evolved = new ArrayList<>(batch.size());
      batch.forEach(run -> evolved.add(((Run) run).advance(generations, data)));
      return evolved;
    }, (from, evolved) -> evolved.forEach(advance -> done.accept((RunAdvance) advance)));
  }

  /** What a task does with its batch: the objects the driver shipped in, the results it sends back. */
  @FunctionalInterface
  private interface Work extends java.io.Serializable {
    List<?> apply(BroadcastTaskData data, List<?> batch);
  }

  /** Takes the results of the batch that starts at run {@code from}. */
  @FunctionalInterface
  private interface Settle {
    void accept(int from, List<?> results);
  }

  /** A batch on its way: where it starts among the inputs, its broadcast bytes, its job. */
  private record InFlight(int from, int size, Broadcast<byte[]> batch, JavaFutureAction<List<byte[]>> job) {}

  /**
   * Ships {@code runs} in consecutive batches, each run as {@code shipped} makes it when its batch is serialized,
   * one Spark job per batch, a few more in flight than there are cores; hands each batch's results to
   * {@code settle} in the runs' order as they come back. Returns the bytes that crossed the driver, both directions.
   */
  private long ship(List<Run> inputs, Function<Run, Object> shipped, Work work, Settle settle) {
    int cores = spark.defaultParallelism();
    int count = Math.min(inputs.size(), Math.max(partitions > 0 ? partitions : cores,
        (inputs.size() + RUNS_PER_BATCH - 1) / RUNS_PER_BATCH));
    SerializerInstance serializer = spark.env().serializer().newInstance();
    Map<String, Broadcast<BinaryTask>> trainingSets = this.trainingSets;
    Deque<InFlight> pending = new ArrayDeque<>();
    long bytes = 0;
    try {
      for (int next = 0; next < count || !pending.isEmpty(); ) {
        while (next < count && pending.size() < 2 * cores + 1) {
          int from = next * inputs.size() / count;
          int to = (next + 1) * inputs.size() / count;
          ArrayList<Object> batch = new ArrayList<>(to - from);
          inputs.subList(from, to).forEach(run -> batch.add(shipped.apply(run)));
          byte[] serialized = bytes(serializer.serialize(batch, LIST));
          bytes += serialized.length;
          Broadcast<byte[]> handle = spark.broadcast(serialized);
          pending.add(new InFlight(from, to - from, handle, spark.parallelize(List.of(handle), 1)
              .mapPartitions((Iterator<Broadcast<byte[]>> it) -> run(trainingSets, work, it)).collectAsync()));
          next++;
        }
        InFlight done = pending.poll();
        byte[] returned = await(done.job).get(0);
        bytes += returned.length;
        List<?> results = deserialize(serializer, returned);
        if (results.size() != done.size) {
          throw new IllegalStateException("shipped " + done.size + " items, got " + results.size() + " back");
        }
        settle.accept(done.from, results);
        // a batch is never read again: free it on the driver and the executors
        done.batch.destroy(false);
      }
      return bytes;
    } finally {
      for (InFlight left : pending) {
        left.job.cancel(true);
        left.batch.destroy(false);
      }
    }
  }

  private static <T> T await(JavaFutureAction<T> job) {
    try {
      return job.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a round was in flight", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  private static Iterator<byte[]> run(Map<String, Broadcast<BinaryTask>> trainingSets, Work work,
      Iterator<Broadcast<byte[]>> batches) {
    SingleThreadedNd4j.ensure();
    BroadcastTaskData data = new BroadcastTaskData(trainingSets);
    SerializerInstance serializer = SparkEnv.get().serializer().newInstance();
    List<byte[]> results = new ArrayList<>();
    while (batches.hasNext()) {
      List<?> batch = deserialize(serializer, batches.next().value());
      results.add(bytes(serializer.serialize(new ArrayList<>(work.apply(data, batch)), LIST)));
    }
    return results.iterator();
  }

  @SuppressWarnings("unchecked")
  private static <T> List<T> deserialize(SerializerInstance serializer, byte[] bytes) {
    return (List<T>) serializer.deserialize(ByteBuffer.wrap(bytes), LIST);
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
