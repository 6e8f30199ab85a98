package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.ACTIVE;
import static org.pathnet.experiment.SettingKey.LAYERS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.TaskPair;
import org.pathnet.experiment.Variant;

/**
 * A study's answer to its question in one sentence, read off its summary by the study's shape (one cell, several
 * pairs that share task B, or several variants: a method each), so that the findings page needs no hand-written
 * verdict (docs/RUNNING.md, "The project's findings"). A difference counts as {@link Comparison} and the summary's
 * bootstrap intervals say (p < 0.05, an interval that excludes 1).
 */
final class StudyVerdict {
  private StudyVerdict() {}

  static String of(StudyResults s) {
    List<Variant> variants = s.settings().variants();
    List<TaskPair> pairs = s.settings().pairs();
    if (!s.settings().arms().contains(Arm.PATHNET)) {
      return "No verdict: the study has no pathnet arm to compare.";
    }
    if (variants.size() > 1) {
      List<String> cells = new ArrayList<>();
      for (TaskPair pair : pairs) {
        cells.add((pairs.size() > 1 ? pair.label() + ": a" : "A") + acrossVariants(s, variants, pair));
      }
      return String.join("; ", cells) + ".";
    }
    String variant = variants.get(0).label();
    if (pairs.size() > 1 && pairs.stream().map(TaskPair::taskB).distinct().count() == 1) {
      return acrossPairs(s, variant, pairs);
    }
    List<String> cells = new ArrayList<>();
    for (TaskPair pair : pairs) {
      cells.add((pairs.size() > 1 ? pair.label() + ": " : "") + profile(s, variant, pair.label()));
    }
    return capitalised(String.join("; ", cells)) + ".";
  }

  /** "PathNet solved task A in 26.0 generations and task B in 6.2, ..., and transfer learned task B ...". */
  private static String profile(StudyResults s, String variant, String pair) {
    Optional<Summary.Row> b = row(s, variant, pair, "pathnet", "B");
    String overlap = b.filter(r -> r.overlapMean() != null).map(r -> String.format(Locale.ROOT,
        ", its task-B path re-using %.2f of task A's %d modules (%.2f by chance)", r.overlapMean(),
        s.settings().integer(LAYERS) * s.settings().integer(ACTIVE), r.overlapRandom())).orElse("");
    return "PathNet solved task A in " + generations(row(s, variant, pair, "pathnet", "A")) + " and task B in "
        + generations(b) + overlap + ", and " + transfer(s, variant, pair);
  }

  /** Task B after each task A, against after the first pair's task A; then transfer in each pair. */
  private static String acrossPairs(StudyResults s, String variant, List<TaskPair> pairs) {
    TaskPair first = pairs.get(0);
    List<String> contrasts = new ArrayList<>();
    for (TaskPair other : pairs.subList(1, pairs.size())) {
      Comparison c = Comparison.of(s, new Comparison.Cell(variant, first.label(), "pathnet", "B"),
          new Comparison.Cell(variant, other.label(), "pathnet", "B"));
      String reading = c.xFaster() ? "faster after " + first.taskA() : c.xSlower() ? "slower after " + first.taskA()
          : "no clear difference";
      contrasts.add(String.format(Locale.ROOT, "%s generations after task A %s against %s after %s (%s): %s",
          mean(c.xMean()), first.taskA(), mean(c.yMean()), other.taskA(), c.ratioAndP(), reading));
    }
    List<String> transfers = new ArrayList<>();
    for (TaskPair pair : pairs) {
      transfers.add("after " + pair.taskA() + " " + transfer(s, variant, pair.label()));
    }
    return "PathNet's task B (" + first.taskB() + ") took " + String.join("; ", contrasts) + "; "
        + String.join(", and ", transfers) + ".";
  }

  /**
   * "gainst BASE, ..." (the caller writes its "A" or "a"): each variant's PathNet generations on {@code pair}
   * against the first variant's, then whether transfer's verdict holds.
   */
  private static String acrossVariants(StudyResults s, List<Variant> variants, TaskPair pair) {
    String base = variants.get(0).label();
    List<String> contrasts = new ArrayList<>();
    for (Variant v : variants.subList(1, variants.size())) {
      List<String> tasks = new ArrayList<>();
      for (String task : List.of("A", "B")) {
        Comparison c = Comparison.of(s, new Comparison.Cell(v.label(), pair.label(), "pathnet", task),
            new Comparison.Cell(base, pair.label(), "pathnet", task));
        tasks.add(String.format(Locale.ROOT, "task %s %s generations against %s (%s%s)", task, mean(c.xMean()),
            mean(c.yMean()), c.ratioAndP(), censored(s, v.label(), pair.label(), task)));
      }
      contrasts.add(v.label() + " took PathNet " + String.join(" and ", tasks));
    }
    List<String> readings = new ArrayList<>();
    List<String> numbers = new ArrayList<>();
    for (Variant v : variants) {
      readings.add(transferReading(s, v.label(), pair.label()));
      numbers.add(v.label() + " " + transfer(s, v.label(), pair.label()).replaceFirst("^transfer learned task B ",
          ""));
    }
    String holds = readings.stream().distinct().count() == 1
        ? "in every variant " + transfer(s, base, pair.label()) + " (the speed-ups under " + base + ")"
        : "the verdict on transfer changes with the variant (task B " + String.join("; ", numbers) + ")";
    return "gainst " + base + ", " + String.join("; ", contrasts) + "; " + holds;
  }

  /**
   * "transfer learned task B slower than denovo (0.37 [0.34, 0.40]) and finetune (...), and no differently from
   * scratch (...)", from the summary's speed-ups (a control's mean generations / pathnet's) and their intervals.
   */
  private static String transfer(StudyResults s, String variant, String pair) {
    List<String> faster = new ArrayList<>();
    List<String> slower = new ArrayList<>();
    List<String> unclear = new ArrayList<>();
    for (Summary.Row r : controls(s, variant, pair)) {
      String ratio = r.arm() + " (" + fixed(r.speedup()) + (r.speedupLow() == null ? ""
          : " [" + fixed(r.speedupLow()) + ", " + fixed(r.speedupHigh()) + "]") + ")";
      (r.speedupLow() != null && r.speedupLow() > 1 ? faster : r.speedupHigh() != null && r.speedupHigh() < 1
          ? slower : unclear).add(ratio);
    }
    if (faster.isEmpty() && slower.isEmpty() && unclear.isEmpty()) {
      return "no control to compare transfer with";
    }
    List<String> parts = new ArrayList<>();
    if (!faster.isEmpty()) {
      parts.add("faster than " + String.join(" and ", faster));
    }
    if (!slower.isEmpty()) {
      parts.add("slower than " + String.join(" and ", slower));
    }
    if (!unclear.isEmpty()) {
      parts.add("no differently from " + String.join(" and ", unclear));
    }
    return "transfer learned task B " + String.join(", and ", parts);
  }

  /** Which controls transfer beat, lost to or could not be told from, without the numbers. */
  private static String transferReading(StudyResults s, String variant, String pair) {
    List<String> reading = new ArrayList<>();
    for (Summary.Row r : controls(s, variant, pair)) {
      reading.add(r.arm() + (r.speedupLow() != null && r.speedupLow() > 1 ? "+"
          : r.speedupHigh() != null && r.speedupHigh() < 1 ? "-" : "="));
    }
    return String.join(" ", reading);
  }

  private static List<Summary.Row> controls(StudyResults s, String variant, String pair) {
    return s.summary().rows().stream().filter(r -> r.variant().equals(variant) && r.pair().equals(pair)
        && r.speedup() != null).toList();
  }

  private static Optional<Summary.Row> row(StudyResults s, String variant, String pair, String arm, String task) {
    return s.summary().rows().stream().filter(r -> r.variant().equals(variant) && r.pair().equals(pair)
        && r.arm().equals(arm) && r.task().equals(task)).findFirst();
  }

  /** "26.0 generations", or with the censored runs: "3,412 generations (12 of 100 censored at the cap)". */
  private static String generations(Optional<Summary.Row> row) {
    return row.map(r -> mean(r.genMean()) + " generations" + (r.censored() == 0 ? ""
        : String.format(Locale.ROOT, " (%d of %d censored at the cap)", r.censored(), r.runs()))).orElse("-");
  }

  private static String censored(StudyResults s, String variant, String pair, String task) {
    return row(s, variant, pair, "pathnet", task).filter(r -> r.censored() > 0)
        .map(r -> String.format(Locale.ROOT, "; %d of %d censored", r.censored(), r.runs())).orElse("");
  }

  private static String mean(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%,.1f", v);
  }

  private static String fixed(Double v) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.2f", v);
  }

  private static String capitalised(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
