package org.pathnet.experiment;

import java.util.ArrayList;
import java.util.List;
import org.pathnet.network.ParameterSlice;

/** Plays contests one after another in this process: for tests of the core and for benchmarks. */
public final class LocalContestRunner implements ContestRunner {
  private final TrainingPlan plan;
  private final StudyData data;

  public LocalContestRunner(TrainingPlan plan, StudyData data) {
    this.plan = plan;
    this.data = data;
  }

  @Override
  public List<ContestOutcome> play(List<Contest> contests, List<ParameterSlice> starts) {
    List<ContestOutcome> outcomes = new ArrayList<>(contests.size());
    for (int i = 0; i < contests.size(); i++) {
      Contest c = contests.get(i);
      outcomes.add(c.play(plan, data.sampler(c.classes()), starts.get(i)));
    }
    return outcomes;
  }
}
