package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.experiment.SettingKey.ACTIVE;
import static org.pathnet.experiment.SettingKey.AGGREGATION;
import static org.pathnet.experiment.SettingKey.BATCH_SIZE;
import static org.pathnet.experiment.SettingKey.DATA;
import static org.pathnet.experiment.SettingKey.LAYERS;
import static org.pathnet.experiment.SettingKey.LEARNING_RATE;
import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.MODULES;
import static org.pathnet.experiment.SettingKey.MODULE_SIZE;
import static org.pathnet.experiment.SettingKey.MUTATION_RATE;
import static org.pathnet.experiment.SettingKey.OPTIMIZER;
import static org.pathnet.experiment.SettingKey.POPULATION;
import static org.pathnet.experiment.SettingKey.PROFILE;
import static org.pathnet.experiment.SettingKey.SEEDS;
import static org.pathnet.experiment.SettingKey.STEPS;
import static org.pathnet.experiment.SettingKey.STOP_WHEN_SOLVED;
import static org.pathnet.experiment.SettingKey.THRESHOLD;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.network.Aggregation;

/** Settings: profiles from conf/, explicit overrides, and a clear error for every bad key or value. */
class SettingsTest {
  private static String error(String... overrides) {
    return assertThrows(InvalidInputException.class, () -> StudyFixtures.settings(overrides)).getMessage();
  }

  @Test
  void theSeedProfileIsTheDefaultAndMatchesPathnetMd() {
    Settings s = StudyFixtures.settings();
    assertEquals("seed", s.text(PROFILE));
    assertEquals(List.of(3, 10, 3, 20, 64, 50, 16), List.of(s.integer(LAYERS), s.integer(MODULES), s.integer(ACTIVE),
        s.integer(MODULE_SIZE), s.integer(POPULATION), s.integer(STEPS), s.integer(BATCH_SIZE)));
    assertEquals("adam", s.text(OPTIMIZER));
    assertEquals(0.001, s.decimal(LEARNING_RATE));
    assertEquals(0.998, s.decimal(THRESHOLD));
    assertEquals(1.0 / 9, s.decimal(MUTATION_RATE), 1e-15);
    assertEquals(Aggregation.SUM, s.choice(AGGREGATION, Aggregation.class));
    assertEquals(1000, s.integer(MAX_GENERATIONS));
    assertEquals(8, s.integer(SEEDS));
    assertEquals(List.of(Arm.PATHNET, Arm.SCRATCH, Arm.DENOVO, Arm.FINETUNE), s.arms());
    assertEquals("5,6->6,7", s.pairs().get(0).label());
    assertTrue(s.flag(STOP_WHEN_SOLVED));
    assertTrue(s.text(DATA).startsWith("file:") && s.text(DATA).endsWith("/data/"), s.text(DATA));
  }

  @Test
  void thePaperProfileUsesPlainSgd() {
    Settings s = StudyFixtures.settings("profile", "paper");
    assertEquals("sgd", s.text(OPTIMIZER));
    assertEquals(0.0001, s.decimal(LEARNING_RATE));
  }

  @Test
  void explicitKeysOverrideTheProfile() {
    Settings s = StudyFixtures.settings("profile", "paper", "learningRate", "0.05", "L", "4", "aggregation", "mean");
    assertEquals(0.05, s.decimal(LEARNING_RATE));
    assertEquals(4, s.integer(LAYERS));
    assertEquals(1.0 / 12, s.decimal(MUTATION_RATE), 1e-15);
    assertEquals(Aggregation.MEAN, s.choice(AGGREGATION, Aggregation.class));
  }

  @Test
  void pairsListsSeveralTaskPairs() {
    Settings s = StudyFixtures.settings("pairs", "5,6->6,7;5,6->8,9");
    assertEquals(List.of("5,6->6,7", "5,6->8,9"), s.pairs().stream().map(TaskPair::label).toList());
  }

  @Test
  void resolvedSettingsRoundTripThroughTheirProperties() {
    Settings s = StudyFixtures.settings("seeds", "3", "taskB", "8,9", "noise", "0.1");
    Map<String, String> props = s.toProperties();
    Settings again = Settings.fromSparkConf(props, null);
    assertEquals(props, again.toProperties());
  }

  @Test
  void settingsWrittenBeforeAKeyExistedReadThatKeyAsItsDefault() {
    Map<String, String> before = new HashMap<>(StudyFixtures.settings("seeds", "3").toProperties());
    assertEquals("0.0", before.remove("spark.pathnet.noise"));

    Settings resumed = Settings.continuing(before, Map.of(), null);
    assertEquals(0.0, resumed.decimal(SettingKey.NOISE));
    assertEquals(StudyFixtures.settings("seeds", "3").toProperties(), resumed.toProperties());
    assertEquals(0.0, Settings.fromSparkConf(before, null).decimal(SettingKey.NOISE), "as --properties-file");
  }

  @Test
  void aResumeCannotGiveAKeyTheStoredSettingsLackAnotherValue() {
    Map<String, String> before = new HashMap<>(StudyFixtures.settings().toProperties());
    before.remove("spark.pathnet.noise");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> Settings.continuing(before, Map.of("spark.pathnet.noise", "0.2"), null));
    assertEquals("spark.pathnet.noise=0.2 differs from the resumed study's 0.0: a study resumes under its own"
        + " settings (only maxGenerations may be raised)", e.getMessage());
  }

  @Test
  void configPropertiesKeepsAutoMutationRateSoAnotherLFollowsIt() {
    Map<String, String> props = new HashMap<>(StudyFixtures.settings().toProperties());
    assertEquals("auto", props.get("spark.pathnet.mutationRate"));
    props.put("spark.pathnet.L", "4");
    assertEquals(1.0 / 12, Settings.fromSparkConf(props, null).decimal(MUTATION_RATE), 1e-15);
  }

  @Test
  void anUnknownKeyIsAnErrorThatNamesTheKnownOnesAndTheNamedVariantsForm() {
    String error = error("poplation", "10");
    assertTrue(error.startsWith("unknown setting spark.pathnet.poplation (known: "), error);
    assertTrue(error.contains(" population,") && error.endsWith("; and named variants' spark.pathnet.variant.NAME.KEY)"),
        error);
  }

  @Test
  void theRenamedGenerationsPerTaskNamesItsNewKey() {
    assertEquals("spark.pathnet.generationsPerTask was renamed: use spark.pathnet.generationsPerRound",
        error("generationsPerTask", "4"));
  }

  /** Every numeric key of docs/PATHNET.md's settings table, below, above and beside its range. */
  @ParameterizedTest
  @CsvSource({
      "L, 0, 'an integer from 1 to 16'",
      "L, 17, 'an integer from 1 to 16'",
      "M, x, 'an integer from 1 to 1000'",
      "M, 0, 'an integer from 1 to 1000'",
      "M, 1001, 'an integer from 1 to 1000'",
      "N, 11, 'an integer from 1 to M (10)'",
      "N, 0, 'an integer from 1 to M (10)'",
      "moduleSize, 0, 'an integer from 1 to 4096'",
      "moduleSize, 4097, 'an integer from 1 to 4096'",
      "population, 1, 'an integer from 2 to 1000000'",
      "population, 1000001, 'an integer from 2 to 1000000'",
      "population, 2.5, 'an integer from 2 to 1000000'",
      "T, -5, 'an integer from 1 to 100000'",
      "T, 100001, 'an integer from 1 to 100000'",
      "batchSize, 0, 'an integer from 1 to 100000'",
      "batchSize, 100001, 'an integer from 1 to 100000'",
      "threshold, 1.5, 'a number greater than 0 and at most 1'",
      "threshold, 0, 'a number greater than 0 and at most 1'",
      "threshold, NaN, 'a number greater than 0 and at most 1'",
      "learningRate, 0, 'a number greater than 0 and at most 10'",
      "learningRate, 10.5, 'a number greater than 0 and at most 10'",
      "learningRate, Infinity, 'a number greater than 0 and at most 10'",
      "noise, -0.1, 'a number from 0 to 1'",
      "noise, 1.5, 'a number from 0 to 1'",
      "mutationRate, 2, 'a number from 0 to 1'",
      "mutationRate, -0.1, 'a number from 0 to 1'",
      "maxGenerations, 0, 'an integer from 1 to 100000000'",
      "maxGenerations, 100000001, 'an integer from 1 to 100000000'",
      "seeds, 0, 'an integer from 1 to 1000000'",
      "seeds, 1000001, 'an integer from 1 to 1000000'",
      "seed, 1.5, 'a 64-bit integer'",
      "seed, 9223372036854775808, 'a 64-bit integer'",
      "partitions, -1, 'an integer from 0 to 1000000'",
      "partitions, 1000001, 'an integer from 0 to 1000000'",
      "generationsPerRound, 0, 'an integer from 1 to 1000000'",
      "checkpointEvery, -1, 'an integer from 0 to 100000000'",
      "kernel, gpu, 'one of [vector, reference]'",
      "generationsPerRound, 1000001, 'an integer from 1 to 1000000'",
      "checkpointEvery, x, 'an integer from 0 to 100000000'",
      "optimizer, rmsprop, 'one of [adam, sgd]'",
      "aggregation, max, 'one of [sum, mean]'",
      "init, xavier, 'one of [tf]'",
      "stopWhenSolved, yes, 'one of [true, false]'",
  })
  void aValueOutOfRangeNamesKeyValueAndRange(String key, String value, String expected) {
    assertEquals("spark.pathnet." + key + "=" + value + " is out of range: expected " + expected, error(key, value));
  }

  @Test
  void anUnknownProfileIsAnError() {
    assertTrue(error("profile", "fast").contains("unknown profile"));
  }

  @Test
  void anUnknownArmIsAnError() {
    assertTrue(error("arms", "pathnet,transfer").contains("unknown arm 'transfer'"));
  }

  @Test
  void aMalformedPairListIsAnError() {
    assertTrue(error("pairs", "5,6->6").contains("expected two classes as a,b"));
    assertTrue(error("pairs", "5,6;6,7").contains("expected pairs as a,b->c,d"));
    assertTrue(error("taskA", "5,5").contains("the two classes must differ"));
  }

  @Test
  void pairsTogetherWithTaskAOrTaskBIsAnError() {
    assertTrue(error("pairs", "5,6->6,7", "taskB", "8,9").contains("set one or the other"));
  }

  @Test
  void embeddedDataNeedsTheProjectHome() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> Settings.resolve(Map.of(), null));
    assertTrue(e.getMessage().contains("pathnet.home"));
  }
}
