package org.pathnet.report;

import java.util.List;
import java.util.Map;
import org.pathnet.experiment.GenerationRecord;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;

/**
 * One finished study as the findings read it: its name (the study file's, {@code studies/NAME.properties}), the
 * question that file asks, its settings and rows, and what its manifest records about the run ({@code facts}:
 * commit, master, cores, wall time), with the summary computed from its rows. A study run in parts
 * ({@link StudyParts}) has them in {@code parts}, each named {@code NAME/PART}; a study of one file has none.
 */
public record StudyResults(String name, String question, Settings settings, Map<String, String> facts,
    List<TaskOutcome> runs, List<GenerationRecord> generations, List<StudyResults> parts, Summary summary) {

  public StudyResults(String name, String question, Settings settings, Map<String, String> facts,
      List<TaskOutcome> runs, List<GenerationRecord> generations) {
    this(name, question, settings, facts, runs, generations, List.of());
  }

  StudyResults(String name, String question, Settings settings, Map<String, String> facts,
      List<TaskOutcome> runs, List<GenerationRecord> generations, List<StudyResults> parts) {
    this(name, question, settings, facts, runs, generations, parts, Summary.of(runs, settings));
  }

  /** The study joined from {@code parts}, each a study file of the folder {@code studies/NAME/}. */
  public static StudyResults joined(String name, String question, List<StudyResults> parts) {
    return StudyParts.join(name, question, parts);
  }

  /** The study files that ran it, below the project folder: its own, or its parts'. */
  List<String> studyFiles() {
    return (parts.isEmpty() ? List.of(this) : parts).stream().map(s -> "studies/" + s.name() + ".properties")
        .toList();
  }

  /** The runs of one arm's task in one (variant, pair) cell. */
  List<TaskOutcome> cell(String variant, String pair, String arm, String task) {
    return runs.stream().filter(r -> r.variant().equals(variant) && r.pair().equals(pair) && r.arm().equals(arm)
        && r.task().equals(task)).toList();
  }
}
