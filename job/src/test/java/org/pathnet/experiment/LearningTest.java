package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.StudyFixtures;

/** PathNet learns: on the embedded MNIST subset, the seed profile solves task A (5 vs 6) quickly. */
class LearningTest {
  @Test
  void taskAIsSolvedWithin200GenerationsForThreeOfThreeSeeds() {
    Settings settings = StudyFixtures.settings("arms", "pathnet", "seeds", "3", "maxGenerations", "200");
    StudyData data = StudyFixtures.data(settings);
    Study.Results results = new Study(settings, data).run(new InProcessRounds(data, 1), round -> { });
    List<TaskOutcome> taskA = results.runs().stream().filter(r -> r.task().equals("A")).toList();
    assertEquals(3, taskA.size());
    for (TaskOutcome run : taskA) {
      assertTrue(run.solved() && run.generations() <= 200, "seed " + run.seed() + ": " + run);
      assertTrue(run.testAccuracy() > 0.95, "the solving path generalises: " + run.testAccuracy());
    }
  }
}
