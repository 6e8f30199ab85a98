package org.pathnet.experiment;

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

  /**
   * What the driver reports after each round, for progress output: {@code runGenerations} is the number of
   * generations the round's runs played in all (one per active run when a round is one generation).
   */
  public record Round(int number, Map<String, Integer> activeByArm, int tasksSolved, int tasksCensored,
      double bestFitness, long wallNanos, long trainNanos, int runGenerations) {}

  /** Receives each round's report. */
  public interface Listener {
    void roundFinished(Round round);
  }

  public Study(Settings settings, StudyData data) {
    this.data = data;
    TrainingPlan plan = TrainingPlan.of(settings, data.inputSize());
    RandomStreams streams = new RandomStreams(settings.seed());
    for (TaskPair pair : settings.pairs()) {
      for (int seed = 0; seed < settings.seeds(); seed++) {
        for (Arm arm : settings.arms()) {
          runs.add(new Run(runs.size(), new RunId(pair, seed, arm), settings, plan, streams, data));
        }
      }
    }
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
    List<GenerationRecord> generations = new ArrayList<>();
    List<RunRecord> finishedTasks = new ArrayList<>();
    int round = 0;
    while (true) {
      List<Run> active = runs.stream().filter(r -> !r.finished()).toList();
      if (active.isEmpty()) {
        return new Results(finishedTasks, generations);
      }
      long started = System.nanoTime();
      Map<String, Integer> activeByArm = new TreeMap<>();
      active.forEach(run -> activeByArm.merge(run.id().arm().label(), 1, Integer::sum));
      List<RunAdvance> advances = runner.advance(active);
      double best = 0;
      long trainNanos = 0;
      int runGenerations = 0;
      for (RunAdvance advance : advances) {
        Run run = advance.run();
        run.bind(data);
        runs.set(run.index(), run);
        generations.addAll(advance.generations());
        finishedTasks.addAll(advance.finishedTasks());
        for (GenerationRecord g : advance.generations()) {
          best = Math.max(best, g.winnerFitness());
        }
        trainNanos += advance.trainNanos();
        runGenerations += advance.generations().size();
      }
      round++;
      int solved = (int) finishedTasks.stream().filter(RunRecord::solved).count();
      listener.roundFinished(new Round(round, activeByArm, solved, finishedTasks.size() - solved, best,
          System.nanoTime() - started, trainNanos, runGenerations));
    }
  }

  /** The rows of the {@code runs} and {@code generations} tables. */
  public record Results(List<RunRecord> runs, List<GenerationRecord> generations) {}
}
