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
 * A round's work travels in batches of {@link #RUNS_PER_BATCH}, each broadcast and run as a Spark job of its own,
 * a few more in flight than there are cores, so that the driver's drawing and settling overlap the tasks' training
 * and its heap holds only the batches in flight. How a batch travels follows from what the task does with it:
 * <ul>
 *   <li>Contests are only read (a parameter block is never changed once written, {@link
 *       org.pathnet.network.ParameterBlock}), so a batch is broadcast as it is: Spark serializes it once for the
 *       executors, and a local master's tasks read the driver's own objects. Every copy the driver does not make
 *       is garbage its collector does not chase, and at one generation per round that is most of the overhead
 *       (docs/DESIGN.md, "How it travels").
 *   <li>Runs are changed by the task that evolves them, so each task attempt must start from a copy of its own
 *       (a retried task starts from the state the round began with): the batch is serialized once on the driver
 *       and every attempt deserializes it.
 * </ul>
 * Results come back as Spark returns any task's result. Results do not depend on the batching: every random
 * stream a contest uses is fixed by its key.
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
   * parameters its contests started from beyond their batch), outcomes back, settled here; returns the parameter
   * bytes shipped.
   */
  private long playContests(List<Run> runs, Consumer<RunAdvance> done) {
    TrainingPlan plan = this.plan;
    return ship(runs, batch -> {
      ArrayList<Contest> contests = new ArrayList<>(batch.size());
      batch.forEach(run -> contests.add(run.nextContest()));
      return new Batch<>(contests, contests.stream().mapToLong(Contest::parameterBytes).sum());
    }, (data, contests) -> {
      List<ContestOutcome> outcomes = new ArrayList<>(contests.size());
      for (Contest contest : contests) {
        outcomes.add(contest.play(plan, data.sampler(contest.classes())));
      }
      return outcomes;
    }, (from, outcomes) -> {
      long bytes = 0;
      for (int i = 0; i < outcomes.size(); i++) {
        Run run = runs.get(from + i);
        ContestOutcome outcome = outcomes.get(i);
        if (outcome.runIndex() != run.index()) {
          throw new IllegalStateException("the outcome of run " + outcome.runIndex() + " came back for run "
              + run.index());
        }
        List<GenerationRecord> logged = new ArrayList<>(1);
        List<TaskOutcome> finished = new ArrayList<>(1);
        run.apply(outcome, logged::add, finished::add);
        done.accept(new RunAdvance(run, logged, finished, outcome.trainNanos()));
        bytes += outcome.parameterBytes();
      }
      return bytes;
    });
  }

  /** G generations of {@code runs}, each evolved whole in a task from a copy of its own; returns the bytes shipped. */
  private long evolveRuns(List<Run> runs, Consumer<RunAdvance> done) {
    int generations = this.generations;
    SerializerInstance serializer = spark.env().serializer().newInstance();
    return ship(runs, batch -> {
      byte[] serialized = bytes(serializer.serialize(new ArrayList<>(batch), LIST));
      return new Batch<>(serialized, batch.stream().mapToLong(Run::parameterBytes).sum());
    }, (data, serialized) -> {
      List<RunAdvance> evolved = new ArrayList<>();
      for (Object run : deserialize(SparkEnv.get().serializer().newInstance(), serialized)) {
        evolved.add(((Run) run).advance(generations, data));
      }
      return evolved;
    }, (from, evolved) -> {
      long bytes = 0;
      for (RunAdvance advance : evolved) {
        done.accept(advance);
        bytes += advance.run().parameterBytes();
      }
      return bytes;
    });
  }

  /** What a batch of runs ships as: {@code cargo}, broadcast, carrying {@code bytes} of parameters. */
  private record Batch<C>(C cargo, long bytes) {}

  /** What a task does with a batch's cargo: the results it sends back, one per run in the batch's order. */
  @FunctionalInterface
  private interface Work<C, R> extends java.io.Serializable {
    List<R> apply(BroadcastTaskData data, C cargo);
  }

  /** Takes the results of the batch that starts at run {@code from}; returns the parameter bytes they carried. */
  @FunctionalInterface
  private interface Settle<R> {
    long accept(int from, List<R> results);
  }

  /** A batch on its way: where it starts among the runs, its broadcast cargo, its job. */
  private record InFlight<C, R>(int from, int size, Broadcast<C> cargo, JavaFutureAction<List<R>> job) {}

  /**
   * Ships {@code runs} in consecutive batches, each packed by {@code pack} when its turn comes, one Spark job per
   * batch, a few more in flight than there are cores; hands each batch's results to {@code settle} in the runs'
   * order as they come back. Returns the parameter bytes that crossed the driver, both directions.
   */
  private <C, R> long ship(List<Run> runs, Function<List<Run>, Batch<C>> pack, Work<C, R> work,
      Settle<R> settle) {
    int cores = spark.defaultParallelism();
    int count = Math.min(runs.size(), Math.max(partitions > 0 ? partitions : cores,
        (runs.size() + RUNS_PER_BATCH - 1) / RUNS_PER_BATCH));
    Map<String, Broadcast<BinaryTask>> trainingSets = this.trainingSets;
    Deque<InFlight<C, R>> pending = new ArrayDeque<>();
    long bytes = 0;
    try {
      for (int next = 0; next < count || !pending.isEmpty(); ) {
        while (next < count && pending.size() < 2 * cores + 1) {
          int from = next * runs.size() / count;
          int to = (next + 1) * runs.size() / count;
          Batch<C> batch = pack.apply(runs.subList(from, to));
          bytes += batch.bytes();
          Broadcast<C> cargo = spark.broadcast(batch.cargo());
          pending.add(new InFlight<>(from, to - from, cargo, spark.parallelize(List.of(cargo), 1)
              .mapPartitions((Iterator<Broadcast<C>> it) -> run(trainingSets, work, it)).collectAsync()));
          next++;
        }
        InFlight<C, R> done = pending.poll();
        try {
          List<R> results = await(done.job);
          if (results.size() != done.size) {
            throw new IllegalStateException("shipped " + done.size + " items, got " + results.size() + " back");
          }
          bytes += settle.accept(done.from, results);
        } finally {
          // a batch is never read again: free it on the driver and the executors, now (not in the background,
          // where Spark's cleaner may remove it too once the handle is unreachable, and warn that it is gone)
          done.cargo.destroy(true);
        }
      }
      return bytes;
    } finally {
      for (InFlight<C, R> left : pending) {
        left.job.cancel(true);
        left.cargo.destroy(false);
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

  private static <C, R> Iterator<R> run(Map<String, Broadcast<BinaryTask>> trainingSets, Work<C, R> work,
      Iterator<Broadcast<C>> batches) {
    SingleThreadedNd4j.ensure();
    BroadcastTaskData data = new BroadcastTaskData(trainingSets);
    List<R> results = new ArrayList<>();
    while (batches.hasNext()) {
      results.addAll(work.apply(data, batches.next().value()));
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
