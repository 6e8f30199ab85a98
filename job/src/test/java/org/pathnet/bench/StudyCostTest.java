package org.pathnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.StudyFixtures.settings;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.InProcessRounds;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;

/** The cost line's figures, worked by hand, and the calibration's sanity. */
class StudyCostTest {
  @Test
  void theBoundIsEveryTaskToTheCapAndTheTypicalCostReadsTheMeasuredStudy() {
    // 2 seeds x (pathnet: A and B; scratch: B only) at a cap of 1,000: 2 x (2,000 + 1,000) = 6,000 at most;
    // typically 2 x (25.9 + 6.0 + 5.9) = 75.6, rounded 76; at 5 ms on 2 cores: 15 s at most, 0.19 s typically
    Settings s = settings("seeds", "2", "arms", "pathnet,scratch");
    Study study = new Study(s, StudyData.load(s, new Configuration()));
    assertEquals(6_000, study.generationsLeftAtMost());
    assertEquals("pathnet: cost: at most 6,000 run-generations (every task to maxGenerations 1,000), typically 76"
        + " (each arm's mean per task, at most the cap: the 4,000-run study of the seed profile in"
        + " docs/PERFORMANCE.md); x 5.0 ms per run-generation (calibrated here) / 2 cores = 0 s typically, 15 s at"
        + " most, of contests",
        StudyCost.line(s, study, 5.0, 2));
  }

  @Test
  void aTypicalTaskNeverOutlastsTheCapAndWithoutStoppingTheBoundIsTheCost() {
    // a cap of 10: pathnet typically min(25.9, 10) + 6.0 = 16 per run
    Settings capped = settings("seeds", "1", "arms", "pathnet", "maxGenerations", "10");
    String cappedLine = StudyCost.line(capped, new Study(capped, StudyData.load(capped, new Configuration())), 5.0, 1);
    assertTrue(cappedLine.contains("at most 20 run-generations (every task to maxGenerations 10), typically 16 ("),
        cappedLine);
    Settings unstopped = settings("seeds", "1", "arms", "pathnet", "maxGenerations", "10", "stopWhenSolved", "false");
    String line = StudyCost.line(unstopped, new Study(unstopped, StudyData.load(unstopped, new Configuration())), 5.0,
        1);
    assertTrue(line.startsWith("pathnet: cost: at most 20 run-generations (every task to maxGenerations 10); x 5.0"),
        line);
  }

  @Test
  void settingsWithoutAMeasuredStudyGetOnlyTheBound() {
    Settings s = settings("seeds", "1", "arms", "denovo", "optimizer", "sgd", "learningRate", "0.01",
        "maxGenerations", "100");
    Study study = new Study(s, StudyData.load(s, new Configuration()));
    assertEquals("pathnet: cost: at most 100 run-generations (every task to maxGenerations 100); x 4.0 ms per"
        + " run-generation (calibrated here) / 1 cores = 0 s at most, of contests", StudyCost.line(s, study, 4.0, 1));
  }

  @Test
  void theBoundShrinksAsTheStudyPlaysAndTheCalibrationMeasuresSomething() {
    Settings s = settings("seeds", "1", "arms", "finetune", "maxGenerations", "3", "stopWhenSolved", "false");
    StudyData data = StudyData.load(s, new Configuration());
    Study study = new Study(s, data);
    long[] left = new long[8];
    int[] round = new int[1];
    study.run(new InProcessRounds(data, 1), r -> left[round[0]++] = r.progress().generationsLeftAtMost());
    // finetune: A then B, 3 generations each, one generation per round
    assertEquals(6, round[0]);
    assertEquals(5, left[0]);
    assertEquals(0, study.generationsLeftAtMost());
    double ms = StudyCost.calibrate(s, data);
    assertTrue(ms > 0 && ms < 10_000, "calibrated " + ms + " ms per run-generation");
  }

  @Test
  void durationsReadInTheirUnit() {
    assertEquals("90 s", StudyCost.duration(90_000));
    assertEquals("30 min", StudyCost.duration(1_800_000));
    assertEquals("2.5 h", StudyCost.duration(9_000_000));
  }
}
