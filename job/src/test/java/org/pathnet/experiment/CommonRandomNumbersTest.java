package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.pathnet.experiment.SettingKey.SEED;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.network.ParameterSlice;

/**
 * docs/PATHNET.md's common random numbers: the random-stream key leaves the variant out, so seed s of two variants
 * that differ only in the learning rate starts from the same parameters and pathways and draws the same
 * minibatches; they are compared on paired samples.
 */
class CommonRandomNumbersTest {
  private static final Settings SETTINGS = StudyFixtures.settings("variants", "learningRate=0.001,0.01", "seeds", "2",
      "arms", "pathnet");

  @Test
  void seedSOfTwoLearningRatesStartsAlikeAndDrawsTheSameMinibatches() {
    StudyData data = StudyFixtures.data(SETTINGS);
    // the first contest of every run, variant lr=0.001 (seeds 0, 1) then lr=0.01 (seeds 0, 1)
    List<Contest> contests = new Study(SETTINGS, data).contests();
    assertEquals(4, contests.size());
    TrainingPlan slow = TrainingPlan.of(SETTINGS.of(SETTINGS.variants().get(0)), data.inputSize());

    // Played under one plan, seed 0 of both variants comes out bit-identical: the same starting parameters, the
    // same two pathways and the same minibatches and noise.
    assertEquals(fingerprint(contests.get(0).play(slow, data.sampler(contests.get(0).classes()))),
        fingerprint(contests.get(2).play(slow, data.sampler(contests.get(2).classes()))));
    // ...which would not hold by accident: seed 1 differs, and each variant's own learning rate trains differently
    assertNotEquals(fingerprint(contests.get(0).play(slow, data.sampler(contests.get(0).classes()))),
        fingerprint(contests.get(1).play(slow, data.sampler(contests.get(1).classes()))));
    assertNotEquals(fingerprint(contests.get(0).play(data.sampler(contests.get(0).classes()))),
        fingerprint(contests.get(2).play(data.sampler(contests.get(2).classes()))));
  }

  @Test
  void theRunsOfBothVariantsStartFromBitIdenticalModulesAndHeads() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    RandomStreams streams = new RandomStreams(SETTINGS.longInteger(SEED));
    List<byte[]> starts = new ArrayList<>();
    for (Variant variant : SETTINGS.variants()) {
      Settings own = SETTINGS.of(variant);
      Run run = Run.start(0, new RunId(variant.label(), SETTINGS.pairs().get(0), 0, Arm.PATHNET), own,
          TrainingPlan.of(own, data.inputSize()), streams, data);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      run.store().writeTo(new DataOutputStream(bytes));
      starts.add(bytes.toByteArray());
    }
    assertEquals(List.of("lr=0.001", "lr=0.01"), SETTINGS.variants().stream().map(Variant::label).toList());
    assertArrayEquals(starts.get(0), starts.get(1));
  }

  /** The fitnesses and every trained parameter of an outcome, as comparable values. */
  private static List<Object> fingerprint(ContestOutcome outcome) {
    List<Object> values = new ArrayList<>();
    values.add(outcome.result().firstFitness());
    values.add(outcome.result().secondFitness());
    ParameterSlice trained = outcome.result().winnerParameters();
    for (int i = 0; i < trained.size(); i++) {
      values.add(Arrays.toString(trained.moduleAt(i).params()));
    }
    values.add(Arrays.toString(trained.head().params()));
    return values;
  }
}
