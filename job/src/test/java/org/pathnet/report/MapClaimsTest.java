package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.Variant;
import org.pathnet.fixtures.StudyFixtures;

/**
 * The claims read in a made-up map with known answers: transfer 1.8 times as fast as scratch at the TensorFlow
 * implementation's later settings and no faster elsewhere; after a task A that shares a class, task B faster in the
 * first version's variant only; overlap 3 on the pair that shares a class, 1 elsewhere; and the paper's own settings,
 * run apart, where transfer is slower.
 */
class MapClaimsTest {
  private static final List<String> PAIRS = List.of("5,6->6,7", "1,3->1,2", "4,5->6,7");
  private static final int SEEDS = 100;
  private static final String[] STUDY = {"pairs", String.join(";", PAIRS), "seeds", Integer.toString(SEEDS), "arms",
      "pathnet,scratch"};

  private static Settings settings(String... variants) {
    List<String> all = new ArrayList<>(List.of(STUDY));
    all.addAll(List.of(variants));
    return StudyFixtures.settings(all.toArray(String[]::new));
  }

  private static final Settings MAP = settings(
      "variant.first.optimizer", "adam", "variant.first.learningRate", "0.001",
      "variant.later.optimizer", "sgd", "variant.later.learningRate", "0.05", "variant.later.population", "20",
      "variant.later.aggregation", "mean", "variant.later.threshold", "0.99",
      "variant.port.optimizer", "sgd", "variant.port.learningRate", "0.01");

  /** Scratch 25-35 generations on task B; pathnet's from {@code pathnet} (variant, pair) given scratch's. */
  private static StudyResults study(String name, Settings settings, Map<String, IntUnaryOperator> pathnet) {
    List<TaskOutcome> runs = new ArrayList<>();
    for (Variant v : settings.variants()) {
      for (String pair : PAIRS) {
        for (int s = 0; s < SEEDS; s++) {
          int scratch = 25 + (s * 7) % 11;
          int own = pathnet.getOrDefault(v.label() + " " + pair, g -> g).applyAsInt(scratch);
          int overlap = pair.equals("5,6->6,7") ? 3 : 1;
          runs.add(run(v.label(), pair, s, "pathnet", "A", 20, null));
          runs.add(run(v.label(), pair, s, "pathnet", "B", own, overlap));
          runs.add(run(v.label(), pair, s, "scratch", "B", 25 + (s * 5 + 3) % 11, null));
        }
      }
    }
    return new StudyResults(name, "?", settings, Map.of(), runs, List.of());
  }

  private static TaskOutcome run(String variant, String pair, int seed, String arm, String task, int generations,
      Integer overlap) {
    return new TaskOutcome(variant, pair, seed, arm, task, task.equals("A") ? pair.substring(0, 3)
        : pair.substring(5), true, generations, overlap, 0.99, new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
  }

  private static final Map<String, IntUnaryOperator> BUILT = Map.of(
      "later 5,6->6,7", g -> (int) Math.round(g / 1.8), "later 1,3->1,2", g -> (int) Math.round(g / 1.8),
      "later 4,5->6,7", g -> (int) Math.round(g / 1.8),
      // the first version's variant only: task B after 5,6 a quarter faster than after 4,5
      "first 5,6->6,7", g -> g * 3 / 4);

  private static MapClaims claims(StudyResults map) {
    return new MapClaims(map, TransferMap.of(map.runs(), map.settings(), map.summary()));
  }

  @Test
  void theVerdictNamesTheCellsWhereTransferPaysAndByHowMuch() {
    String verdict = claims(study("map", MAP, BUILT)).verdict();
    // the later version's 3 cells and the first version's on 5,6->6,7: two of the three optimiser levels
    assertTrue(verdict.startsWith("PathNet transfer pays in 4 of the map's 9 cells, all with adam lr=0.001 or sgd"
        + " lr=0.05 pop=20 thr=0.99 mean (4 of the 6 cells there), by 1.36 to 1.80"), verdict);
    assertTrue(verdict.contains(" times scratch's speed (the largest 1.8"), verdict);
    assertTrue(verdict.contains("; it is slower than scratch in none. Over all cells the geometric-mean speed-up"
        + " is 1."), verdict);
  }

  @Test
  void eachClaimIsReadWhereItsSettingsAreAndThePapersApart() {
    StudyResults map = study("map", MAP, BUILT);
    Settings paperSettings = settings("optimizer", "sgd", "learningRate", "0.0001");
    StudyResults paper = study("paper-rate", paperSettings, Map.of("base 5,6->6,7", g -> g * 2,
        "base 1,3->1,2", g -> g * 2, "base 4,5->6,7", g -> g * 2));
    List<List<String>> rows = claims(map).claims(List.of(map, paper)).rows();
    assertEquals(3, rows.size());

    List<String> paperClaim = rows.get(0);
    assertEquals("the paper", paperClaim.get(0));
    assertEquals("every cell, and paper-rate", paperClaim.get(2));
    assertEquals("reproduced in 4 cells", paperClaim.get(3));
    assertTrue(paperClaim.get(4).startsWith("map: faster in 4 of 9 cells, slower in 0 (corrected intervals); at its"
        + " own settings (population 64, sgd 0.0001, sum, threshold 0.998, paper-rate): 5,6->6,7 0.50 ["),
        paperClaim.get(4));

    List<String> shared = rows.get(1);
    assertEquals("the TensorFlow implementation's first version, claim 3", shared.get(0));
    assertEquals("5,6->6,7 against 4,5->6,7, every variant", shared.get(2));
    assertEquals("reproduced in 1 of 3 variants", shared.get(3));
    assertTrue(shared.get(4).contains("; first (its settings): "), shared.get(4));

    List<String> later = rows.get(2);
    assertEquals("later, every pair", later.get(2));
    assertEquals("reproduced on 3 of 3 pairs", later.get(3));
  }

  @Test
  void thePapersSettingsAreFoundAsOneVariantOfAStudyOnOneOfTheMapsPairs() {
    StudyResults map = study("map", MAP, BUILT);
    Settings optimiserSettings = StudyFixtures.settings("pairs", "5,6->6,7", "seeds", Integer.toString(SEEDS), "arms",
        "pathnet,scratch", "variant.adam.optimizer", "adam", "variant.paper.optimizer", "sgd",
        "variant.paper.learningRate", "0.0001");
    List<TaskOutcome> runs = study("optimiser", optimiserSettings, Map.of()).runs().stream()
        .filter(r -> r.pair().equals("5,6->6,7")).toList();
    StudyResults optimiser = new StudyResults("optimiser", "?", optimiserSettings, Map.of(), runs, List.of());
    List<String> paper = claims(map).claims(List.of(optimiser, map)).rows().get(0);
    assertEquals("every cell, and optimiser paper", paper.get(2));
    assertTrue(paper.get(4).contains("; at its own settings (population 64, sgd 0.0001, sum, threshold 0.998,"
        + " optimiser paper): 5,6->6,7 "), paper.get(4));
    assertFalse(paper.get(4).contains("1,3->1,2 "), "only the pair it ran: " + paper.get(4));
  }

  @Test
  void aVariantRunAgainUnderAnotherSeedIsComparedCellByCell() {
    StudyResults map = study("map", MAP, BUILT);
    // with the controls too, which the map does not run
    String[] later = {"pairs", "5,6->6,7;4,5->6,7", "seeds", Integer.toString(SEEDS), "arms",
        "pathnet,scratch,denovo,finetune",
        "optimizer", "sgd", "learningRate", "0.05", "population", "20", "aggregation", "mean", "threshold", "0.99"};
    List<String> reseeded = new ArrayList<>(List.of(later));
    reseeded.addAll(List.of("seed", "2"));
    // faster again on 5,6->6,7; no faster on 4,5->6,7, where the map found it faster
    StudyResults again = study("check", StudyFixtures.settings(reseeded.toArray(String[]::new)),
        Map.of("base 5,6->6,7", g -> (int) Math.round(g / 1.8)));
    StudyResults sameSeed = study("same", StudyFixtures.settings(later), Map.of());
    TransferMap.Table checks = claims(map).checks(List.of(map, again, sameSeed));
    assertEquals(2, checks.rows().size(), "the replicate's two pairs; a study under the map's own seed is none");
    assertEquals(List.of("later", "5,6->6,7"), checks.rows().get(0).subList(0, 2));
    assertEquals(List.of("faster", "check (seed 2)"), checks.rows().get(0).subList(3, 5));
    assertEquals(List.of("faster", "yes"), checks.rows().get(0).subList(6, 8));
    assertEquals(List.of("faster", "no different", "no"), List.of(checks.rows().get(1).get(3),
        checks.rows().get(1).get(6), checks.rows().get(1).get(7)));
  }

  @Test
  void aClaimWhoseSettingsAreNotInTheMapIsNotTested() {
    Settings without = settings("variant.x.population", "20", "variant.y.population", "30");
    List<List<String>> rows = claims(study("map", without, Map.of())).claims(List.of()).rows();
    assertEquals("not tested", rows.get(2).get(3), rows.get(2).toString());
    assertEquals("every cell", rows.get(0).get(2), "no study ran the paper's own settings");
  }

  @Test
  void theOverlapIsReadPerOptimiserAndPair() {
    TransferMap.Table overlap = claims(study("map", MAP, BUILT)).overlap();
    assertEquals(List.of("optimiser", "pair", "pathnet runs (task B solved)", "mean overlap of 9", "at 3 or 4",
        "two random pathways"), overlap.columns());
    assertEquals(9, overlap.rows().size(), "3 optimiser levels x 3 pairs");
    List<String> first = overlap.rows().get(0);
    assertEquals(List.of("adam lr=0.001", "5,6->6,7", "100", "3.00", "100%"), first.subList(0, 5));
    assertEquals(List.of("1,3->1,2", "100", "1.00", "0%"), overlap.rows().get(1).subList(1, 5));
  }
}
