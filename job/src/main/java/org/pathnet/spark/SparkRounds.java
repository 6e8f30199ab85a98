package org.pathnet.spark;

import static org.pathnet.experiment.SettingKey.GENERATIONS_PER_ROUND;
import static org.pathnet.experiment.SettingKey.PARTITIONS;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.SerializerInstance;
import org.pathnet.data.BinaryDataset;
import org.pathnet.experiment.Contest;
import org.pathnet.experiment.ContestOutcome;
import org.pathnet.experiment.ExampleSource;
import org.pathnet.experiment.KeptSamplers;
import org.pathnet.experiment.Rounds;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyData;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

/**
 * A study's rounds on Spark (docs/DESIGN.md, "Data flow"). Every task's training and test splits are shared with
 * the Spark tasks once for the whole study ({@link SharedDatasets}).
 * <ul>
 *   <li>One generation per round, the design card's flow: the driver draws each run's contest (the two pathways,
 *       its stream seeds and the modules they can touch), a Spark task plays a batch of contests and returns
 *       fitnesses and the winners' trained modules, and the driver settles each tournament in its run.
 *   <li>G > 1 generations per round: each run travels whole, a task evolves a batch of runs G generations,
 *       settling them itself, and sends them back with their logs.
 * </ul>
 * A round's work travels in batches, a Spark task each, a few more in flight than there are cores, so that the
 * driver's drawing and settling overlap the tasks' training and its heap holds only the batches in flight; how many
 * runs a batch carries depends on what travels ({@link Shipment#batching}). The batches ready at once travel in one
 * {@link ParcelJob} (broadcast on a cluster, kept in the driver's JVM on a local master), a batch per core at least,
 * since Spark's cost per job is several times its cost per task; each batch is settled as soon as its own task has
 * succeeded. Runs are independent, so the round's end is no barrier: once a batch is settled, the runs that go on
 * are packed into batches of the next round, which start while the round's last batches still train and the study
 * reports the round ({@link #advance} takes them up if the study asks for exactly those runs, else cancels them).
 * Batches settle in the order they were shipped, so when a round returns no run has moved past it.
 * How a batch travels follows from what the task does with it:
 * <ul>
 *   <li>Contests are only read (a parameter block is never changed once written, {@link
 *       org.pathnet.network.ParameterBlock}), so a batch ships as it is: Spark serializes it once for the
 *       executors, and a local master's tasks read the driver's own objects. Every copy the driver does not make
 *       is garbage its collector does not chase, and at one generation per round that is most of the overhead
 *       (docs/DESIGN.md, "How it travels").
 *   <li>Runs are changed by the task that evolves them, so each task attempt must start from a copy of its own
 *       (a retried task starts from the state the round began with): the batch is serialized once on the driver
 *       and every attempt deserializes it.
 * </ul>
 * Results come back in the parcel: as Spark returns any task's result on a cluster, as they are on a local master.
 * A task stops at the next contest or run once Spark kills it (its job cancelled: the study stopped early, or Ctrl-C),
 * rather than train a batch no one will settle.
 * Results do not depend on the batching nor on the master: every random stream a contest uses is fixed by its key.
 */
public final class SparkRounds implements Rounds, AutoCloseable {
  private static final ClassTag<ArrayList<?>> LIST = ClassTag$.MODULE$.apply(ArrayList.class);

  private final JavaSparkContext spark;
  private final int partitions;
  private final Map<String, Shared<BinaryDataset>> trainingSets;
  private final Pipeline<?, ?> pipeline;
  /** The study's runs with their parameters, by index, as they stand after their last settled batch. */
  private final List<Run> hosted = new ArrayList<>();
  private Traffic traffic = new Traffic(0, 0, 0, 0);

  /**
   * Rounds of {@code generations} generations; {@code partitions} is the least number of batches (Spark tasks) a
   * round is split into, 0 = as many per core Spark offers as the shipment asks ({@link Shipment#batching}).
   */
  public SparkRounds(JavaSparkContext spark, StudyData data, int generations, int partitions) {
    this.spark = spark;
    this.partitions = partitions;
    this.trainingSets = SharedDatasets.share(spark, data);
    this.pipeline = generations == 1 ? new Pipeline<>(new Contests())
        : new Pipeline<>(new WholeRuns(generations, spark.env().serializer().newInstance()));
  }

  /** The rounds {@code settings} ask for: {@code generationsPerRound} generations, over {@code partitions}. */
  public static SparkRounds of(JavaSparkContext spark, Settings settings, StudyData data) {
    return new SparkRounds(spark, data, settings.integer(GENERATIONS_PER_ROUND), settings.integer(PARTITIONS));
  }

  @Override
  public void host(List<Run> runs) {
    hosted.clear();
    hosted.addAll(runs);
  }

  @Override
  public long advance(int round, List<Run> runs, Consumer<Scores> done) {
    return pipeline.advance(round, runs.stream().map(follower -> hosted.get(follower.index())).toList(), done);
  }

  @Override
  public List<Run> hosted() {
    return List.copyOf(hosted);
  }

  /**
   * What the settled batches so far took through Spark: their jobs, a task each, and the parameter bytes out and
   * back (the bench replays it, to show what Spark's machinery costs for it).
   */
  public Traffic traffic() {
    return traffic;
  }

  /**
   * {@code batches} batches, a task each, in {@code jobs} jobs, which carried {@code bytesOut} parameter bytes out
   * and {@code bytesBack} back.
   */
  public record Traffic(long jobs, long batches, long bytesOut, long bytesBack) {}

  /**
   * Batches kept in flight on {@code cores} cores: a few more than there are cores, so that a core that finishes
   * a batch finds the next one waiting while the driver settles.
   */
  public static int batchesInFlight(int cores) {
    return 2 * cores + 1;
  }

  /** Cancels the batches of a round the study did not ask for (it stopped early), and unshares the data. */
  @Override
  public void close() {
    pipeline.cancel();
    trainingSets.values().forEach(Shared::release);
  }

  /** What a batch of runs ships as: {@code cargo}, in a {@link ParcelJob}, carrying {@code bytes} of parameters. */
  private record Batch<C>(C cargo, long bytes) {}

  /** What a task does with a batch's cargo: the results it sends back, one per run in the batch's order. */
  @FunctionalInterface
  private interface Work<C, R> extends java.io.Serializable {
    List<R> apply(ExampleSource data, C cargo);
  }

  /**
   * How a round's runs are split into batches: at most {@code runs} per batch, and at least {@code perCore}
   * batches per core, whichever gives more batches.
   */
  private record Batching(int runs, int perCore) {}

  /** How one kind of batch travels: packed on the driver, worked on in a task, settled on the driver. */
  private interface Shipment<C, R> {
    /** How this kind of batch splits a round: the Spark task's fixed cost against the cores' balance. */
    Batching batching();

    Batch<C> pack(List<Run> runs);

    Work<C, R> work();

    /**
     * Settles the results of a batch of {@code runs}, handing each run as it now stands to {@code settled} in order;
     * returns the parameter bytes the results carried.
     */
    long settle(List<Run> runs, List<R> results, Consumer<Run> settled);
  }

  /**
   * One generation per round: each batch's contests drawn as it is shipped (so a round never holds the parameters
   * its contests started from beyond their batch), outcomes back, settled in the driver's runs.
   */
  private record Contests() implements Shipment<ArrayList<Contest>, ContestOutcome> {
    /**
     * A contest is one generation, a few milliseconds, and a Spark task's fixed cost (its scheduling, its closure,
     * its result's trip: a few times that in local mode) is paid per batch, so batches are large: up to 32 contests
     * (about 25 MB out, 15 MB back). Two per core keep every core busy, since the next round's batches start while
     * this round's last ones train (docs/DESIGN.md, "How it travels").
     */
    @Override
    public Batching batching() {
      return new Batching(32, 2);
    }

    @Override
    public Batch<ArrayList<Contest>> pack(List<Run> runs) {
      ArrayList<Contest> contests = new ArrayList<>(runs.size());
      runs.forEach(run -> contests.add(run.nextContest()));
      return new Batch<>(contests, contests.stream().mapToLong(Contest::parameterBytes).sum());
    }

    @Override
    public Work<ArrayList<Contest>, ContestOutcome> work() {
      return (data, contests) -> {
        List<ContestOutcome> outcomes = new ArrayList<>(contests.size());
        for (Contest contest : contests) {
          TaskContext.get().killTaskIfInterrupted();
          outcomes.add(contest.play(data.sampler(contest.classes())));
        }
        return outcomes;
      };
    }

    @Override
    public long settle(List<Run> runs, List<ContestOutcome> outcomes, Consumer<Run> settled) {
      long bytes = 0;
      for (int i = 0; i < outcomes.size(); i++) {
        Run run = runs.get(i);
        ContestOutcome outcome = outcomes.get(i);
        checkReturned(outcome.runIndex(), run);
        run.apply(outcome, generation -> { }, finishedTask -> { }); // its follower logs them
        settled.accept(run);
        bytes += outcome.parameterBytes();
      }
      return bytes;
    }
  }

  /** G generations per round: each run evolved whole in a task, from a copy of its own. */
  private record WholeRuns(int generations, SerializerInstance serializer) implements Shipment<byte[], Run> {
    /**
     * A run is a few MB and G generations of work, so a task's fixed cost is small beside a batch's, and what
     * costs is the cores' balance: the study's last batches train while other cores have nothing left. Batches of
     * at most 16 runs (tens of MB), four per core.
     */
    @Override
    public Batching batching() {
      return new Batching(16, 4);
    }

    @Override
    public Batch<byte[]> pack(List<Run> runs) {
      byte[] serialized = bytes(serializer.serialize(new ArrayList<>(runs), LIST));
      return new Batch<>(serialized, runs.stream().mapToLong(Run::parameterBytes).sum());
    }

    @Override
    public Work<byte[], Run> work() {
      int generations = this.generations;
      return (data, serialized) -> {
        List<Run> evolved = new ArrayList<>();
        for (Object run : deserialize(SparkEnv.get().serializer().newInstance(), serialized)) {
          TaskContext.get().killTaskIfInterrupted();
          ((Run) run).advance(generations, data);
          evolved.add((Run) run);
        }
        return evolved;
      };
    }

    @Override
    public long settle(List<Run> runs, List<Run> evolved, Consumer<Run> settled) {
      long bytes = 0;
      for (int i = 0; i < evolved.size(); i++) {
        Run run = evolved.get(i);
        checkReturned(run.index(), runs.get(i));
        settled.accept(run);
        bytes += run.parameterBytes();
      }
      return bytes;
    }
  }

  /** A task's results come back in the batch's order: the one for run {@code returned} must be {@code shipped}'s. */
  private static void checkReturned(int returned, Run shipped) {
    if (returned != shipped.index()) {
      throw new IllegalStateException("the result of run " + returned + " came back for run " + shipped.index());
    }
  }

  /** A batch on its way: the round it belongs to, its runs, its bytes, the job it travels in and its index there. */
  private record InFlight<C, R>(int round, List<Run> runs, long bytes, ParcelJob<C, R> job, int index) {}

  /**
   * The batches on their way, in the order they settle: the rest of the round being played, then the next
   * round's first ones; and the runs settled this round that go on but are not in a batch yet.
   */
  private final class Pipeline<C, R> {
    private final Shipment<C, R> shipment;
    private final Deque<InFlight<C, R>> inFlight = new ArrayDeque<>();
    private Deque<Run> carried = new ArrayDeque<>();

    Pipeline(Shipment<C, R> shipment) {
      this.shipment = shipment;
    }

    /**
     * Plays round {@code round} of {@code runs}: takes up its batches already on their way when they are exactly
     * those runs, ships the rest, settles them all in order, and starts the next round's batches as runs go on.
     * Returns the parameter bytes that crossed the driver, both directions.
     */
    long advance(int round, List<Run> runs, Consumer<Scores> done) {
      Deque<Run> queue;
      if (started(round, runs)) {
        queue = carried;
      } else {
        cancel();
        queue = new ArrayDeque<>(runs);
      }
      carried = new ArrayDeque<>();
      int size = batchSize(runs.size(), shipment.batching());
      long bytes = 0;
      try {
        while (!queue.isEmpty() || (!inFlight.isEmpty() && inFlight.peek().round() == round)) {
          ship(round, queue, size);
          InFlight<C, R> batch = inFlight.poll();
          try {
            List<R> results = batch.job().results(batch.index());
            if (results.size() != batch.runs().size()) {
              throw new IllegalStateException("shipped " + batch.runs().size() + " items, got " + results.size()
                  + " back");
            }
            long back = shipment.settle(batch.runs(), results, run -> {
              hosted.set(run.index(), run); // a run that came back whole replaces the one that left
              done.accept(run.takeScores());
              if (!run.finished()) {
                carried.add(run);
              }
            });
            bytes += batch.bytes() + back;
            traffic = new Traffic(traffic.jobs() + (batch.index() == 0 ? 1 : 0), traffic.batches() + 1,
                traffic.bytesOut() + batch.bytes(), traffic.bytesBack() + back);
          } finally {
            batch.job().release(batch.index());
          }
        }
        ship(round, queue, size);
        return bytes;
      } catch (RuntimeException e) {
        cancel();
        throw e;
      }
    }

    /** True when the batches on their way and the runs carried over are {@code runs}, in order, for this round. */
    private boolean started(int round, List<Run> runs) {
      List<Run> started = new ArrayList<>(runs.size());
      for (InFlight<C, R> batch : inFlight) {
        if (batch.round() != round) {
          return false;
        }
        started.addAll(batch.runs());
      }
      started.addAll(carried);
      return started.equals(runs);
    }

    /**
     * Ships what is ready, one job for this round's {@code queue}, then one for whole batches of the runs that go on
     * to the next round, each {@link #wave} batches.
     */
    private void ship(int round, Deque<Run> queue, int size) {
      if (!queue.isEmpty()) {
        submit(round, take(queue, size, wave((queue.size() + size - 1) / size)));
      }
      if (queue.isEmpty()) {
        List<List<Run>> next = take(carried, size, wave(carried.size() / size));
        SparkJobDescriptions.early(spark, round + 1, () -> submit(round + 1, next));
      }
    }

    /**
     * How many of {@code ready} batches to ship now: as many as fit a few more in flight than there are cores,
     * and a batch per core at least (fewer jobs, each paying Spark's cost per job once), unless so few batches are
     * unsettled that a core may be left waiting.
     */
    private int wave(int ready) {
      int cores = spark.defaultParallelism();
      int wave = Math.min(ready, batchesInFlight(cores) - inFlight.size());
      return wave >= cores || inFlight.size() <= cores ? wave : 0;
    }

    /** Ships {@code batches} of round {@code round} in one Spark job (none when there are none). */
    private void submit(int round, List<List<Run>> batches) {
      if (batches.isEmpty()) {
        return;
      }
      List<C> cargoes = new ArrayList<>(batches.size());
      List<Long> bytes = new ArrayList<>(batches.size());
      for (List<Run> runs : batches) {
        Batch<C> batch = shipment.pack(runs);
        cargoes.add(batch.cargo());
        bytes.add(batch.bytes());
      }
      Map<String, Shared<BinaryDataset>> trainingSets = SparkRounds.this.trainingSets; // the closure takes no SparkRounds
      Work<C, R> work = shipment.work();
      ParcelJob<C, R> job = ParcelJob.submit(spark, cargoes, cargo -> play(trainingSets, work, cargo));
      for (int i = 0; i < batches.size(); i++) {
        inFlight.add(new InFlight<>(round, batches.get(i), bytes.get(i), job, i));
      }
    }

    /** Cancels every batch on its way and forgets the runs carried over. */
    void cancel() {
      Set<ParcelJob<C, R>> jobs = Collections.newSetFromMap(new IdentityHashMap<>());
      inFlight.forEach(batch -> jobs.add(batch.job()));
      jobs.forEach(ParcelJob::cancel);
      inFlight.clear();
      carried = new ArrayDeque<>();
    }
  }

  /** Up to {@code count} batches of {@code size} runs from the head of {@code runs}. */
  private static List<List<Run>> take(Deque<Run> runs, int size, int count) {
    List<List<Run>> batches = new ArrayList<>(count);
    while (batches.size() < count && !runs.isEmpty()) {
      List<Run> batch = new ArrayList<>(size);
      while (batch.size() < size && !runs.isEmpty()) {
        batch.add(runs.poll());
      }
      batches.add(batch);
    }
    return batches;
  }

  /**
   * Runs per batch in a round of {@code runs} runs: split over the cores (or into {@code partitions}), or by the
   * shipment's most runs per batch, whichever gives more batches.
   */
  private int batchSize(int runs, Batching batching) {
    int count = Math.min(runs, Math.max(partitions > 0 ? partitions : batching.perCore() * spark.defaultParallelism(),
        (runs + batching.runs() - 1) / batching.runs()));
    return (runs + count - 1) / count;
  }

  /** A Spark task: the work on its batch's cargo. */
  private static <C, R> List<R> play(Map<String, Shared<BinaryDataset>> trainingSets, Work<C, R> work, C cargo) {
    SingleThreadedNd4j.ensure();
    // one sampler per task for the whole batch: its contests reuse the sampler's minibatches
    ExampleSource data = new KeptSamplers(new SharedDatasets(trainingSets));
    return work.apply(data, cargo);
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
