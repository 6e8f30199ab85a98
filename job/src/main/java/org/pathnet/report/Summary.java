package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.ACTIVE;
import static org.pathnet.experiment.SettingKey.LAYERS;
import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.MODULES;
import static org.pathnet.experiment.SettingKey.SEED;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Predicate;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.RandomStreams;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Task;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.TaskPair;
import org.pathnet.experiment.Variant;

/**
 * The study's answer, one row per (variant, pair, arm, task) the arm trains: the {@code summary} table and the
 * end-of-study printout. Generations to solve are described over solved runs only, so that a censored run is
 * counted, never averaged in as if solved; docs/RUNNING.md, "The summary", defines every column.
 */
public final class Summary {
  /**
   * One row of the {@code summary} table; null where a statistic is undefined or does not apply. Serializable: the
   * table is made of these in Spark tasks.
   */
  public record Row(String variant, String pair, String arm, String task, int runs, int solved, int censored, Double genMean,
      Double genSe, Double genMedian, Double genQ1, Double genQ3, Double speedup, Double speedupLow,
      Double speedupHigh, Double pValue, Double overlapMean, Double overlapRandom) implements java.io.Serializable {}

  private record Comparison(Double speedup, Double low, Double high, Double pValue) {
    static final Comparison NONE = new Comparison(null, null, null, null);
  }

  private final List<Row> rows;

  private Summary(List<Row> rows) {
    this.rows = rows;
  }

  /** Summarises {@code runs} (rows of the {@code runs} table) of a study with {@code settings}. */
  public static Summary of(List<TaskOutcome> runs, Settings settings) {
    RandomStreams streams = new RandomStreams(settings.longInteger(SEED));
    List<Arm> arms = settings.arms().stream().sorted().toList();
    List<Row> rows = new ArrayList<>();
    for (Variant variant : settings.variants()) {
      Settings own = settings.of(variant);
      double chanceOverlap = RandomOverlap.expected(own.integer(LAYERS), own.integer(MODULES), own.integer(ACTIVE));
      List<TaskOutcome> variantRuns = runs.stream().filter(r -> r.variant().equals(variant.label())).toList();
      for (TaskPair pair : settings.pairs()) {
        String label = pair.label();
        List<TaskOutcome> pathnetB = select(variantRuns, label, Arm.PATHNET, Task.B);
        for (Arm arm : arms) {
          for (Task task : arm.tasks()) {
            List<TaskOutcome> group = select(variantRuns, label, arm, task);
            Comparison c = task == Task.B && arm != Arm.PATHNET && arms.contains(Arm.PATHNET)
                ? compare(group, pathnetB, own.integer(MAX_GENERATIONS), streams.analysis("bootstrap|" + label + "|"
                    + arm.label()))
                : Comparison.NONE;
            rows.add(row(variant.label(), label, arm, task, group, c, chanceOverlap));
          }
        }
      }
    }
    return new Summary(List.copyOf(rows));
  }

  private static Row row(String variant, String pair, Arm arm, Task task, List<TaskOutcome> group, Comparison c,
      double chanceOverlap) {
    Sample solved = Sample.of(group.stream().filter(TaskOutcome::solved).mapToDouble(TaskOutcome::generations)
        .toArray());
    boolean overlap = arm == Arm.PATHNET && task == Task.B;
    Double overlapMean = overlap ? Sample.of(group.stream().filter(r -> r.overlap() != null)
        .mapToDouble(TaskOutcome::overlap).toArray()).mean() : null;
    Double overlapRandom = overlap ? chanceOverlap : null;
    int censored = group.size() - solved.size();
    // the summary table's columns, in order
    return new Row(variant, pair, arm.label(), task.name(), group.size(), solved.size(), censored,
        solved.mean(), solved.standardError(), solved.median(), solved.quantile(0.25), solved.quantile(0.75),
        c.speedup(), c.low(), c.high(), c.pValue(), overlapMean, overlapRandom);
  }

  private static List<TaskOutcome> select(List<TaskOutcome> runs, String pair, Arm arm, Task task) {
    Predicate<TaskOutcome> matches = r -> r.pair().equals(pair) && r.arm().equals(arm.label())
        && r.task().equals(task.name());
    return runs.stream().filter(matches).toList();
  }

  private static Comparison compare(List<TaskOutcome> other, List<TaskOutcome> pathnet, int cap,
      SplittableRandom bootstrapStream) {
    if (other.isEmpty() || pathnet.isEmpty()) {
      return Comparison.NONE;
    }
    double pValue = MannWhitney.twoSidedP(capped(other, cap), capped(pathnet, cap));
    double[] otherSolved = solvedGenerations(other);
    double[] pathnetSolved = solvedGenerations(pathnet);
    if (otherSolved.length == 0 || pathnetSolved.length == 0) {
      return new Comparison(null, null, null, pValue);
    }
    double speedup = Sample.of(otherSolved).mean() / Sample.of(pathnetSolved).mean();
    if (otherSolved.length < 2 || pathnetSolved.length < 2) {
      return new Comparison(speedup, null, null, pValue); // one run cannot show how much a mean varies
    }
    Bootstrap.Interval ci = Bootstrap.ratioOfMeans(otherSolved, pathnetSolved, Bootstrap.RESAMPLES,
        bootstrapStream);
    return new Comparison(speedup, ci.low(), ci.high(), pValue);
  }

  /** Generations to solve, censored runs ranked at the cap (docs/PATHNET.md, "Exact definitions"). */
  private static double[] capped(List<TaskOutcome> runs, int cap) {
    return runs.stream().mapToDouble(r -> r.solved() ? r.generations() : cap).toArray();
  }

  private static double[] solvedGenerations(List<TaskOutcome> runs) {
    return runs.stream().filter(TaskOutcome::solved).mapToDouble(TaskOutcome::generations).toArray();
  }

  public List<Row> rows() {
    return rows;
  }

  /**
   * The printout: a block of solve times per variant, pair, arm and task, then a block of the comparisons with
   * pathnet's task B and the overlap; "-" where a statistic is undefined.
   */
  public String format() {
    String variant = "%-" + Math.max("variant".length(), rows.stream().mapToInt(r -> r.variant().length()).max()
        .orElse(0)) + "s ";
    StringBuilder s = new StringBuilder("generations to solve (over solved runs; censored = hit maxGenerations)\n");
    String solveTimes = variant + "%-10s %-9s %-4s %5s %6s %8s %9s %7s %7s %7s %7s%n";
    s.append(String.format(Locale.ROOT, solveTimes, "variant", "pair", "arm", "task", "runs", "solved", "censored",
        "gen mean", "gen se", "gen med", "gen q1", "gen q3"));
    for (Row r : rows) {
      s.append(String.format(Locale.ROOT, solveTimes, r.variant(), r.pair(), r.arm(), r.task(), r.runs(),
          r.solved(), r.censored(), fixed(r.genMean(), 1), fixed(r.genSe(), 1), fixed(r.genMedian(), 1),
          fixed(r.genQ1(), 1), fixed(r.genQ3(), 1)));
    }
    List<Row> compared = rows.stream().filter(r -> r.pValue() != null || r.overlapRandom() != null).toList();
    if (compared.isEmpty()) {
      return s.toString();
    }
    s.append(String.format(Locale.ROOT, "%ntask B against pathnet's task B (speed-up = arm's mean generations / "
        + "pathnet's; > 1: PathNet transfer is faster)%n"));
    String comparisons = variant + "%-10s %-9s %8s %-17s %8s %8s %8s%n";
    s.append(String.format(Locale.ROOT, comparisons, "variant", "pair", "arm", "speed-up", " 95% bootstrap CI",
        "p-value", "overlap", "random"));
    for (Row r : compared) {
      String ci = r.speedupLow() == null ? "-"
          : "[" + fixed(r.speedupLow(), 2) + ", " + fixed(r.speedupHigh(), 2) + "]";
      s.append(String.format(Locale.ROOT, comparisons, r.variant(), r.pair(), r.arm(), fixed(r.speedup(), 2),
          " " + ci, probability(r.pValue()), fixed(r.overlapMean(), 2), fixed(r.overlapRandom(), 2)));
    }
    return s.toString();
  }

  private static String fixed(Double v, int decimals) {
    return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String probability(Double p) {
    if (p == null) {
      return "-";
    }
    return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
  }
}
