package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.Variant;
import org.pathnet.fixtures.StudyFixtures;

/** The summary of a small hand-made study, every number worked out by hand. */
class SummaryTest {
  private static final String PAIR = "5,6->6,7";
  private static final int CAP = 100;

  private static TaskOutcome run(int seed, String arm, String task, Integer generations, Integer overlap) {
    return new TaskOutcome(Variant.BASE_LABEL, PAIR, seed, arm, task, task.equals("A") ? "5,6" : "6,7",
        generations != null, generations, overlap, 0.99, new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
  }

  /** Four seeds: pathnet's task A is censored in seed 3 (so it has no task B), denovo never solves. */
  private static List<TaskOutcome> study() {
    List<TaskOutcome> runs = new ArrayList<>();
    Integer[] pathnetA = {10, 20, 30, null};
    Integer[] pathnetB = {4, 6, 8};
    Integer[] scratchB = {8, 12, 16, null};
    for (int seed = 0; seed < 4; seed++) {
      runs.add(run(seed, "pathnet", "A", pathnetA[seed], null));
      if (seed < 3) {
        runs.add(run(seed, "pathnet", "B", pathnetB[seed], 2 + seed));
      }
      runs.add(run(seed, "scratch", "B", scratchB[seed], null));
      runs.add(run(seed, "denovo", "B", null, null));
    }
    return runs;
  }

  private static Settings settings(String arms) {
    return StudyFixtures.settings("seeds", "4", "maxGenerations", Integer.toString(CAP), "arms", arms);
  }

  private static Summary.Row row(Summary summary, String arm, String task) {
    return summary.rows().stream().filter(r -> r.arm().equals(arm) && r.task().equals(task)).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + arm + " " + task));
  }

  @Test
  void oneRowPerArmAndTaskInThePapersArmOrder() {
    Summary s = Summary.of(study(), settings("denovo,scratch,pathnet"));
    assertEquals(List.of("pathnet A", "pathnet B", "scratch B", "denovo B"),
        s.rows().stream().map(r -> r.arm() + " " + r.task()).toList());
    assertTrue(s.rows().stream().allMatch(r -> r.pair().equals(PAIR)));
  }

  @Test
  void solveTimesAreDescribedOverSolvedRunsAndCensoredRunsCounted() {
    Summary.Row a = row(Summary.of(study(), settings("pathnet,scratch,denovo")), "pathnet", "A");
    assertEquals(List.of(4, 3, 1), List.of(a.runs(), a.solved(), a.censored()));
    assertEquals(20.0, a.genMean(), 1e-12);
    assertEquals(10 / Math.sqrt(3), a.genSe(), 1e-12); // sd of 10, 20, 30 is 10
    assertEquals(20.0, a.genMedian(), 1e-12);
    assertEquals(15.0, a.genQ1(), 1e-12);
    assertEquals(25.0, a.genQ3(), 1e-12);
    assertNull(a.speedup());
    assertNull(a.pValue());
    assertNull(a.overlapMean());
  }

  @Test
  void taskBOfAnotherArmComparesWithPathnetsTaskB() {
    Summary s = Summary.of(study(), settings("pathnet,scratch,denovo"));
    Summary.Row scratch = row(s, "scratch", "B");
    assertEquals(12.0 / 6.0, scratch.speedup(), 1e-12);
    assertTrue(scratch.speedupLow() < 2.0 && 2.0 < scratch.speedupHigh(), scratch.toString());
    // {8, 12, 16, censored at 100} against {4, 6, 8}: worked in MannWhitneyTest.
    assertEquals(0.0744618, scratch.pValue(), 1e-7);

    Summary.Row denovo = row(s, "denovo", "B");
    assertEquals(List.of(4, 0, 4), List.of(denovo.runs(), denovo.solved(), denovo.censored()));
    assertNull(denovo.genMean());
    assertNull(denovo.speedup(), "no solved run, no mean, no speed-up");
    assertNull(denovo.speedupLow());
    assertTrue(denovo.pValue() < 0.1, "all at the cap still rank behind pathnet: " + denovo.pValue());
  }

  @Test
  void aSingleSolvedRunGivesASpeedupButNoInterval() {
    List<TaskOutcome> runs = new ArrayList<>(study());
    runs.removeIf(r -> r.arm().equals("denovo"));
    runs.add(run(0, "denovo", "B", 12, null));
    Summary.Row denovo = row(Summary.of(runs, settings("pathnet,denovo")), "denovo", "B");
    assertEquals(2.0, denovo.speedup(), 1e-12);
    assertNull(denovo.speedupLow());
    assertNull(denovo.speedupHigh());
  }

  @Test
  void pathnetsTaskBCarriesTheOverlapAndItsChanceBaseline() {
    Summary.Row b = row(Summary.of(study(), settings("pathnet,scratch,denovo")), "pathnet", "B");
    assertEquals(3.0, b.overlapMean(), 1e-12); // overlaps 2, 3, 4
    assertEquals(2.7, b.overlapRandom(), 1e-12); // L N^2 / M = 3 * 9 / 10
    assertNull(b.speedup());
  }

  @Test
  void theSameStudyGivesTheSameTableBootstrapIncluded() {
    Summary one = Summary.of(study(), settings("pathnet,scratch,denovo"));
    assertEquals(one.rows(), Summary.of(study(), settings("pathnet,scratch,denovo")).rows());
  }

  @Test
  void withoutPathnetThereIsNothingToCompare() {
    List<TaskOutcome> runs = study().stream().filter(r -> !r.arm().equals("pathnet")).toList();
    Summary s = Summary.of(runs, settings("scratch,denovo"));
    assertEquals(2, s.rows().size());
    assertTrue(s.rows().stream().allMatch(r -> r.speedup() == null && r.pValue() == null
        && r.overlapRandom() == null));
  }

  @Test
  void thePrintoutFitsInOneHundredTwentyColumnsAndShowsTheComparison() {
    String text = Summary.of(study(), settings("pathnet,scratch,denovo")).format();
    assertTrue(text.lines().allMatch(l -> l.length() <= 120), text);
    assertTrue(text.contains("variant pair       arm"), text);
    String row = Variant.BASE_LABEL + "    " + PAIR + "   ";
    String scratch = text.lines().filter(l -> l.startsWith(row + "scratch") && l.contains("[")).findFirst()
        .orElseThrow(() -> new AssertionError(text));
    assertTrue(scratch.contains("2.00") && scratch.contains("0.074"), scratch);
    String pathnet = text.lines().filter(l -> l.startsWith(row + "pathnet") && l.contains("2.70")).findFirst()
        .orElseThrow(() -> new AssertionError(text));
    assertTrue(pathnet.contains("3.00"), pathnet);
  }
}
