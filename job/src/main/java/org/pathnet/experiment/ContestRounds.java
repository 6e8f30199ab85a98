package org.pathnet.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pathnet.network.ParameterSlice;

/**
 * The per-generation shape (DESIGN.md, "Data flow"): each round, every active run's next contest and the
 * parameters it may touch go out, a {@link ContestRunner} plays them all, and each outcome is settled here, in
 * the run: winner kept, loser replaced by a mutated copy, generation logged.
 */
public final class ContestRounds implements RoundRunner {
  private final ContestRunner contests;

  public ContestRounds(ContestRunner contests) {
    this.contests = contests;
  }

  @Override
  public List<RunAdvance> advance(List<Run> runs) {
    List<Contest> pending = new ArrayList<>(runs.size());
    List<ParameterSlice> starts = new ArrayList<>(runs.size());
    for (Run run : runs) {
      pending.add(run.nextContest());
      starts.add(run.startingParameters());
    }
    List<ContestOutcome> outcomes = contests.play(pending, starts);
    if (outcomes.size() != pending.size()) {
      throw new IllegalStateException("played " + pending.size() + " contests, got " + outcomes.size() + " outcomes");
    }
    List<RunAdvance> advances = new ArrayList<>(Collections.nCopies(runs.size(), null));
    for (ContestOutcome outcome : outcomes) {
      int position = positionOf(runs, outcome.runIndex());
      Run run = runs.get(position);
      List<GenerationRecord> generations = new ArrayList<>(1);
      List<RunRecord> finished = new ArrayList<>(1);
      run.apply(outcome, generations::add, finished::add);
      advances.set(position, new RunAdvance(run, generations, finished, outcome.trainNanos()));
    }
    return advances;
  }

  private static int positionOf(List<Run> runs, int runIndex) {
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).index() == runIndex) {
        return i;
      }
    }
    throw new IllegalStateException("an outcome for run " + runIndex + ", which did not play");
  }
}
