package org.pathnet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.experiment.Variant;
import org.pathnet.fixtures.StudyFixtures;

/** The claims' verdicts follow the numbers: reproduced, reversed, or not reproduced when the data cannot tell. */
class ClaimsTest {
  private static final int[][] PATH = {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}};

  /**
   * A seed-profile study of 20 seeds: pathnet's task A takes {@code pathnetA} + seed % 3 generations, finetune's
   * {@code finetuneA} + seed % 3; task B takes {@code pathnetB} (+ seed % 3) for pathnet and {@code controlB} for
   * the controls.
   */
  private static StudyResults seedProfile(int pathnetA, int finetuneA, int pathnetB, int controlB) {
    Settings settings = StudyFixtures.settings("seeds", "20");
    List<TaskOutcome> runs = new ArrayList<>();
    for (int seed = 0; seed < 20; seed++) {
      int jitter = seed % 3;
      runs.add(run(seed, "pathnet", "A", pathnetA + jitter, null));
      runs.add(run(seed, "pathnet", "B", pathnetB + jitter, 3));
      runs.add(run(seed, "scratch", "B", controlB + jitter, null));
      runs.add(run(seed, "denovo", "B", controlB + jitter, null));
      runs.add(run(seed, "finetune", "A", finetuneA + jitter, null));
      runs.add(run(seed, "finetune", "B", controlB + jitter, null));
    }
    return new StudyResults("seed-profile", "?", settings, Map.of(), runs, List.of());
  }

  private static TaskOutcome run(int seed, String arm, String task, int generations, Integer overlap) {
    return new TaskOutcome(Variant.BASE_LABEL, "5,6->6,7", seed, arm, task, task.equals("A") ? "5,6" : "6,7", true,
        generations, overlap, 1.0, PATH);
  }

  private static Claims.Claim claim(StudyResults study, String source) {
    return Claims.evaluate(Map.of(study.name(), study)).stream().filter(c -> c.source().endsWith(source))
        .findFirst().orElseThrow();
  }

  @Test
  void aPathnetSlowerThanTheSelectedSizeNetworkOnTaskAReproducesClaimOneAndAFasterOneReversesIt() {
    assertEquals(Claims.REPRODUCED, claim(seedProfile(30, 7, 6, 6), "claim 1").verdict());
    assertEquals(Claims.REVERSED, claim(seedProfile(7, 30, 6, 6), "claim 1").verdict());
    Claims.Claim tie = claim(seedProfile(10, 10, 6, 6), "claim 1");
    assertEquals(Claims.NOT_REPRODUCED, tie.verdict());
    assertTrue(tie.numbers().contains("pathnet A ") && tie.numbers().contains("(20 of 20 solved)"), tie.numbers());
  }

  @Test
  void claimTwoNeedsOverNinetyPercentOfTheGenerationsOnTaskA() {
    assertEquals(Claims.REPRODUCED, claim(seedProfile(100, 7, 5, 6), "claim 2").verdict());
    Claims.Claim share = claim(seedProfile(26, 7, 6, 6), "claim 2");
    assertEquals(Claims.NOT_REPRODUCED, share.verdict());
    assertTrue(share.numbers().contains("79.5%"), share.numbers());
  }

  @Test
  void thePapersClaimNeedsTransferFasterThanScratchAndFinetuneByTheirIntervals() {
    assertEquals(Claims.REPRODUCED, claim(seedProfile(30, 7, 3, 9), "paper").verdict());
    assertEquals(Claims.REVERSED, claim(seedProfile(30, 7, 9, 3), "paper").verdict());
    assertEquals(Claims.NOT_REPRODUCED, claim(seedProfile(30, 7, 6, 6), "paper").verdict());
  }

  @Test
  void aClaimWhoseStudyIsMissingIsNotTested() {
    Claims.Claim claim = claim(seedProfile(30, 7, 6, 6), "claim 3");
    assertEquals(Claims.NOT_TESTED, claim.verdict());
    assertEquals("needs the study shared-class", claim.numbers());
  }
}
