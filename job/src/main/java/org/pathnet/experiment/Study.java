package org.pathnet.experiment;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole study, driven from one place (DESIGN.md, "Data flow"): every run (pair x seed x arm) advances
 * in lockstep, a round at a time (one Spark job). With one generation per round, each round's contests are
 * played by a {@link ContestRunner} and the driver keeps winners, mutates and logs; with
 * {@code generationsPerTask} = G > 1 each run goes to a task that evolves it G generations and sends it back.
 * Finished runs drop out. Knows nothing of Spark: the same loop runs in-process in tests.
 */
public final class Study {
  private final List<Run> runs = new ArrayList<>();
  private final StudyData data;
  private final List<GenerationRecord> generations = new ArrayList<>();
  private final List<RunRecord> finishedTasks = new ArrayList<>();
  private int round;

  /**
   * What the driver reports after each round, for progress output: {@code runGenerations} is the number of
   * generations the round's runs played in all (one per active run when a round is one generation), and
   * {@code computeNanos} the compute time their tasks reported ({@link RunAdvance#computeNanos}).
   */
  public record Round(int number, Map<String, Integer> activeByArm, int tasksSolved, int tasksCensored,
      double bestFitness, long wallNanos, long computeNanos, int runGenerations) {}

  /** Receives each round's report. */
  public interface Listener {
    void roundFinished(Round round);
  }

  /** A new study: every run at its first generation. */
  public Study(Settings settings, StudyData data) {
    this.data = data;
    TrainingPlan plan = TrainingPlan.of(settings, data.inputSize());
    RandomStreams streams = new RandomStreams(settings.seed());
    for (RunId id : runIds(settings)) {
      runs.add(Run.start(runs.size(), id, settings, plan, streams, data));
    }
  }

  /** Every run of the study, in its fixed order: pairs, then seeds, then arms. */
  static List<RunId> runIds(Settings settings) {
    List<RunId> ids = new ArrayList<>();
    for (TaskPair pair : settings.pairs()) {
      for (int seed = 0; seed < settings.seeds(); seed++) {
        for (Arm arm : settings.arms()) {
          ids.add(new RunId(pair, seed, arm));
        }
      }
    }
    return ids;
  }

  /** A study continued from a checkpoint: its runs, rows and round as they were when it was written. */
  private Study(StudyData data, List<Run> runs, List<GenerationRecord> generations, List<RunRecord> finishedTasks,
      int round) {
    this.data = data;
    this.runs.addAll(runs);
    this.generations.addAll(generations);
    this.finishedTasks.addAll(finishedTasks);
    this.round = round;
  }

  /**
   * Continues a study from {@code checkpoint} (its header read) under {@code settings}: the checkpoint's own, with
   * maxGenerations perhaps raised; the caller checks that.
   */
  public static Study resume(Checkpoint checkpoint, Settings settings, StudyData data) throws IOException {
    checkpoint.readBody(settings, data);
    return new Study(data, checkpoint.runs(), checkpoint.generations(), checkpoint.finishedTasks(),
        checkpoint.round());
  }

  /** Writes everything needed to continue this study bit-identically ({@link Checkpoint} says how). */
  public void writeCheckpoint(OutputStream out, Settings settings, Map<String, String> dataChecksums)
      throws IOException {
    Checkpoint.write(out, settings, dataChecksums, round, runs, generations, finishedTasks);
  }

  /**
   * True when some task has already run to the generation cap: every finished task when tasks do not stop at
   * solving, else every censored one. Raising the cap on a resume is then refused: that task would have gone on.
   */
  public boolean anyTaskReachedTheCap(boolean stopWhenSolved) {
    return finishedTasks.stream().anyMatch(r -> !stopWhenSolved || !r.solved());
  }

  /** Rounds played so far (also those before a resume). */
  public int rounds() {
    return round;
  }

  /** The number of runs (pairs x seeds x arms). */
  public int size() {
    return runs.size();
  }

  /** Runs every run to its end, one generation per round with contests played by {@code runner}. */
  public Results run(ContestRunner runner, Listener listener) {
    return run(new ContestRounds(runner), listener);
  }

  /** Runs every run to its end, a round at a time with {@code runner}, and returns the tables' rows. */
  public Results run(RoundRunner runner, Listener listener) {
    while (true) {
      List<Run> active = runs.stream().filter(r -> !r.finished()).toList();
      if (active.isEmpty()) {
        return new Results(List.copyOf(finishedTasks), List.copyOf(generations));
      }
      long started = System.nanoTime();
      Map<String, Integer> activeByArm = new TreeMap<>();
      active.forEach(run -> activeByArm.merge(run.id().arm().label(), 1, Integer::sum));
      List<RunAdvance> advances = runner.advance(active);
      double best = 0;
      long computeNanos = 0;
      int runGenerations = 0;
      for (RunAdvance advance : advances) {
        Run run = advance.run();
        run.bind(data);
        Run replaced = runs.set(run.index(), run);
        if (replaced != run) {
          replaced.release();
        }
        generations.addAll(advance.generations());
        finishedTasks.addAll(advance.finishedTasks());
        for (GenerationRecord g : advance.generations()) {
          best = Math.max(best, g.winnerFitness());
        }
        computeNanos += advance.computeNanos();
        runGenerations += advance.generations().size();
      }
      round++;
      int solved = (int) finishedTasks.stream().filter(RunRecord::solved).count();
      listener.roundFinished(new Round(round, activeByArm, solved, finishedTasks.size() - solved, best,
          System.nanoTime() - started, computeNanos, runGenerations));
    }
  }

  /** The rows of the {@code runs} and {@code generations} tables. */
  public record Results(List<RunRecord> runs, List<GenerationRecord> generations) {}
}
