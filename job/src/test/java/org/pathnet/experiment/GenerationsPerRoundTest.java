package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.StudyFixtures;

/**
 * Evolving a run G generations at a time gives the same study as one generation per round (docs/PATHNET.md: nothing
 * depends on generationsPerRound), through solves, task changes and the cap falling inside a block of G.
 */
class GenerationsPerRoundTest {
  /** A low threshold makes runs solve (and move to task B, or finish) at different generations within a round. */
  private static final Settings SETTINGS = StudyFixtures.settings("seeds", "2", "threshold", "0.985",
      "maxGenerations", "7");

  @Test
  void threeOrFiveGenerationsPerRoundGiveTheSameTablesAsOne() {
    StudyData data = StudyFixtures.data(SETTINGS);
    Study.Results one = new Study(SETTINGS, data).run(new InProcessRounds(data, 1), round -> { });
    long solvedTasks = one.runs().stream().filter(TaskOutcome::solved).count();
    assertTrue(solvedTasks > 0 && solvedTasks < one.runs().size(), "some tasks solve early, some hit the cap");
    for (int g : new int[] {3, 5}) {
      Study.Results blocks = new Study(SETTINGS, data).run(new InProcessRounds(data, g), round -> { });
      assertEquals(StudyFixtures.generationRows(one), StudyFixtures.generationRows(blocks), "generations table, G = " + g);
      assertEquals(StudyFixtures.runRows(one), StudyFixtures.runRows(blocks), "runs table, G = " + g);
    }
  }
}
