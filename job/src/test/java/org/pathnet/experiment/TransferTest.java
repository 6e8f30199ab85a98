package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.pathnet.experiment.SettingKey.LAYERS;
import static org.pathnet.experiment.SettingKey.MODULES;
import static org.pathnet.experiment.SettingKey.SEED;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.network.Pathway;

/**
 * docs/PATHNET.md's transfer protocol, observed on a real PathNet run: after task A, the modules of A's optimal
 * path are frozen (bit-for-bit unchanged through task B) and every other module is re-initialised.
 */
class TransferTest {
  private static Settings settings;
  private static StudyData data;

  @BeforeAll
  static void load() {
    settings = StudyFixtures.settings("arms", "pathnet", "seeds", "1", "maxGenerations", "3", "stopWhenSolved",
        "false");
    data = StudyFixtures.data(settings);
  }

  /**
   * Snapshots of every module, taken through the run's store: before task A's last generation (the last one
   * only writes A's winning path, so every other module already holds its final task-A values), right after
   * the switch to task B, and at the end of task B.
   */
  private record Snapshots(Map<Integer, FloatBuffer> beforeLastA, Map<Integer, FloatBuffer> initialB,
      Map<Integer, FloatBuffer> afterB, Pathway pathA, List<Pathway> winnersB) {}

  private static Snapshots runAndSnapshot() {
    TrainingPlan plan = TrainingPlan.of(settings, data.inputSize());
    RandomStreams streams = new RandomStreams(settings.longInteger(SEED));
    RunId id = new RunId(Variant.BASE_LABEL, settings.pairs().get(0), 0, Arm.PATHNET);
    Run run = Run.start(0, id, settings, plan, streams, data);
    Map<Integer, FloatBuffer> beforeLastA = null;
    Map<Integer, FloatBuffer> initialB = null;
    Pathway[] pathA = new Pathway[1];
    List<Pathway> winnersB = new java.util.ArrayList<>();
    while (!run.finished()) {
      Task before = run.task();
      if (before == Task.A) {
        beforeLastA = snapshot(run);
      }
      Contest contest = run.nextContest();
      run.apply(contest.play(plan, data.sampler(contest.classes())),
          g -> {
            if (g.task().equals("B")) {
              winnersB.add(Pathway.of(g.winnerPath()));
            }
          },
          r -> pathA[0] = pathA[0] == null ? Pathway.of(r.path()) : pathA[0]);
      if (before == Task.A && run.task() == Task.B) {
        initialB = snapshot(run);
      }
    }
    return new Snapshots(beforeLastA, initialB, snapshot(run), pathA[0], winnersB);
  }

  private static Map<Integer, FloatBuffer> snapshot(Run run) {
    Map<Integer, FloatBuffer> modules = new HashMap<>();
    for (int l = 0; l < settings.integer(LAYERS); l++) {
      for (int m = 0; m < settings.integer(MODULES); m++) {
        modules.put(l * settings.integer(MODULES) + m, FloatBuffer.wrap(run.store().module(l, m).params().clone()));
      }
    }
    return modules;
  }

  @Test
  void taskAsPathModulesAreBitForBitUnchangedAfterTaskB() {
    Snapshots s = runAndSnapshot();
    assertNotNull(s.pathA());
    int frozen = 0;
    for (int l = 0; l < settings.integer(LAYERS); l++) {
      for (int m : s.pathA().activeModules(l)) {
        int id = l * settings.integer(MODULES) + m;
        assertEquals(s.initialB().get(id), s.afterB().get(id), "frozen module " + l + "/" + m);
        frozen++;
      }
    }
    assertEquals(9, frozen, "a fresh path has N distinct modules in each of L layers");
    assertNotEquals(0, s.winnersB().stream().mapToInt(p -> p.overlap(s.pathA())).sum(),
        "task B's winners trained through frozen modules, so the check has teeth");
  }

  @Test
  void everyOtherModuleIsReinitialisedForTaskB() {
    Snapshots s = runAndSnapshot();
    int reinitialised = 0;
    for (int l = 0; l < settings.integer(LAYERS); l++) {
      for (int m = 0; m < settings.integer(MODULES); m++) {
        if (!s.pathA().uses(l, m)) {
          int id = l * settings.integer(MODULES) + m;
          assertNotEquals(s.beforeLastA().get(id), s.initialB().get(id), "module " + l + "/" + m + " re-initialised");
          reinitialised++;
        }
      }
    }
    assertEquals(30 - 9, reinitialised);
  }

  @Test
  void overlapCountsTheDistinctPositionsOfBsPathOnAsPath() {
    Pathway a = Pathway.of(new int[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, 8}});
    assertEquals(0, Pathway.of(new int[][] {{3, 4, 5}, {0, 1, 2}, {0, 1, 2}}).overlap(a));
    assertEquals(9, Pathway.of(new int[][] {{2, 1, 0}, {5, 4, 3}, {8, 7, 6}}).overlap(a));
    assertEquals(3, Pathway.of(new int[][] {{0, 9, 9}, {3, 9, 8}, {6, 0, 1}}).overlap(a));
    // a repeated gene counts its position once
    assertEquals(1, Pathway.of(new int[][] {{1, 1, 1}, {9, 9, 9}, {9, 9, 9}}).overlap(a));
  }
}
