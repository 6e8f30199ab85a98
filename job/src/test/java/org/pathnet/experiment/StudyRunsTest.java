package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.pathnet.experiment.SettingKey.SEEDS;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.StudyFixtures;

/**
 * A study's runs by index: the study's fixed order, and a follower built directly that is the run's own, since a new
 * study keeps only followers while its runs are started where they play.
 */
class StudyRunsTest {
  private static final Settings SETTINGS = StudyFixtures.settings("seeds", "3", "pairs", "5,6->6,7;8,9->6,7",
      "variants", "learningRate=0.001,0.01");

  @Test
  void runsAreNumberedByVariantThenPairThenSeedThenArm() {
    List<RunId> expected = new ArrayList<>();
    for (Variant variant : SETTINGS.variants()) {
      for (TaskPair pair : SETTINGS.pairs()) {
        for (int seed = 0; seed < SETTINGS.integer(SEEDS); seed++) {
          for (Arm arm : SETTINGS.arms()) {
            expected.add(new RunId(variant.label(), pair, seed, arm));
          }
        }
      }
    }
    StudyRuns runs = StudyRuns.of(SETTINGS, 28 * 28);
    assertEquals(2 * 2 * 3 * 4, expected.size());
    assertEquals(expected.size(), runs.count());
    for (int index = 0; index < runs.count(); index++) {
      assertEquals(expected.get(index), runs.id(index), "run " + index);
      assertEquals(expected.get(index), runs.start(index).id(), "run " + index);
    }
  }

  @Test
  void aFollowerBuiltDirectlyIsTheStartedRunsFollower() throws IOException {
    StudyRuns runs = StudyRuns.of(SETTINGS, 28 * 28);
    for (int index = 0; index < runs.count(); index++) {
      assertArrayEquals(evolution(runs.start(index).withoutParameters()), evolution(runs.follower(index)),
          "run " + index);
    }
  }

  /** What a checkpoint writes of a run's evolution: its progress, population and paths. */
  private static byte[] evolution(Run run) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      run.writeTo(out);
    }
    return bytes.toByteArray();
  }
}
