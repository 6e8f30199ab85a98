package org.pathnet.spark;

import static org.pathnet.experiment.SettingKey.GENERATIONS_PER_ROUND;
import static org.pathnet.experiment.SettingKey.PARTITIONS;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaSparkStatusTracker;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.TaskCompletionListener;
import org.pathnet.data.BinaryDataset;
import org.pathnet.experiment.ExampleSource;
import org.pathnet.experiment.KeptSamplers;
import org.pathnet.experiment.Rounds;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.ShardFile;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.StudyFiles;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.rundir.CheckpointWriter;

/**
 * A study's rounds on Spark, its runs kept in executors (docs/DESIGN.md, "Data flow (the user's design card)"): the
 * runs, parameters and all, are an RDD of {@link RunShard}s in executors' storage, and a round is one job that plays
 * every shard into the next round's, kept in turn, and brings back only the runs' {@link Scores}, which the study's
 * followers replay. Later rounds are submitted while one plays, so the round's end is no barrier; a shard is kept
 * once however many rounds are on their way; every few rounds the state is cut from its lineage. Every random
 * stream is keyed, so a round Spark computes again is the round again, and results depend neither on the partitions
 * nor on the master.
 */
public final class SparkRounds implements Rounds, AutoCloseable {
  /** Rounds between lineage cuts: what a lost partition may have to replay, and Spark's DAG stays shallow. */
  static final int ROUNDS_PER_CUT = 10;
  /**
   * Rounds submitted beyond the one the study waits for: how far a shard may run ahead of the slowest, so that a
   * core seldom waits for the study to hand a round back. They cost no memory: a shard lets go of its state as
   * soon as it has played the next round ({@link #play}).
   */
  public static final int ROUNDS_AHEAD = 2;
  /**
   * Shards per core Spark offers at least: two, so that a core finishing early finds another. More cost more: a
   * Spark task's fixed cost is paid per shard and round, and the rounds ahead already keep the cores busy.
   */
  private static final int SHARDS_PER_CORE = 2;
  /**
   * Runs per shard at most: a shard is one block in an executor's storage, at most a few hundred MB (a run is up to
   * about 2 MB), which Spark spills, reads back or replays whole. Below that, fewer shards cost less at a study's
   * end, when its last runs are spread over every shard and a round pays a task's fixed cost per shard.
   */
  private static final int RUNS_PER_SHARD = 128;
  private static final StorageLevel KEPT = StorageLevel.MEMORY_AND_DISK();

  private final JavaSparkContext spark;
  private final int generations;
  private final int partitions;
  private final IntPredicate checkpointDue;
  private final Map<String, Shared<BinaryDataset>> trainingSets;
  /** The runs as the last round handed back left them, kept in executors. */
  private JavaRDD<RunShard> state;
  /**
   * The rounds after it, submitted early so that each shard plays them as soon as it has played the one before,
   * oldest first.
   */
  private final Deque<RoundJob> ahead = new ArrayDeque<>();
  /** The files of the last cut written, removed once the next is. */
  private String lastCut;
  /**
   * What a new study's runs are started from in the first round's tasks, until the state is cut from its lineage:
   * no partition is started again after that.
   */
  private Shared<StudyRuns> newRuns;
  /**
   * What the first round's tasks carry out to start a new study's runs, their indices and what they are started
   * from: counted in the traffic once hosted, and in the first round's bytes.
   */
  private long startingBytes;
  private Traffic traffic = new Traffic(0, 0, 0, 0);

  /**
   * Rounds of {@code generations} generations; {@code partitions} is the number of shards the runs are dealt
   * into, 0 = two per core Spark offers, or one per 128 runs if that is more (at most one per run); the study asks
   * for the runs' state after each round {@code checkpointDue} is true for ({@link #save}).
   */
  public SparkRounds(JavaSparkContext spark, StudyData data, int generations, int partitions,
      IntPredicate checkpointDue) {
    this.spark = spark;
    this.generations = generations;
    this.partitions = partitions;
    this.checkpointDue = checkpointDue;
    this.trainingSets = SharedDatasets.share(spark, data);
  }

  /**
   * The rounds {@code settings} ask for: {@code generationsPerRound} generations, over {@code partitions}, the state
   * whole after each round a checkpoint is due.
   */
  public static SparkRounds of(JavaSparkContext spark, Settings settings, StudyData data) {
    return new SparkRounds(spark, data, settings.integer(GENERATIONS_PER_ROUND), settings.integer(PARTITIONS),
        round -> CheckpointWriter.due(settings, round));
  }

  /**
   * The shards {@code runs} runs are dealt into on {@code cores} cores: {@code partitions}, or with 0 two per core,
   * one per 128 runs, or {@code leastShards} (what executors can play, {@link ExecutorMemory#leastShards}; 0 on a
   * local master), whichever is most; at most one per run.
   */
  public static int shards(int runs, int cores, int partitions, int leastShards) {
    int shards = partitions > 0 ? partitions : Math.max(leastShards,
        Math.max(SHARDS_PER_CORE * cores, (runs + RUNS_PER_SHARD - 1) / RUNS_PER_SHARD));
    return Math.max(1, Math.min(runs, shards));
  }

  /**
   * Each Spark task of the first round starts its shard's runs from their indices, the study's {@link StudyRuns}
   * shared once with every executor: the driver never holds the runs, and its tasks carry only the indices, however
   * many runs the study has. The runs' parameters are drawn as they first play.
   */
  @Override
  public void host(StudyRuns runs) {
    int cores = spark.defaultParallelism();
    ExecutorMemory executors = ExecutorMemory.of(confEntries(), coresPerExecutor(cores));
    int shards = shards(runs.count(), cores, partitions, executors == null ? 0
        : executors.leastShards(runs.count(), runs.stateBytes(), runs.largestRunBytes()));
    release();
    Shared<StudyRuns> shared = Shared.of(spark, runs);
    newRuns = shared;
    state = spark.parallelize(RunShard.deal(runs, shards), shards)
        .map(indices -> RunShard.start(shared.value(), indices)).persist(KEPT);
    startingBytes = Integer.BYTES * (long) runs.count() + serializedBytes(runs);
    traffic = traffic.plus(0, 0, startingBytes, 0);
  }

  private Map<String, String> confEntries() {
    Map<String, String> entries = new HashMap<>();
    for (scala.Tuple2<String, String> entry : spark.getConf().getAll()) {
      entries.put(entry._1(), entry._2());
    }
    return entries;
  }

  /**
   * The cores of each executor registered so far, of {@code cores} in all (the status tracker lists the driver
   * too); null before any has registered.
   */
  private Integer coresPerExecutor(int cores) {
    int executors = spark.sc().statusTracker().getExecutorInfos().length - 1;
    return executors < 1 ? null : (cores + executors - 1) / executors;
  }

  /** Bytes of {@code value} in Java serialization: what a small value costs to send, counted once. */
  private static long serializedBytes(Serializable value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
    return bytes.size();
  }

  @Override
  public long advance(int round, List<Run> runs, Consumer<Scores> done) {
    if (ahead.isEmpty()) {
      ahead.add(submit(round, state));
    } else if (ahead.peek().round() != round) {
      throw new IllegalStateException("round " + round + " asked for, round " + ahead.peek().round() + " is next");
    }
    submitAhead(runs);
    RoundJob playing = ahead.poll();
    List<List<Scores>> played = playing.scores();
    state.unpersist(false);
    state = playing.state();
    if (round % ROUNDS_PER_CUT == 0) {
      cut();
    }
    Scores[] byRun = new Scores[runs.isEmpty() ? 0 : runs.get(runs.size() - 1).index() + 1];
    long bytes = 0;
    for (List<Scores> shard : played) {
      for (Scores scores : shard) {
        if (scores.runIndex() < byRun.length) {
          byRun[scores.runIndex()] = scores;
        }
        bytes += scores.bytes();
      }
    }
    for (Run follower : runs) {
      Scores scores = byRun[follower.index()];
      if (scores == null) {
        throw new IllegalStateException("run " + follower.index() + " did not play round " + round);
      }
      done.accept(scores);
    }
    if (runs.stream().allMatch(Run::finished)) {
      awaitAhead(); // the study is over: the rounds ahead have nothing to play, and end at once
    }
    traffic = traffic.plus(1, played.size(), 0, bytes);
    long out = startingBytes;
    startingBytes = 0;
    return out + bytes;
  }

  /**
   * Submits the rounds after the last one submitted, up to {@link #ROUNDS_AHEAD} beyond the one the study waits for,
   * none after a round whose state must stay {@link #whole} nor after the last round the {@code runs} may play.
   */
  private void submitAhead(List<Run> runs) {
    long generationsLeft = runs.stream().mapToLong(Run::generationsLeftAtMost).max().orElse(0);
    long lastPossible = ahead.peek().round() - 1 + (generationsLeft + generations - 1) / generations;
    while (ahead.size() <= ROUNDS_AHEAD && !whole(ahead.peekLast().round())
        && ahead.peekLast().round() < lastPossible) {
      RoundJob last = ahead.peekLast();
      SparkJobDescriptions.early(spark, last.round() + 1, () -> ahead.add(submit(last.round() + 1, last.state())));
    }
  }

  /**
   * Submits round {@code round}'s job: every shard of {@code from} played into the next state, kept, and its scores
   * brought back. Every {@link #ROUNDS_PER_CUT}th state is marked to be cut from its lineage ({@link #cut}): Spark
   * takes the mark only before a job has computed the RDD.
   */
  private RoundJob submit(int round, JavaRDD<RunShard> from) {
    JavaRDD<RunShard> after = played(from, generations, trainingSets);
    if (round % ROUNDS_PER_CUT == 0) {
      markCut(after);
    }
    return new RoundJob(round, after,
        after.map(shard -> (List<Scores>) new ArrayList<>(shard.scores())).collectAsync());
  }

  /** The state after one more round of {@code generations} generations of {@code from}'s shards, kept. */
  static JavaRDD<RunShard> played(JavaRDD<RunShard> from, int generations,
      Map<String, Shared<BinaryDataset>> trainingSets) {
    int id = from.id();
    return from.map(shard -> play(shard, generations, trainingSets, id)).persist(KEPT);
  }

  /**
   * Whether round {@code round}'s state stays whole until the study has it back: no round after it starts before,
   * so no shard lets go of it ({@link #play}). So it is for the rounds a checkpoint writes, and for those cut from
   * their lineage, since Spark cuts the shards of all partitions at once.
   */
  private boolean whole(int round) {
    return round % ROUNDS_PER_CUT == 0 || checkpointDue.test(round);
  }

  /**
   * Each shard writes its unfinished runs' parameters where it is kept, all in parallel, as round {@code round} left
   * them; only after a round whose state is kept {@link #whole}. When one cannot (a full disk), this returns only once
   * the job's other Spark tasks have ended: Spark fails the job at the first failed task and lets the others run on,
   * and one still writing would put its file back into the checkpoint's temporary directory after the study had
   * removed it.
   */
  @Override
  public List<ShardFile> save(int round, StudyFiles files) {
    if (!ahead.isEmpty()) {
      throw new IllegalStateException("the runs' state is only whole after a round a checkpoint is due");
    }
    JavaFutureAction<List<ShardFile>> writing = state.flatMap(shard -> {
      ShardFile file = shard.save(files, round, TaskContext.getPartitionId());
      return (file == null ? List.<ShardFile>of() : List.of(file)).iterator();
    }).collectAsync();
    try {
      return writing.get().stream().sorted(Comparator.comparing(ShardFile::name)).toList();
    } catch (ExecutionException e) {
      awaitTasksOf(writing.jobIds());
      throw new IllegalStateException("the shard files of round " + round + " were not written into " + files,
          e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      writing.cancel(true);
      throw new IllegalStateException("interrupted while the shard files of round " + round + " were written", e);
    }
  }

  /** Waits, for a minute at most, until no task of {@code jobs} runs any more. */
  private void awaitTasksOf(List<Integer> jobs) {
    JavaSparkStatusTracker tracker = spark.statusTracker();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (System.nanoTime() < deadline && jobs.stream()
        .map(tracker::getJobInfo).filter(Objects::nonNull).flatMapToInt(job -> Arrays.stream(job.stageIds()))
        .mapToObj(tracker::getStageInfo).filter(Objects::nonNull).anyMatch(stage -> stage.numActiveTasks() > 0)) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * Reads the shards of a resumed study where they will be kept, a Spark task per shard file, and cuts them from
   * their lineage at once: a lost partition is then never read again from a checkpoint that a later one replaces.
   * A shard file that cannot be read (damaged, missing) fails here, before any round plays.
   */
  @Override
  public void restore(List<Run> followers, List<ShardFile> shards, StudyFiles files, int round) {
    release();
    Map<Integer, Run> byIndex = new HashMap<>();
    followers.forEach(run -> byIndex.put(run.index(), run));
    List<ShardToRead> reads = shards.stream().map(file -> new ShardToRead(file,
        Arrays.stream(file.runs()).mapToObj(byIndex::get).toList())).toList();
    state = spark.parallelize(reads, reads.size())
        .map(read -> RunShard.read(read.file(), read.followers(), files, round)).persist(KEPT);
    markCut(state);
    try {
      cut();
    } catch (Exception e) { // Spark's SparkException too: checked, and thrown undeclared
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof IOException unreadable) {
          throw new UncheckedIOException("cannot read the checkpoint's shard files in " + files, unreadable);
        }
      }
      throw e;
    }
  }

  /** A shard file of a checkpoint and the followers of its runs, which reading it gives their parameters. */
  private record ShardToRead(ShardFile file, List<Run> followers) implements Serializable {}

  /**
   * What the rounds so far took through Spark: their jobs, a task per shard each, and the bytes out and back
   * (the bench replays it, to show what Spark's machinery costs for it).
   */
  public Traffic traffic() {
    return traffic;
  }

  /**
   * {@code batches} Spark tasks (a shard's round each) in {@code jobs} jobs, which carried {@code bytesOut} bytes out
   * and {@code bytesBack} back.
   */
  public record Traffic(long jobs, long batches, long bytesOut, long bytesBack) {
    Traffic plus(long moreJobs, long moreBatches, long moreOut, long moreBack) {
      return new Traffic(jobs + moreJobs, batches + moreBatches, bytesOut + moreOut, bytesBack + moreBack);
    }
  }

  /** Cancels the rounds on their way, lets the state go, and unshares the data. */
  @Override
  public void close() {
    release();
    trainingSets.values().forEach(Shared::release);
  }

  private void release() {
    cancelAhead();
    if (state != null) {
      state.unpersist(false);
      state = null;
    }
    releaseNewRuns();
  }

  private void releaseNewRuns() {
    if (newRuns != null) {
      newRuns.release();
      newRuns = null;
    }
  }

  /** Cancels the rounds on their way, if any: the study asked for another, or for none. */
  private void cancelAhead() {
    ahead.forEach(RoundJob::cancel);
    ahead.clear();
  }

  /** Waits for the rounds on their way, which have no run left to play, and lets their states go. */
  private void awaitAhead() {
    for (RoundJob round : ahead) {
      traffic = traffic.plus(1, round.scores().size(), 0, 0);
    }
    ahead.forEach(round -> round.state().unpersist(false)); // not before: each plays from the one before
    ahead.clear();
  }

  /** Marks {@code rdd} to be {@link #cut} from its lineage once a job has computed it. */
  private void markCut(JavaRDD<RunShard> rdd) {
    if (spark.getCheckpointDir().isPresent()) {
      rdd.checkpoint();
    } else {
      rdd.rdd().localCheckpoint();
    }
  }

  /**
   * Cuts the state, which the round's job has just computed (or which a resume reads) and which was marked
   * ({@link #markCut}), from its lineage: where
   * Spark has a checkpoint directory (the job gives it one on a cluster) it writes the shards there, from which a lost
   * executor's are read back; on a local master, whose executors cannot be lost alone, it keeps them in its storage as
   * they are. Spark cuts a marked RDD after a job it waits for (the rounds' jobs are not waited for, so that the next
   * round plays on): here one of no tasks, after which Spark computes the shards a round has not (a resume's).
   */
  private void cut() {
    state.collectPartitions(new int[0]);
    if (!state.isCheckpointed()) {
      throw new IllegalStateException("Spark did not cut the state of round RDD " + state.id() + " from its lineage");
    }
    releaseNewRuns();
    removeEarlierCut();
  }

  /** Removes the files of the cut before the one the state now stands on, which no partition can need again. */
  private void removeEarlierCut() {
    String cut = state.getCheckpointFile().orElse(null);
    if (cut == null || cut.equals(lastCut)) {
      return;
    }
    if (lastCut != null) {
      try {
        Path files = new Path(lastCut);
        files.getFileSystem(spark.hadoopConfiguration()).delete(files, true);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot remove " + lastCut, e);
      }
    }
    lastCut = cut;
  }

  /**
   * A Spark task: one round of a shard's runs, from the shard as RDD {@code from} kept it. Once the round's shard is
   * kept in turn (the task has succeeded), this executor lets go of the one it played from: a shard is kept once, not
   * once per round in flight, and were it needed again (an executor lost, a task run twice) Spark would compute it
   * from the last cut. No round's state the study reads is let go: no later round starts before it has it
   * ({@link #whole}).
   */
  private static RunShard play(RunShard shard, int generations, Map<String, Shared<BinaryDataset>> trainingSets,
      int from) {
    SingleThreadedNd4j.ensure();
    letGoWhenDone(TaskContext.get(), from);
    // one sampler per task for the whole shard: its runs reuse the sampler's minibatches
    ExampleSource data = new KeptSamplers(new SharedDatasets(trainingSets));
    return shard.advance(generations, data);
  }

  /**
   * The oldest state each running Spark task has played a round from, by task attempt. A Spark task of a round ahead
   * can start before the task of the round it plays from has (a core takes whichever task comes first): it then plays
   * that round too, and the one before if need be, one round inside another, each from the state the next round
   * plays from. It lets go of the oldest only: the others it kept itself, and the tasks of their own rounds, still to
   * come, find them kept instead of playing them again from a state let go of.
   */
  private static final ConcurrentMap<Long, Integer> OLDEST_PLAYED = new ConcurrentHashMap<>();

  /** Has {@code task}, which plays a round from RDD {@code from}, let go of the oldest state it played from once done. */
  private static void letGoWhenDone(TaskContext task, int from) {
    long attempt = task.taskAttemptId();
    if (OLDEST_PLAYED.putIfAbsent(attempt, from) != null) {
      OLDEST_PLAYED.merge(attempt, from, Math::min); // a round inside another: the inner one registered first
      return;
    }
    task.addTaskCompletionListener((TaskCompletionListener) context -> {
      int oldest = OLDEST_PLAYED.remove(attempt);
      if (!context.isFailed() && !context.isInterrupted()) {
        SparkEnv.get().blockManager().removeBlock(new RDDBlockId(oldest, context.partitionId()), true);
      }
    });
  }
}
