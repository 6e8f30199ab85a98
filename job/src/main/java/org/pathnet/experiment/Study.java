package org.pathnet.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.pathnet.network.ParameterSlice;

/**
 * The whole study, driven from one place (DESIGN.md, "Data flow"): every run (pair x seed x arm) advances
 * in lockstep, one generation per round; each round's contests are played by a {@link ContestRunner} (one
 * Spark job), then the driver keeps winners, mutates and logs. Finished runs drop out. Knows nothing of
 * Spark: the same loop runs in-process in tests.
 */
public final class Study {
  private final List<Run> runs = new ArrayList<>();

  /** What the driver reports after each round, for progress output. */
  public record Round(int number, Map<String, Integer> activeByArm, int tasksSolved, int tasksCensored,
      double bestFitness, long wallNanos, long trainNanos, int contests) {}

  /** Receives each round's report. */
  public interface Listener {
    void roundFinished(Round round);
  }

  public Study(Settings settings, StudyData data) {
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

  /** Runs every run to its end and returns the tables' rows. */
  public Results run(ContestRunner runner, Listener listener) {
    List<GenerationRecord> generations = new ArrayList<>();
    List<RunRecord> finishedTasks = new ArrayList<>();
    int round = 0;
    while (true) {
      List<Run> active = runs.stream().filter(r -> !r.finished()).toList();
      if (active.isEmpty()) {
        return new Results(finishedTasks, generations);
      }
      long started = System.nanoTime();
      List<Contest> contests = new ArrayList<>(active.size());
      List<ParameterSlice> starts = new ArrayList<>(active.size());
      Map<String, Integer> activeByArm = new TreeMap<>();
      for (Run run : active) {
        contests.add(run.nextContest());
        starts.add(run.startingParameters());
        activeByArm.merge(run.id().arm().label(), 1, Integer::sum);
      }
      List<ContestOutcome> outcomes = runner.play(contests, starts);
      if (outcomes.size() != contests.size()) {
        throw new IllegalStateException("played " + contests.size() + " contests, got " + outcomes.size() + " outcomes");
      }
      double best = 0;
      long trainNanos = 0;
      for (ContestOutcome outcome : outcomes) {
        runs.get(outcome.runIndex()).apply(outcome, generations::add, finishedTasks::add);
        best = Math.max(best, outcome.result().winnerFitness());
        trainNanos += outcome.trainNanos();
      }
      round++;
      int solved = (int) finishedTasks.stream().filter(RunRecord::solved).count();
      listener.roundFinished(new Round(round, activeByArm, solved, finishedTasks.size() - solved, best,
          System.nanoTime() - started, trainNanos, contests.size()));
    }
  }

  /** The rows of the {@code runs} and {@code generations} tables. */
  public record Results(List<RunRecord> runs, List<GenerationRecord> generations) {}
}
