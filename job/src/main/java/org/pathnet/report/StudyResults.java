package org.pathnet.report;

import java.util.List;
import java.util.Map;
import org.pathnet.experiment.GenerationRecord;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;

/**
 * One finished study as the findings read it: its name (the study file's, {@code studies/NAME.properties}), the
 * question that file asks, its settings and rows, and what its manifest records about the run ({@code facts}:
 * commit, master, cores, wall time), with the summary computed from its rows.
 */
public record StudyResults(String name, String question, Settings settings, Map<String, String> facts,
    List<TaskOutcome> runs, List<GenerationRecord> generations, Summary summary) {

  public StudyResults(String name, String question, Settings settings, Map<String, String> facts,
      List<TaskOutcome> runs, List<GenerationRecord> generations) {
    this(name, question, settings, facts, runs, generations, Summary.of(runs, settings));
  }

  /** The runs of one arm's task in one (variant, pair) cell. */
  List<TaskOutcome> cell(String variant, String pair, String arm, String task) {
    return runs.stream().filter(r -> r.variant().equals(variant) && r.pair().equals(pair) && r.arm().equals(arm)
        && r.task().equals(task)).toList();
  }
}
