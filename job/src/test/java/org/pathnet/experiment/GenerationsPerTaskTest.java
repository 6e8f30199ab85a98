package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evolving a run G generations at a time gives the same study as one generation per round (PATHNET.md: nothing
 * depends on generationsPerTask), through solves, task changes and the cap falling inside a block of G.
 */
class GenerationsPerTaskTest {
  /** A low threshold makes runs solve (and move to task B, or finish) at different generations within a round. */
  private static final Settings SETTINGS = StudyFixtures.settings("seeds", "2", "threshold", "0.985",
      "maxGenerations", "7");

  private static List<String> rows(Study.Results results) {
    return results.generations().stream()
        .map(g -> String.join(" ", g.pair(), Integer.toString(g.seed()), g.arm(), g.task(),
            Integer.toString(g.generation()), Double.toString(g.winnerFitness()), String.valueOf(g.loserFitness()),
            Arrays.deepToString(g.winnerPath())))
        .sorted().toList();
  }

  private static List<String> runRows(Study.Results results) {
    return results.runs().stream()
        .map(r -> String.join(" ", r.pair(), Integer.toString(r.seed()), r.arm(), r.task(), r.classes(),
            Boolean.toString(r.solved()), String.valueOf(r.generations()), String.valueOf(r.overlap()),
            Double.toString(r.testAccuracy()), Arrays.deepToString(r.path())))
        .sorted().toList();
  }

  @Test
  void threeOrFiveGenerationsPerRoundGiveTheSameTablesAsOne() {
    StudyData data = StudyFixtures.data(SETTINGS);
    Study.Results one = new Study(SETTINGS, data)
        .run(new LocalContestRunner(TrainingPlan.of(SETTINGS, data.inputSize()), data), round -> { });
    long solvedTasks = one.runs().stream().filter(RunRecord::solved).count();
    assertTrue(solvedTasks > 0 && solvedTasks < one.runs().size(), "some tasks solve early, some hit the cap");
    for (int g : new int[] {3, 5}) {
      Study.Results blocks = new Study(SETTINGS, data).run(new InProcessRounds(data, g), round -> { });
      assertEquals(rows(one), rows(blocks), "generations table, G = " + g);
      assertEquals(runRows(one), runRows(blocks), "runs table, G = " + g);
    }
  }
}
