package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.ACTIVE;
import static org.pathnet.experiment.SettingKey.LAYERS;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.TaskPair;

/**
 * The four claims of the original TensorFlow implementation's README and the paper's, each tested on the study
 * that asks it (by the study file's name) and called reproduced, not reproduced or reversed, with its numbers. A
 * difference counts when a two-sided Mann-Whitney test over all runs (censored ones ranked at the cap) gives
 * p < 0.05 ({@link Comparison}), or for the paper's claim when the summary's 95% bootstrap interval of the speed-up excludes 1.
 */
final class Claims {
  static final String REPRODUCED = "reproduced";
  static final String NOT_REPRODUCED = "not reproduced";
  static final String REVERSED = "reversed";
  static final String NOT_TESTED = "not tested";

  /** A claim, where it comes from, what the studies say about it and the numbers that say so. */
  record Claim(String source, String statement, String verdict, String numbers) {}

  private Claims() {}

  /** Every claim, tested on {@code studies} by name: seed-profile, shared-class and failure-pair. */
  static List<Claim> evaluate(Map<String, StudyResults> studies) {
    List<Claim> claims = new ArrayList<>();
    StudyResults seed = studies.get("seed-profile");
    claims.add(slowerThanSelectedSize(seed));
    claims.add(mostGenerationsOnTaskA(seed));
    claims.add(sharedClassHelps(studies.get("shared-class")));
    claims.add(failurePair(studies.get("failure-pair")));
    claims.add(paper(seed));
    return claims;
  }

  private static final String TF = "TensorFlow implementation";

  private static Claim slowerThanSelectedSize(StudyResults s) {
    String statement = "For task 1 alone, PathNet (L=3, M=10, N=3) saturates more slowly than a network of the "
        + "selected size (L=3, N=3, no evolution: the finetune arm's task A).";
    if (s == null) {
      return untested(TF + ", claim 1", statement, "seed-profile");
    }
    Comparison c = Comparison.of(s, cell(s, first(s), "pathnet", "A"), cell(s, first(s), "finetune", "A"));
    return new Claim(TF + ", claim 1", statement, slower(c), "seed-profile: " + c);
  }

  private static Claim mostGenerationsOnTaskA(StudyResults s) {
    String statement = "Over 90% of the generations of both tasks go to task 1.";
    if (s == null) {
      return untested(TF + ", claim 2", statement, "seed-profile");
    }
    long a = 0;
    long b = 0;
    int runs = 0;
    for (TaskOutcome taskB : s.cell(s.settings().variants().get(0).label(), first(s), "pathnet", "B")) {
      TaskOutcome taskA = s.runs().stream().filter(r -> r.variant().equals(taskB.variant())
          && r.pair().equals(taskB.pair()) && r.seed() == taskB.seed() && r.arm().equals("pathnet")
          && r.task().equals("A")).findFirst().orElseThrow();
      if (taskA.solved() && taskB.solved()) {
        a += taskA.generations();
        b += taskB.generations();
        runs++;
      }
    }
    if (runs == 0) {
      return new Claim(TF + ", claim 2", statement, NOT_REPRODUCED, "seed-profile: no pathnet run solved both tasks");
    }
    double share = a / (double) (a + b);
    return new Claim(TF + ", claim 2", statement, share > 0.9 ? REPRODUCED : NOT_REPRODUCED, String.format(
        Locale.ROOT, "seed-profile: task A took %.1f%% of the generations of the %d pathnet runs that solved both"
        + " (%,d of %,d)", 100 * share, runs, a, a + b));
  }

  private static Claim sharedClassHelps(StudyResults s) {
    String statement = "Because 6 is learned in task 1 (5 vs 6), task 2 (6 vs 7) is learned quickly: faster than "
        + "after a task 1 that shares no class with it.";
    if (s == null) {
      return untested(TF + ", claim 3", statement, "shared-class");
    }
    String shares = null;
    String none = null;
    for (TaskPair pair : s.settings().pairs()) {
      boolean common = Set.of(pair.taskA().first(), pair.taskA().second()).contains(pair.taskB().first())
          || Set.of(pair.taskA().first(), pair.taskA().second()).contains(pair.taskB().second());
      if (common && shares == null) {
        shares = pair.label();
      } else if (!common && none == null) {
        none = pair.label();
      }
    }
    if (shares == null || none == null) {
      return untested(TF + ", claim 3", statement, "shared-class with a pair that shares a class and one that does not");
    }
    Comparison c = Comparison.of(s, cell(s, shares, "pathnet", "B"), cell(s, none, "pathnet", "B"));
    return new Claim(TF + ", claim 3", statement, faster(c), "shared-class: pathnet task B after " + shares
        + " against after " + none + ": " + c);
  }

  private static Claim failurePair(StudyResults s) {
    String statement = "With 5 vs 6 then 8 vs 9, saturation is very slow, PathNet is slower than the selected-size "
        + "network on both tasks, and task B's path still shares 3 or 4 of 9 modules with task A's.";
    if (s == null) {
      return untested(TF + ", claim 4", statement, "failure-pair");
    }
    String pair = first(s);
    Comparison a = Comparison.of(s, cell(s, pair, "pathnet", "A"), cell(s, pair, "finetune", "A"));
    Comparison b = Comparison.of(s, cell(s, pair, "pathnet", "B"), cell(s, pair, "denovo", "B"));
    Double overlap = s.summary().rows().stream().filter(r -> r.pair().equals(pair) && r.arm().equals("pathnet")
        && r.task().equals("B")).findFirst().map(Summary.Row::overlapMean).orElse(null);
    boolean overlapHolds = overlap != null && overlap >= 3 && overlap <= 4;
    String verdict = a.xSlower() && b.xSlower() && overlapHolds ? REPRODUCED
        : a.xFaster() && b.xFaster() ? REVERSED : NOT_REPRODUCED;
    return new Claim(TF + ", claim 4", statement, verdict, String.format(Locale.ROOT,
        "failure-pair: %s; %s; mean overlap %s of %d",
        a, b, overlap == null ? "-" : String.format(Locale.ROOT, "%.2f", overlap),
        s.settings().integer(LAYERS) * s.settings().integer(ACTIVE)));
  }

  private static Claim paper(StudyResults s) {
    String statement = "A frozen optimal path makes task B faster than learning it from scratch or by fine-tuning.";
    if (s == null) {
      return untested("the paper", statement, "seed-profile");
    }
    List<String> numbers = new ArrayList<>();
    int faster = 0;
    int slower = 0;
    for (String control : List.of("scratch", "finetune")) {
      Summary.Row row = s.summary().rows().stream().filter(r -> r.pair().equals(first(s)) && r.arm().equals(control)
          && r.task().equals("B")).findFirst().orElse(null);
      if (row == null || row.speedupLow() == null) {
        numbers.add(control + ": no interval");
        continue;
      }
      faster += row.speedupLow() > 1 ? 1 : 0;
      slower += row.speedupHigh() < 1 ? 1 : 0;
      numbers.add(String.format(Locale.ROOT, "%s's mean generations / pathnet's %.2f [%.2f, %.2f], p = %s",
          control, row.speedup(), row.speedupLow(), row.speedupHigh(), Findings.probability(row.pValue())));
    }
    String verdict = faster == 2 ? REPRODUCED : slower == 2 ? REVERSED : NOT_REPRODUCED;
    return new Claim("the paper", statement, verdict, "seed-profile, task B: " + String.join("; ", numbers));
  }

  private static Claim untested(String source, String statement, String study) {
    return new Claim(source, statement, NOT_TESTED, "needs the study " + study);
  }

  /** The study's first pair, in its first variant: where a claim about one pair is read. */
  private static String first(StudyResults s) {
    return s.settings().pairs().get(0).label();
  }

  /** x slower than y: reproduced when significantly so, reversed when significantly faster. */
  private static String slower(Comparison c) {
    return c.xSlower() ? REPRODUCED : c.xFaster() ? REVERSED : NOT_REPRODUCED;
  }

  /** x faster than y, read as {@link #slower} the other way round. */
  private static String faster(Comparison c) {
    return c.xFaster() ? REPRODUCED : c.xSlower() ? REVERSED : NOT_REPRODUCED;
  }

  /** The cell of {@code arm}'s {@code task} in the study's first variant and {@code pair}. */
  private static Comparison.Cell cell(StudyResults s, String pair, String arm, String task) {
    return new Comparison.Cell(s.settings().variants().get(0).label(), pair, arm, task);
  }
}
