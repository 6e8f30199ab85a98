package org.pathnet.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The whole study, driven from one place: every run (variant x pair x seed x arm) advances in lockstep, a round at
 * a time, through {@link Rounds}, in this process or on Spark; finished runs drop out. Knows nothing of Spark, so
 * the same loop runs in-process in tests (docs/DESIGN.md, "Data flow (the user's design card)").
 */
public final class Study {
  /** Every run's follower, which keeps its evolution and logs: the runs themselves play where {@link Rounds} hosts them. */
  private final List<Run> runs = new ArrayList<>();
  /**
   * What a new study's runs are started from, by index, until the first round has its {@link Rounds} host them
   * there; null if resumed. The runs themselves are never built here: only their followers.
   */
  private StudyRuns unhosted;
  /** A resumed study's shard files, until the first round has its {@link Rounds} read them; null if new. */
  private Restore restore;
  /** Where the runs play once the study has started: what a checkpoint takes their parameters from. */
  private Rounds rounds;
  private final GenerationLog generations;
  private final List<TaskOutcome> finishedTasks = new ArrayList<>();
  private int round;

  /** Receives each round's report. */
  public interface Listener {
    /** Before round {@code number} (1-based), with the runs it will advance per arm. */
    default void roundStarting(int number, Map<String, Integer> activeByArm) {}

    void roundFinished(Round round);
  }

  /** A new study whose log holds every row ({@link GenerationLog#inMemory}): in-process studies, benchmarks. */
  public Study(Settings settings, StudyData data) {
    this(settings, data, GenerationLog.inMemory());
  }

  /** A new study, logging its generation rows into {@code generations}: every run at its first generation. */
  public Study(Settings settings, StudyData data, GenerationLog generations) {
    this.generations = generations;
    unhosted = StudyRuns.of(settings, data.inputSize());
    for (int index = 0; index < unhosted.count(); index++) {
      runs.add(unhosted.follower(index));
    }
  }

  /** Where a resumed study's unfinished runs' parameters are: the checkpoint's shard files. */
  private record Restore(List<ShardFile> shards, StudyFiles files) {}

  /**
   * A study continued from a checkpoint: its runs' followers, rows and round as they were when it was written, the
   * runs' parameters in {@code restore}.
   */
  private Study(List<Run> followers, GenerationLog generations, List<TaskOutcome> finishedTasks, int round,
      Restore restore) {
    runs.addAll(followers);
    unhosted = null;
    this.restore = restore;
    this.generations = generations;
    this.finishedTasks.addAll(finishedTasks);
    this.round = round;
  }

  /**
   * Continues a study from {@code checkpoint} (its header read) under {@code settings}: the checkpoint's own, with
   * maxGenerations perhaps raised; the caller checks that. Its runs' parameters stay in {@code files} until the
   * study {@link #start}s; its generation rows go on into {@code rowFiles}.
   */
  public static Study resume(Checkpoint checkpoint, StudyFiles files, StudyFiles rowFiles, Settings settings,
      StudyData data) throws IOException {
    checkpoint.readBody(settings, data, rowFiles);
    return new Study(checkpoint.followers(), checkpoint.generations(), checkpoint.finishedTasks(), checkpoint.round(),
        new Restore(checkpoint.shards(), files));
  }

  /**
   * Writes everything needed to continue this study bit-identically ({@link Checkpoint} says how): the unfinished
   * runs' parameters into {@code files}, where its {@link Rounds} keep them, then the rest into {@code out}. A study
   * that has finished writes no parameters; one that has not must have started.
   */
  public void writeCheckpoint(StudyFiles files, OutputStream out, Settings settings, Map<String, String> dataChecksums)
      throws IOException {
    boolean playing = runs.stream().anyMatch(run -> !run.finished());
    if (playing && rounds == null) {
      throw new IllegalStateException("a study writes its checkpoints once its runs play");
    }
    List<ShardFile> shards = playing ? rounds.save(round, files) : List.of();
    Checkpoint.write(out, settings, dataChecksums, round, runs, shards, generations, finishedTasks);
  }

  /**
   * True when some task has already run to the generation cap: every finished task when tasks do not stop at
   * solving, else every censored one. Raising the cap on a resume is then refused: that task would have gone on.
   */
  public boolean anyTaskReachedTheCap(boolean stopWhenSolved) {
    return finishedTasks.stream().anyMatch(r -> !stopWhenSolved || !r.solved());
  }

  /**
   * The first contest of every run, as a round at one generation per round ships them; for benchmarks, before the
   * study has started. Each run is started here for it, its parameters drawn, and let go with its contest.
   */
  public List<Contest> contests() {
    if (unhosted == null) {
      throw new IllegalStateException("the study has started, or resumed: its runs play where its rounds host them");
    }
    return IntStream.range(0, unhosted.count()).mapToObj(unhosted::start).map(Run::nextContest).toList();
  }

  /** The most run-generations the study may still play: every run's tasks to the cap. */
  public long generationsLeftAtMost() {
    return runs.stream().mapToLong(Run::generationsLeftAtMost).sum();
  }

  /** Rounds played so far (also those before a resume). */
  public int rounds() {
    return round;
  }

  /** The number of runs (variants x pairs x seeds x arms). */
  public int size() {
    return runs.size();
  }

  /**
   * Hands the runs to {@code rounds}, where they play from then on: a new study's runs started there from their
   * indices, a resumed one's unfinished runs read from its checkpoint's shard files where they will play. {@link
   * #run} starts the study if this has not; a caller starts it first to see a failure to read the checkpoint apart.
   */
  public void start(Rounds rounds) {
    if (this.rounds != null) {
      if (this.rounds != rounds) {
        throw new IllegalStateException("the study plays its rounds where it started them");
      }
      return;
    }
    if (unhosted != null) {
      rounds.host(unhosted);
      unhosted = null;
    } else {
      List<Run> unfinished = runs.stream().filter(run -> !run.finished()).toList();
      if (!unfinished.isEmpty()) {
        rounds.restore(unfinished, restore.shards(), restore.files(), round);
      }
      restore = null;
    }
    this.rounds = rounds;
  }

  /** Runs every run to its end, a round at a time with {@code rounds}, and returns the tables' rows. */
  public Results run(Rounds rounds, Listener listener) {
    start(rounds);
    while (true) {
      List<Run> active = runs.stream().filter(r -> !r.finished()).toList();
      if (active.isEmpty()) {
        return new Results(List.copyOf(finishedTasks), generations);
      }
      long started = System.nanoTime();
      Map<String, Integer> activeByArm = new TreeMap<>();
      active.forEach(run -> activeByArm.merge(run.id().arm().label(), 1, Integer::sum));
      listener.roundStarting(round + 1, activeByArm);
      RoundTally tally = new RoundTally();
      long shippedBytes = rounds.advance(round + 1, active, scores -> {
        RunAdvance advance = runs.get(scores.runIndex()).follow(scores);
        generations.add(advance.generations());
        finishedTasks.addAll(advance.finishedTasks());
        tally.add(advance);
      });
      round++;
      Round.Work work = tally.work(System.nanoTime() - started, shippedBytes);
      listener.roundFinished(new Round(round, activeByArm, work, progress()));
    }
  }

  private Round.Progress progress() {
    int tasksDone = runs.stream().mapToInt(Run::tasksDone).sum();
    int tasks = runs.stream().mapToInt(r -> r.id().arm().tasks().size()).sum();
    int solved = (int) finishedTasks.stream().filter(TaskOutcome::solved).count();
    int censored = finishedTasks.size() - solved;
    long generationsLeftAtMost = runs.stream().mapToLong(Run::generationsLeftAtMost).max().orElse(0);
    return new Round.Progress(tasksDone, tasks, solved, censored, generationsLeftAtMost);
  }

  /** What a round's advances add up to, for its {@link Round} report. */
  private static final class RoundTally {
    double bestFitness;
    long computeNanos;
    int runGenerations;

    void add(RunAdvance advance) {
      for (GenerationRecord g : advance.generations()) {
        bestFitness = Math.max(bestFitness, g.winnerFitness());
      }
      computeNanos += advance.computeNanos();
      runGenerations += advance.generations().size();
    }

    Round.Work work(long wallNanos, long shippedBytes) {
      return new Round.Work(bestFitness, wallNanos, computeNanos, runGenerations, shippedBytes);
    }
  }

  /** The rows of the {@code runs} table, and the log of the {@code generations} table's. */
  public record Results(List<TaskOutcome> runs, GenerationLog generations) {}
}
