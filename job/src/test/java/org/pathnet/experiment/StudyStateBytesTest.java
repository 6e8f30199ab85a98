package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.network.Architecture;

/**
 * What sizes the driver's heap is what the runs hold: a fresh study's runs weigh what {@link StudyRuns#stateBytes}
 * says, less the task-B head none has yet; a fixed-path run keeps only its pathway's modules.
 */
class StudyStateBytesTest {
  @Test
  void theEstimateIsWhatTheRunsHoldPlusOneHeadEach() {
    Settings settings = StudyFixtures.settings("seeds", "2");
    StudyData data = StudyFixtures.data(settings);
    Study study = new Study(settings, data);
    long held = 0;
    long fixedPath = 0;
    StudyRuns runs = StudyRuns.of(settings, data.inputSize());
    for (int index = 0; index < runs.count(); index++) {
      Run run = runs.start(index);
      held += run.store().bytes();
      if (!run.id().arm().evolves()) {
        fixedPath = run.store().bytes();
      }
    }
    Architecture arch = TrainingPlan.of(settings, data.inputSize()).architecture();
    long head = 3L * 4 * arch.headParameters();
    assertEquals(runs.stateBytes(), held + study.size() * head);
    long layerOne = 3L * 4 * arch.moduleParameters(0);
    assertTrue(fixedPath < 4 * layerOne, "a fixed-path run keeps 3 of its 10 layer-1 modules: " + fixedPath);
  }
}
