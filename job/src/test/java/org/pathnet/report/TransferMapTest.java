package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.Variant;
import org.pathnet.fixtures.StudyFixtures;

/**
 * The transfer map on a made-up study with a known effect: a grid of population x aggregation on three pairs, 100
 * seeds, where transfer is three times as fast as scratch at population 20 and no faster at 64, whatever the
 * aggregation; the seeds' generations repeat across variants, as common random numbers make them.
 */
class TransferMapTest {
  private static final List<String> PAIRS = List.of("5,6->6,7", "1,3->1,2", "4,5->6,7");
  private static final int SEEDS = 100;
  private static final double SPEEDUP = 3;

  private static Settings settings(String... more) {
    List<String> overrides = new ArrayList<>(List.of("pairs", String.join(";", PAIRS), "seeds",
        Integer.toString(SEEDS), "arms", "pathnet,scratch"));
    overrides.addAll(List.of(more));
    return StudyFixtures.settings(overrides.toArray(String[]::new));
  }

  private static final Settings GRID = settings("variants", "population=64,20 x aggregation=sum,mean");

  /** Scratch takes 25-35 generations; pathnet as long, or a third as long in the variants {@code fast} names. */
  private static List<TaskOutcome> runs(Settings settings, Set<String> fast) {
    List<TaskOutcome> runs = new ArrayList<>();
    for (Variant v : settings.variants()) {
      for (String pair : PAIRS) {
        for (int s = 0; s < SEEDS; s++) {
          int scratch = 25 + (s * 7) % 11;
          int pathnet = fast.contains(v.label()) ? 8 + (s * 3 + 1) % 5 : 25 + (s * 5 + 3) % 11;
          // re-use goes with speed: the fewer generations, the more modules on task A's path
          int overlap = Math.max(0, Math.min(9, (35 - pathnet) / 3));
          runs.add(run(v.label(), pair, s, "pathnet", "A", 20, null));
          runs.add(run(v.label(), pair, s, "pathnet", "B", pathnet, overlap));
          runs.add(run(v.label(), pair, s, "scratch", "B", scratch, null));
        }
      }
    }
    return runs;
  }

  private static TaskOutcome run(String variant, String pair, int seed, String arm, String task, int generations,
      Integer overlap) {
    return new TaskOutcome(variant, pair, seed, arm, task, task.equals("A") ? pair.substring(0, 3)
        : pair.substring(5), true, generations, overlap, 0.99, new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
  }

  private static TransferMap map(Settings settings, Set<String> fast) {
    List<TaskOutcome> runs = runs(settings, fast);
    return TransferMap.of(runs, settings, Summary.of(runs, settings));
  }

  private static final Set<String> FAST = Set.of("pop=20 sum", "pop=20 mean");

  @Test
  void marksExactlyTheCellsBuiltToDiffer() {
    TransferMap map = map(GRID, FAST);
    assertEquals(12, map.cells().size());
    assertEquals(12, map.compared());
    Set<String> marked = map.cells().stream().filter(TransferMap.Cell::marked).map(c -> c.variant() + " " + c.pair())
        .collect(Collectors.toSet());
    Set<String> built = new HashSet<>();
    FAST.forEach(v -> PAIRS.forEach(p -> built.add(v + " " + p)));
    assertEquals(built, marked);
    for (TransferMap.Cell c : map.cells()) {
      assertEquals(1 - 0.05 / 12, c.familyLevel(), 1e-12);
      assertTrue(c.correctedLow() <= c.speedupLow() && c.speedupHigh() <= c.correctedHigh(),
          "the corrected interval holds the 95% one: " + c);
    }
  }

  @Test
  void theMainEffectRecoversTheEffectPutInAndANullFactorHasNone() {
    List<MainEffects.Effect> effects = map(GRID, FAST).effects();
    assertEquals(2, effects.size(), effects.toString());
    MainEffects.Effect population = effects.get(0);
    assertEquals(List.of("population", "pop=20", "pop=64"), List.of(population.factor(), population.level(),
        population.reference()));
    // pathnet's mean at population 20 is 10 against 29.98 at 64, scratch's 29.95 in both: log 3 and a bit
    assertTrue(population.low() < Math.log(SPEEDUP) && Math.log(SPEEDUP) < population.high(), population.toString());
    MainEffects.Effect aggregation = effects.get(1);
    assertEquals(List.of("aggregation", "mean", "sum"), List.of(aggregation.factor(), aggregation.level(),
        aggregation.reference()));
    assertTrue(aggregation.low() <= 0 && 0 <= aggregation.high(), aggregation.toString());
  }

  @Test
  void theReferenceLevelIsTheProfilesValueWhereverTheGridListsIt() {
    TransferMap map = map(settings("variants", "aggregation=mean,sum x population=20,64"), FAST);
    assertEquals(List.of("aggregation: mean against sum", "population: pop=20 against pop=64"), map.effects()
        .stream().map(e -> e.factor() + ": " + e.level() + " against " + e.reference()).toList());
  }

  @Test
  void namedVariantsThatPairTwoKeysAreOneFactor() {
    Settings named = settings(
        "variant.a.optimizer", "adam", "variant.a.learningRate", "0.001", "variant.a.population", "64",
        "variant.b.optimizer", "sgd", "variant.b.learningRate", "0.05", "variant.b.population", "64",
        "variant.c.optimizer", "sgd", "variant.c.learningRate", "0.01", "variant.c.population", "64",
        "variant.d.optimizer", "adam", "variant.d.learningRate", "0.001", "variant.d.population", "20",
        "variant.e.optimizer", "sgd", "variant.e.learningRate", "0.05", "variant.e.population", "20",
        "variant.f.optimizer", "sgd", "variant.f.learningRate", "0.01", "variant.f.population", "20");
    Factorial design = Factorial.of(named);
    assertEquals(List.of(new Factorial.Factor("population", List.of("population"), List.of("pop=64", "pop=20")),
        new Factorial.Factor("optimizer+learningRate", List.of("optimizer", "learningRate"),
        List.of("adam lr=0.001", "sgd lr=0.05", "sgd lr=0.01"))), design.factors());
    assertTrue(design.complete());
    TransferMap map = map(named, Set.of("e", "f"));
    assertEquals(3, map.effects().size());
  }

  @Test
  void aHalfFractionHasNoMainEffects() {
    // every two of the three keys crossed, but 4 of their 8 combinations: each effect would mix with the others
    Settings half = settings("variant.a.population", "64", "variant.a.aggregation", "sum", "variant.a.threshold",
        "0.998", "variant.b.population", "64", "variant.b.aggregation", "mean", "variant.b.threshold", "0.99",
        "variant.c.population", "20", "variant.c.aggregation", "sum", "variant.c.threshold", "0.99",
        "variant.d.population", "20", "variant.d.aggregation", "mean", "variant.d.threshold", "0.998");
    assertEquals(3, Factorial.of(half).factors().size());
    assertFalse(Factorial.of(half).complete());
    TransferMap map = map(half, Set.of("c"));
    assertTrue(map.effects().isEmpty());
    assertTrue(map.readings().stream().anyMatch(r -> r.contains("not the full cross product")), map.readings()
        .toString());
  }

  @Test
  void reUseThatPredictsAFastTaskBShowsAsANegativeCorrelation() {
    List<OverlapCorrelation.Correlation> correlations = map(GRID, FAST).correlations();
    assertEquals(List.of(OverlapCorrelation.ALL, PAIRS.get(0), PAIRS.get(1), PAIRS.get(2)), correlations.stream()
        .map(OverlapCorrelation.Correlation::scope).toList());
    for (OverlapCorrelation.Correlation c : correlations) {
      assertTrue(c.rho() < -0.8 && c.high() < 0, c.toString());
    }
    assertEquals(12 * SEEDS, correlations.get(0).runs());
  }

  @Test
  void theSameStudyGivesTheSameMapAndAnotherBaseSeedAnotherBootstrap() {
    List<TaskOutcome> runs = runs(GRID, FAST);
    TransferMap once = TransferMap.of(runs, GRID, Summary.of(runs, GRID));
    TransferMap again = TransferMap.of(runs, GRID, Summary.of(runs, GRID));
    assertEquals(once.cells(), again.cells());
    assertEquals(once.effects(), again.effects());
    Settings reseeded = settings("variants", "population=64,20 x aggregation=sum,mean", "seed", "2");
    assertFalse(once.effects().equals(TransferMap.of(runs, reseeded, Summary.of(runs, reseeded)).effects()));
  }

  @Test
  void spearmanIsPearsonOfTheRanksTiesAveraged() {
    assertEquals(1.0, Spearman.rho(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 400}), 1e-12);
    assertEquals(-1.0, Spearman.rho(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1}), 1e-12);
    // ranks x = (1.5, 1.5, 3, 4), y = (1, 2, 3, 4): scipy.stats.spearmanr gives 0.9486832980505138
    assertEquals(0.9486832980505138, Spearman.rho(new double[] {1, 1, 2, 3}, new double[] {1, 2, 3, 4}), 1e-12);
    assertTrue(Double.isNaN(Spearman.rho(new double[] {2, 2, 2}, new double[] {1, 2, 3})));
  }
}
