package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.ACTIVE;
import static org.pathnet.experiment.SettingKey.AGGREGATION;
import static org.pathnet.experiment.SettingKey.ARMS;
import static org.pathnet.experiment.SettingKey.DATA;
import static org.pathnet.experiment.SettingKey.LAYERS;
import static org.pathnet.experiment.SettingKey.LEARNING_RATE;
import static org.pathnet.experiment.SettingKey.OPTIMIZER;
import static org.pathnet.experiment.SettingKey.PAIRS;
import static org.pathnet.experiment.SettingKey.POPULATION;
import static org.pathnet.experiment.SettingKey.SEED;
import static org.pathnet.experiment.SettingKey.SEEDS;
import static org.pathnet.experiment.SettingKey.THRESHOLD;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.pathnet.experiment.SettingKey;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.TaskPair;
import org.pathnet.experiment.Variant;

/**
 * The claims of the paper and of the TensorFlow implementation read against a transfer map: in which of its cells
 * each holds, and at each implementation's own settings, found among the map's variants by their values (population,
 * optimiser, learning rate, aggregation, threshold), not by their names. Then the map's verdict in words, and the
 * implementation's "overlap is 3 or 4" of 9 modules, region by region (optimiser x pair), and the map's cells that
 * another study ran again on other random numbers.
 */
final class MapClaims {
  /** An implementation's settings, as a cell of the map may have them. */
  private record Implementation(String name, int population, String optimizer, double learningRate,
      String aggregation, double threshold) {
    boolean ranBy(Settings s) {
      return s.integer(POPULATION) == population && s.text(OPTIMIZER).equals(optimizer)
          && Math.abs(s.decimal(LEARNING_RATE) - learningRate) < 1e-12 && s.text(AGGREGATION).equals(aggregation)
          && Math.abs(s.decimal(THRESHOLD) - threshold) < 1e-12;
    }

    String describe() {
      return String.format(Locale.ROOT, "population %d, %s %s, %s, threshold %s", population, optimizer,
          plain(learningRate), aggregation, plain(threshold));
    }
  }

  private static final Implementation PAPER = new Implementation("the paper", 64, "sgd", 1e-4, "sum", 0.998);
  private static final Implementation FIRST = new Implementation("the TensorFlow implementation's first version",
      64, "adam", 1e-3, "sum", 0.998);
  private static final Implementation LATER = new Implementation("the TensorFlow implementation's later version",
      20, "sgd", 0.05, "mean", 0.99);
  /** The later version's own figure: its transfer learned task B 1.7 to 2 times as fast as the task learned first. */
  private static final double LATER_LOW = 1.7;
  private static final double LATER_HIGH = 2.0;

  private final StudyResults study;
  private final TransferMap map;

  MapClaims(StudyResults study, TransferMap map) {
    this.study = study;
    this.map = map;
  }

  /**
   * The map's verdict in words: where transfer pays and by how much, or that it pays nowhere, where it is slower,
   * and the main effects, with the numbers; the cells themselves are listed in the map's readings.
   */
  String verdict() {
    List<TransferMap.Cell> withInterval = map.cells().stream().filter(c -> c.correctedLow() != null).toList();
    List<TransferMap.Cell> faster = withInterval.stream().filter(c -> c.correctedLow() > 1).toList();
    List<TransferMap.Cell> slower = withInterval.stream().filter(c -> c.correctedHigh() < 1).toList();
    double geometric = Math.exp(withInterval.stream().mapToDouble(c -> Math.log(c.speedup())).average().orElse(0));
    StringBuilder v = new StringBuilder();
    if (faster.isEmpty()) {
      v.append(String.format(Locale.ROOT, "PathNet transfer pays nowhere in the map: in none of its %d cells does"
          + " the corrected interval of the speed-up over scratch lie above 1", withInterval.size()));
    } else {
      TransferMap.Cell best = faster.stream().max((a, b) -> Double.compare(a.speedup(), b.speedup())).orElseThrow();
      v.append(String.format(Locale.ROOT, "PathNet transfer pays in %d of the map's %d cells, %s, by %.2f to %.2f"
          + " times scratch's speed (the largest %.2f [%.2f, %.2f corrected], %s on %s)", faster.size(),
          withInterval.size(), region(faster), faster.stream().mapToDouble(TransferMap.Cell::speedup).min()
          .orElseThrow(), best.speedup(), best.speedup(), best.correctedLow(), best.correctedHigh(), best.variant(),
          best.pair()));
    }
    v.append(slower.isEmpty() ? "; it is slower than scratch in none"
        : String.format(Locale.ROOT, "; it is slower than scratch in %d, %s, by %.2f to %.2f", slower.size(),
            region(slower), slower.stream().mapToDouble(TransferMap.Cell::speedup).min().orElseThrow(),
            slower.stream().mapToDouble(TransferMap.Cell::speedup).max().orElseThrow()));
    v.append(String.format(Locale.ROOT, ". Over all cells the geometric-mean speed-up is %.2f", geometric));
    List<MainEffects.Effect> strongest = map.effects().stream().filter(e -> e.effect() != null
        && (e.low() > 0 || e.high() < 0)).toList();
    v.append(strongest.isEmpty() ? ". No factor's main effect excludes 0."
        : ". Main effects whose interval excludes 0 (ratio of geometric-mean speed-ups): " + strongest.stream()
            .map(e -> String.format(Locale.ROOT, "%s against %s x%.2f [%.2f, %.2f]", e.level(), e.reference(),
                Math.exp(e.effect()), Math.exp(e.low()), Math.exp(e.high()))).collect(Collectors.joining("; "))
            + ".");
    return v.toString();
  }

  /**
   * Where {@code cells} lie, as the levels and pairs they share: "all with sgd lr=0.01 or sgd lr=0.05 and mean (22
   * of the 24 cells there)", "all on 1,3->1,2 or 4,5->6,7 (...)"; "across every region" when they span every level
   * of every factor and every pair.
   */
  private String region(List<TransferMap.Cell> cells) {
    Factorial design = map.design();
    List<String> shared = new ArrayList<>();
    List<java.util.function.Predicate<TransferMap.Cell>> inside = new ArrayList<>();
    for (int f = 0; f < design.factors().size(); f++) {
      int factor = f;
      Set<Integer> levels = cells.stream().map(c -> design.level(c.variant(), factor)).collect(Collectors.toSet());
      List<String> names = design.factors().get(f).levels();
      if (levels.size() < names.size()) {
        shared.add(levels.stream().sorted().map(names::get).collect(Collectors.joining(" or ")));
        inside.add(c -> levels.contains(design.level(c.variant(), factor)));
      }
    }
    Set<String> pairs = cells.stream().map(TransferMap.Cell::pair).collect(Collectors.toSet());
    String on = "";
    if (pairs.size() < study.settings().pairs().size()) {
      on = " on " + study.settings().pairs().stream().map(TaskPair::label).filter(pairs::contains)
          .collect(Collectors.joining(" or "));
      inside.add(c -> pairs.contains(c.pair()));
    }
    if (inside.isEmpty()) {
      return "across every region";
    }
    long there = map.cells().stream().filter(c -> c.correctedLow() != null && inside.stream().allMatch(p -> p.test(c)))
        .count();
    return String.format(Locale.ROOT, "all%s%s (%d of the %d cells there)", shared.isEmpty() ? ""
        : " with " + String.join(" and ", shared), on, cells.size(), there);
  }

  /**
   * The claims, each read in the map: its source, the claim, where it was read, its verdict and the numbers. The
   * paper's own settings are read too where one of {@code others}, the other studies, ran them on a pair of the map
   * (its SGD at 1e-4 is too slow for a level of the map).
   */
  TransferMap.Table claims(List<StudyResults> others) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(paper(others));
    rows.add(sharedClass());
    rows.add(later());
    return new TransferMap.Table(List.of("source", "claim", "read in", "verdict", "numbers"), rows);
  }

  /** The paper: transfer faster than scratch, read in every cell and at its own settings where a study ran them. */
  private List<String> paper(List<StudyResults> others) {
    List<TransferMap.Cell> cells = map.cells().stream().filter(c -> c.correctedLow() != null).toList();
    long faster = cells.stream().filter(c -> c.correctedLow() > 1).count();
    long slower = cells.stream().filter(c -> c.correctedHigh() < 1).count();
    StringBuilder numbers = new StringBuilder(String.format(Locale.ROOT, "map: faster in %d of %d cells, slower"
        + " in %d (corrected intervals)", faster, cells.size(), slower));
    String verdict = faster > 0 ? Claims.REPRODUCED + " in " + faster + " cells"
        : slower > 0 ? Claims.REVERSED + " in " + slower + " cells, nowhere reproduced" : Claims.NOT_REPRODUCED;
    String readIn = "every cell";
    for (StudyResults other : others) {
      for (Variant v : other == study ? List.<Variant>of() : other.settings().variants()) {
        boolean sharesAPair = other.settings().pairs().stream().anyMatch(study.settings().pairs()::contains);
        if (readIn.equals("every cell") && sharesAPair && PAPER.ranBy(other.settings().of(v))) {
          String where = other.name() + (other.settings().variants().size() > 1 ? " " + v.label() : "");
          readIn += ", and " + where;
          numbers.append("; at its own settings (").append(PAPER.describe()).append(", ").append(where)
              .append("): ").append(speedups(other, v.label()));
        }
      }
    }
    return List.of(PAPER.name, "Task B is learned faster after task A's path is frozen than from scratch.", readIn,
        verdict, numbers.toString());
  }

  /**
   * The first version's claim 3: task B learned quickly after a task A that shares a class with it, read in every
   * variant as pathnet's task-B generations after a pair that shares a class against after one, with the same
   * task B, that shares none.
   */
  private List<String> sharedClass() {
    String statement = "Because task A taught one of task B's classes, task B is learned quickly: faster than"
        + " after a task A that shares no class with it.";
    TaskPair shares = null;
    TaskPair none = null;
    for (TaskPair p : study.settings().pairs()) {
      for (TaskPair q : study.settings().pairs()) {
        if (p.taskB().equals(q.taskB()) && sharesClass(p) && !sharesClass(q)) {
          shares = p;
          none = q;
        }
      }
    }
    if (shares == null) {
      return List.of(FIRST.name, statement, "-", Claims.NOT_TESTED, "needs two pairs with the same task B, one"
          + " sharing a class with its task A");
    }
    int faster = 0;
    int slower = 0;
    List<String> at = new ArrayList<>();
    for (Variant v : study.settings().variants()) {
      Comparison c = Comparison.of(study, new Comparison.Cell(v.label(), shares.label(), "pathnet", "B"),
          new Comparison.Cell(v.label(), none.label(), "pathnet", "B"));
      faster += c.xFaster() ? 1 : 0;
      slower += c.xSlower() ? 1 : 0;
      if (FIRST.ranBy(study.settings().of(v))) {
        at.add(v.label() + " (its settings): " + c);
      }
    }
    String verdict = faster > 0 && slower == 0 ? Claims.REPRODUCED + " in " + faster + " of "
        + study.settings().variants().size() + " variants" : slower > 0 && faster == 0 ? Claims.REVERSED + " in "
        + slower + " variants" : faster + slower == 0 ? Claims.NOT_REPRODUCED
        : "faster in " + faster + " variants, slower in " + slower;
    return List.of(FIRST.name + ", claim 3", statement, shares.label() + " against " + none.label()
        + ", every variant", verdict, String.format(Locale.ROOT, "pathnet's task B faster after %s in %d variants,"
        + " slower in %d, no different in %d (Mann-Whitney p < %s)%s", shares.label(), faster, slower,
        study.settings().variants().size() - faster - slower, Comparison.ALPHA,
        at.isEmpty() ? "" : "; " + String.join("; ", at)));
  }

  /** The later version's figure: transfer 1.7-2x as fast as scratch, at its own settings. */
  private List<String> later() {
    String statement = "At its own settings (" + LATER.describe() + "), transfer learns task B 1.7 to 2 times as"
        + " fast as the task learned first.";
    Variant own = study.settings().variants().stream().filter(v -> LATER.ranBy(study.settings().of(v)))
        .findFirst().orElse(null);
    if (own == null) {
      return List.of(LATER.name, statement, "-", Claims.NOT_TESTED, "no variant of the map has its settings");
    }
    List<TransferMap.Cell> cells = map.cells().stream().filter(c -> c.variant().equals(own.label())
        && c.speedupLow() != null).toList();
    long inRange = cells.stream().filter(c -> c.speedupLow() <= LATER_HIGH && c.speedupHigh() >= LATER_LOW
        && c.correctedLow() > 1).count();
    long slower = cells.stream().filter(c -> c.correctedHigh() < 1).count();
    String verdict = inRange > 0 ? Claims.REPRODUCED + " on " + inRange + " of " + cells.size() + " pairs"
        : slower > 0 ? Claims.REVERSED + " on " + slower + " of " + cells.size() + " pairs" : Claims.NOT_REPRODUCED;
    return List.of(LATER.name, statement, own.label() + ", every pair", verdict, speedups(study, own.label()));
  }

  /**
   * The map's cells run again: each of {@code others} that ran one of the map's variants alone, under another base
   * seed (so on other random numbers), compared cell by cell with the map, each by its 95% interval: faster, slower
   * or no different from scratch.
   */
  TransferMap.Table checks(List<StudyResults> others) {
    List<List<String>> rows = new ArrayList<>();
    for (StudyResults other : others) {
      if (other == study || other.settings().variants().size() != 1) {
        continue;
      }
      Map<String, String> replicate = comparable(other.settings());
      for (Variant v : study.settings().variants()) {
        if (!comparable(study.settings().of(v)).equals(replicate)
            || other.settings().longInteger(SEED) == study.settings().longInteger(SEED)) {
          continue;
        }
        String rerun = other.settings().variants().get(0).label();
        for (TaskPair pair : other.settings().pairs()) {
          Summary.Row first = scratch(study, v.label(), pair.label());
          Summary.Row again = scratch(other, rerun, pair.label());
          if (first == null || again == null) {
            continue;
          }
          rows.add(List.of(v.label(), pair.label(), withInterval(first), direction(first), other.name() + " (seed "
              + other.settings().longInteger(SEED) + ")", withInterval(again), direction(again),
              direction(first).equals(direction(again)) ? "yes" : "no"));
        }
      }
    }
    return new TransferMap.Table(List.of("variant", "pair", "map's speed-up [95% CI]", "map", "run again",
        "speed-up [95% CI]", "again", "holds"), rows);
  }

  /**
   * A variant's settings as a rerun must repeat them: all but the base seed, the seeds, the pairs, the arms (a rerun
   * may add the controls) and the data.
   */
  private static Map<String, String> comparable(Settings s) {
    Map<String, String> values = new TreeMap<>(s.withoutVariants());
    for (SettingKey key : List.of(SEED, SEEDS, PAIRS, ARMS, DATA)) {
      values.remove(Settings.PREFIX + key.key());
    }
    return values;
  }

  private static Summary.Row scratch(StudyResults s, String variant, String pair) {
    return s.summary().rows().stream().filter(r -> r.variant().equals(variant) && r.pair().equals(pair)
        && r.arm().equals("scratch") && r.task().equals("B") && r.speedupLow() != null).findFirst().orElse(null);
  }

  private static String withInterval(Summary.Row r) {
    return String.format(Locale.ROOT, "%.2f [%.2f, %.2f]", r.speedup(), r.speedupLow(), r.speedupHigh());
  }

  /** What a speed-up's 95% interval says of transfer against scratch. */
  private static String direction(Summary.Row r) {
    return r.speedupLow() > 1 ? "faster" : r.speedupHigh() < 1 ? "slower" : "no different";
  }

  /** "5,6->6,7 0.95 [0.87, 1.04]; ...": scratch's speed-up over pathnet on task B, per pair of {@code variant}. */
  private static String speedups(StudyResults s, String variant) {
    return s.summary().rows().stream().filter(r -> r.variant().equals(variant) && r.arm().equals("scratch")
        && r.task().equals("B")).map(r -> r.pair() + " " + (r.speedupLow() == null ? "-" : String.format(
            Locale.ROOT, "%.2f [%.2f, %.2f]", r.speedup(), r.speedupLow(), r.speedupHigh())))
        .collect(Collectors.joining("; "));
  }

  /**
   * The TensorFlow implementation's "overlap is 3 or 4" of task A's modules on task B's path, region by region:
   * per optimiser level (the factor that sets the optimiser) and pair, pathnet's runs that solved task B, their
   * mean overlap, the share at 3 or 4, and two random pathways' expected overlap.
   */
  TransferMap.Table overlap() {
    Factorial design = map.design();
    int factor = -1;
    for (int f = 0; f < design.factors().size(); f++) {
      if (design.factors().get(f).keys().contains(OPTIMIZER.key())) {
        factor = f;
      }
    }
    List<List<String>> rows = new ArrayList<>();
    List<String> levels = factor < 0 ? List.of("all") : design.factors().get(factor).levels();
    for (int level = 0; level < levels.size(); level++) {
      for (TaskPair pair : study.settings().pairs()) {
        int f = factor;
        int l = level;
        List<Integer> overlaps = study.runs().stream().filter(r -> r.pair().equals(pair.label())
            && r.arm().equals("pathnet") && r.task().equals("B") && r.solved() && r.overlap() != null
            && (f < 0 || design.level(r.variant(), f) == l)).map(TaskOutcome::overlap).toList();
        double mean = overlaps.stream().mapToInt(Integer::intValue).average().orElse(Double.NaN);
        long threeOrFour = overlaps.stream().filter(o -> o == 3 || o == 4).count();
        Double chance = study.summary().rows().stream().filter(r -> r.pair().equals(pair.label())
            && r.overlapRandom() != null).map(Summary.Row::overlapRandom).findFirst().orElse(null);
        rows.add(List.of(levels.get(level), pair.label(), Integer.toString(overlaps.size()),
            String.format(Locale.ROOT, "%.2f", mean), String.format(Locale.ROOT, "%.0f%%",
                overlaps.isEmpty() ? 0 : 100.0 * threeOrFour / overlaps.size()),
            chance == null ? "-" : String.format(Locale.ROOT, "%.2f", chance)));
      }
    }
    int modules = study.settings().integer(LAYERS) * study.settings().integer(ACTIVE);
    return new TransferMap.Table(List.of(levels.size() > 1 ? "optimiser" : "region", "pair",
        "pathnet runs (task B solved)", "mean overlap of " + modules, "at 3 or 4", "two random pathways"), rows);
  }

  private static boolean sharesClass(TaskPair p) {
    Set<Integer> a = Set.of(p.taskA().first(), p.taskA().second());
    return a.contains(p.taskB().first()) || a.contains(p.taskB().second());
  }

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
