package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.fixtures.StudyFixtures;

/** A study's one-sentence verdict answers its shape's question from the numbers, and reads as one sentence. */
class StudyVerdictTest {
  private static final int[][] PATH = {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}};
  private static final int SEEDS = 20;

  /** Generations to solve per arm and task in one (variant, pair) cell, each run's plus seed % 3. */
  private record Cell(String variant, String pair, int pathnetA, int pathnetB, int scratchB, int fixedB) {}

  private static StudyResults study(Settings settings, Cell... cells) {
    List<TaskOutcome> runs = new ArrayList<>();
    for (Cell c : cells) {
      String[] classes = c.pair().split("->");
      for (int seed = 0; seed < SEEDS; seed++) {
        int jitter = seed % 3;
        runs.add(run(c, seed, "pathnet", "A", classes[0], c.pathnetA() + jitter, null));
        runs.add(run(c, seed, "pathnet", "B", classes[1], c.pathnetB() + jitter, 3));
        runs.add(run(c, seed, "scratch", "B", classes[1], c.scratchB() + jitter, null));
        runs.add(run(c, seed, "denovo", "B", classes[1], c.fixedB() + jitter, null));
        runs.add(run(c, seed, "finetune", "A", classes[0], 7 + jitter, null));
        runs.add(run(c, seed, "finetune", "B", classes[1], c.fixedB() + jitter, null));
      }
    }
    return new StudyResults("study", "?", settings, Map.of(), runs, List.of());
  }

  private static TaskOutcome run(Cell c, int seed, String arm, String task, String classes, int generations,
      Integer overlap) {
    return new TaskOutcome(c.variant(), c.pair(), seed, arm, task, classes, true, generations, overlap, 1.0, PATH);
  }

  private static void assertOneSentence(String verdict) {
    assertTrue(verdict.endsWith(".") && verdict.indexOf(". ") < 0 && Character.isUpperCase(verdict.charAt(0)),
        verdict);
  }

  @Test
  void oneCellSaysHowLongEachTaskTookTheOverlapAndHowTransferComparesWithEachControl() {
    String verdict = StudyVerdict.of(study(StudyFixtures.settings("seeds", "20"),
        new Cell("base", "5,6->6,7", 26, 6, 6, 2)));
    assertOneSentence(verdict);
    assertTrue(verdict.startsWith("PathNet solved task A in 27.0 generations and task B in 7.0 generations, its task-B path"
        + " re-using 3.00 of task A's 9 modules"), verdict);
    assertTrue(verdict.contains("transfer learned task B slower than denovo (0.42 ["), verdict);
    assertTrue(verdict.contains("and no differently from scratch (1.00 ["), verdict);
  }

  @Test
  void pairsThatShareTaskBCompareTaskBAfterEachTaskA() {
    Settings settings = StudyFixtures.settings("seeds", "20", "pairs", "5,6->6,7;8,9->6,7");
    String faster = StudyVerdict.of(study(settings, new Cell("base", "5,6->6,7", 26, 4, 6, 2),
        new Cell("base", "8,9->6,7", 22, 8, 6, 2)));
    assertOneSentence(faster);
    assertTrue(faster.startsWith("PathNet's task B (6,7) took 5.0 generations after task A 5,6 against 9.0 after"
        + " 8,9 (ratio of means 0.55, p = "), faster);
    assertTrue(faster.contains("): faster after 5,6;"), faster);
    assertTrue(faster.contains("after 5,6 transfer learned task B faster than scratch"), faster);
    String same = StudyVerdict.of(study(settings, new Cell("base", "5,6->6,7", 26, 6, 6, 2),
        new Cell("base", "8,9->6,7", 22, 6, 6, 2)));
    assertTrue(same.contains("): no clear difference;"), same);
  }

  @Test
  void variantsCompareEachWithTheFirstAndSayWhetherTransfersVerdictHolds() {
    Settings settings = StudyFixtures.settings("seeds", "20", "variants", "noise=0,0.5");
    String holds = StudyVerdict.of(study(settings, new Cell("noise=0", "5,6->6,7", 26, 6, 6, 2),
        new Cell("noise=0.5", "5,6->6,7", 40, 9, 9, 3)));
    assertOneSentence(holds);
    assertTrue(holds.startsWith("Against noise=0, noise=0.5 took PathNet task A 41.0 generations against 27.0"
        + " (ratio of means 1.52, p = "), holds);
    assertTrue(holds.contains("in every variant transfer learned task B slower than denovo"), holds);
    String changes = StudyVerdict.of(study(settings, new Cell("noise=0", "5,6->6,7", 26, 6, 6, 2),
        new Cell("noise=0.5", "5,6->6,7", 40, 3, 9, 9)));
    assertOneSentence(changes);
    assertTrue(changes.contains("the verdict on transfer changes with the variant (task B noise=0 slower than"),
        changes);
    assertTrue(changes.contains("noise=0.5 faster than scratch"), changes);
  }

  @Test
  void aStudyWithoutAPathnetArmHasNoVerdict() {
    Settings settings = StudyFixtures.settings("seeds", "20", "arms", "scratch,denovo");
    assertEquals("No verdict: the study has no pathnet arm to compare.", StudyVerdict.of(study(settings)));
  }
}
