package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.experiment.SettingKey.DATA;
import static org.pathnet.experiment.SettingKey.LEARNING_RATE;
import static org.pathnet.experiment.SettingKey.MUTATION_RATE;
import static org.pathnet.experiment.SettingKey.OPTIMIZER;
import static org.pathnet.experiment.SettingKey.SEEDS;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.StudyFixtures;

/** Variants: several per-run settings in one study, as a grid or named, their labels, settings and refusals. */
class VariantsTest {
  /** The per-run keys, in declaration order: a key added to {@link SettingKey} joins them without a test edit. */
  private static final String VARIANT_KEYS = Arrays.stream(SettingKey.values())
      .filter(k -> k.scope() == SettingKey.Scope.RUN).map(SettingKey::key).collect(Collectors.joining(", "));

  @Test
  void theVariantKeysAreTheNetworksTheTrainingsAndTheTournamentsSettings() {
    List<String> keys = List.of(VARIANT_KEYS.split(", "));
    assertTrue(keys.containsAll(List.of("L", "M", "N", "moduleSize", "population", "T", "batchSize", "threshold",
        "optimizer", "learningRate", "init", "aggregation", "noise", "mutationRate", "maxGenerations")), VARIANT_KEYS);
    assertFalse(keys.contains("seeds") || keys.contains("kernel") || keys.contains("generationsPerRound"),
        VARIANT_KEYS);
  }

  private static String error(String... overrides) {
    return assertThrows(InvalidInputException.class, () -> StudyFixtures.settings(overrides)).getMessage();
  }

  private static List<String> labels(Settings settings) {
    return settings.variants().stream().map(Variant::label).toList();
  }

  @Test
  void theGridExpandsTheFirstAxisSlowestWithLabelsInAxisOrder() {
    Settings s = StudyFixtures.settings("variants", "optimizer=adam,sgd x learningRate=0.001,0.01");
    assertEquals(List.of("adam lr=0.001", "adam lr=0.01", "sgd lr=0.001", "sgd lr=0.01"), labels(s));
    Map<String, String> overrides = s.variants().get(2).overrides();
    assertEquals(Map.of("optimizer", "sgd", "learningRate", "0.001"), overrides);
    assertEquals(List.of("optimizer", "learningRate"), List.copyOf(overrides.keySet()));
  }

  @Test
  void gridKeysAndValuesAreTrimmed() {
    Settings s = StudyFixtures.settings("variants", "  L = 2 , 4   x\taggregation= mean ");
    assertEquals(List.of("L=2 mean", "L=4 mean"), labels(s));
    assertEquals(Map.of("L", "2", "aggregation", "mean"), s.variants().get(0).overrides());
  }

  @Test
  void labelsShowAChoiceAloneAndOtherKeysByTheirAbbreviation() {
    Settings s = StudyFixtures.settings("variants", "maxGenerations=10 x mutationRate=0.1 x moduleSize=8"
        + " x population=4 x batchSize=2 x threshold=0.9 x noise=0.1 x T=5 x M=12 x N=2 x init=tf");
    assertEquals(List.of("cap=10 mut=0.1 size=8 pop=4 batch=2 thr=0.9 noise=0.1 T=5 M=12 N=2 tf"), labels(s));
  }

  @Test
  void namedVariantsAreSortedByNameAndLabelledByIt() {
    Settings s = StudyFixtures.settings("variant.slow.learningRate", "0.0001", "variant.fast.learningRate", " 0.01 ",
        "variant.fast.optimizer", "sgd");
    assertEquals(List.of("fast", "slow"), labels(s));
    Map<String, String> fast = s.variants().get(0).overrides();
    assertEquals(List.of("optimizer", "learningRate"), List.copyOf(fast.keySet()));
    assertEquals(Map.of("optimizer", "sgd", "learningRate", "0.01"), fast);
  }

  @Test
  void aStudyWithoutVariantsHasTheOneBaseVariant() {
    Settings s = StudyFixtures.settings();
    assertEquals(List.of(Variant.BASE), s.variants());
    assertEquals("base", s.variants().get(0).label());
    assertTrue(s.variants().get(0).overrides().isEmpty());
  }

  @Test
  void aVariantsSettingsCarryItsOverrideAndTheStudysOtherValues() {
    Settings study = StudyFixtures.settings("seeds", "3", "variants", "learningRate=0.1,0.2");
    Variant second = study.variants().get(1);
    Settings run = study.of(second);
    assertEquals(0.2, run.decimal(LEARNING_RATE));
    assertEquals(3, run.integer(SEEDS));
    assertEquals("adam", run.text(OPTIMIZER));
    assertEquals(study.text(DATA), run.text(DATA));
    assertEquals(List.of(second), run.variants());
  }

  @Test
  void aVariantOverridesTheProfile() {
    Settings study = StudyFixtures.settings("profile", "paper", "variants", "optimizer=adam,sgd");
    Settings adam = study.of(study.variants().get(0));
    assertEquals("adam", adam.text(OPTIMIZER));
    assertEquals(0.0001, adam.decimal(LEARNING_RATE));
  }

  @Test
  void autoMutationRateFollowsAVariantsL() {
    Settings study = StudyFixtures.settings("variants", "L=2,4");
    assertEquals(1.0 / 6, study.of(study.variants().get(0)).decimal(MUTATION_RATE), 1e-15);
    assertEquals(1.0 / 12, study.of(study.variants().get(1)).decimal(MUTATION_RATE), 1e-15);
  }

  @Test
  void anotherStudysVariantHasNoSettingsHere() {
    Settings study = StudyFixtures.settings("variants", "L=2,4");
    assertThrows(IllegalArgumentException.class, () -> study.of(new Variant("L=5", Map.of("L", "5"))));
  }

  @Test
  void anUnknownKeyInAnAxisNamesTheAxisAndTheVariantKeys() {
    assertEquals("spark.pathnet.variants: axis 'lr=0.1,0.2': unknown key 'lr': expected a variant key, one of "
        + VARIANT_KEYS, error("variants", "lr=0.1,0.2"));
  }

  @Test
  void anUnknownKeyInANamedVariantNamesTheEntryAndTheVariantKeys() {
    assertEquals("spark.pathnet.variant.fast.lr: unknown key 'lr': expected a variant key, one of " + VARIANT_KEYS,
        error("variant.fast.lr", "0.1"));
  }

  @Test
  void aStudyKeyIsNoAxis() {
    assertEquals("spark.pathnet.variants: axis 'seeds=1,2': seeds is a study setting, not a variant key: a question"
        + " about it is several studies", error("variants", "seeds=1,2"));
  }

  @Test
  void aStudyKeyIsNoNamedVariantKey() {
    assertEquals("spark.pathnet.variant.big.pairs: pairs is a study setting, not a variant key: a question about it"
        + " is several studies", error("variant.big.pairs", "5,6->8,9"));
  }

  @Test
  void aKeyBothVariedAndSetIsRefused() {
    assertEquals("spark.pathnet.learningRate=0.01 is set and also varied by spark.pathnet.variants: expected a"
        + " variant key only in the variants", error("learningRate", "0.01", "variants", "learningRate=0.1,0.2"));
  }

  @Test
  void aKeyBothInANamedVariantAndSetNamesTheEntry() {
    assertEquals("spark.pathnet.L=4 is set and also varied by spark.pathnet.variant.deep.L: expected a variant key"
        + " only in the variants", error("L", "4", "variant.deep.L", "5", "variant.wide.M", "20"));
  }

  @Test
  void anAxisTwiceIsRefused() {
    assertEquals("spark.pathnet.variants: L is an axis twice: expected each key once",
        error("variants", "L=2,3 x M=5,6 x L = 4"));
  }

  @Test
  void aValueTwiceInAnAxisIsRefused() {
    assertEquals("spark.pathnet.variants: axis 'L=2,3, 2' lists 2 twice: expected each value once",
        error("variants", "L=2,3, 2"));
  }

  @Test
  void anEmptyAxisIsRefused() {
    assertEquals("spark.pathnet.variants: axis 'learningRate=' has no values: expected learningRate=V1,V2,...",
        error("variants", "L=2,3 x learningRate="));
  }

  @Test
  void anEmptyValueIsRefused() {
    assertEquals("spark.pathnet.variants: axis 'learningRate=0.1,,0.2' has an empty value: expected"
        + " learningRate=V1,V2,...", error("variants", "learningRate=0.1,,0.2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"L=2,3 x  x M=5,6", "L=2,3 x", "x L=2,3"})
  void anEmptyPartBetweenSeparatorsIsRefused(String grid) {
    assertEquals("spark.pathnet.variants=" + grid.trim() + " has an empty part between ' x ' separators: expected"
        + " axes KEY=V1,V2,... separated by ' x '", error("variants", grid));
  }

  @Test
  void aPartWithoutEqualsIsRefused() {
    assertEquals("spark.pathnet.variants: part 'mean' is not an axis: expected KEY=V1,V2,...",
        error("variants", "L=2,3 x mean"));
  }

  @Test
  void aGridAndNamedVariantsTogetherAreRefused() {
    assertEquals("spark.pathnet.variants and spark.pathnet.variant.deep.L are both given: expected a grid or named"
        + " variants, not both", error("variants", "M=5,6", "variant.deep.L", "5"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"variant.deep", "variant..L", "variant.de ep.L", "variant.deep.", "variant.de.ep.L"})
  void aMalformedNamedVariantEntryIsRefused(String entry) {
    assertEquals("spark.pathnet." + entry + " is not a named variant's entry: expected"
        + " spark.pathnet.variant.NAME.KEY with NAME of letters, digits, _ and - and KEY a per-run key",
        error(entry, "5"));
  }

  @Test
  void aValueOutOfRangeNamesTheGridVariant() {
    assertEquals("spark.pathnet.variants: variant 'sgd lr=-1': spark.pathnet.learningRate=-1 is out of range:"
        + " expected a number greater than 0 and at most 10",
        error("variants", "optimizer=sgd,adam x learningRate=0.01,-1"));
  }

  @Test
  void aValueOutOfRangeNamesTheNamedVariant() {
    assertEquals("spark.pathnet.variant.*: variant 'wide': spark.pathnet.N=6 is out of range: expected an integer"
        + " from 1 to M (5)", error("N", "6", "variant.wide.M", "5", "variant.big.M", "20"));
  }

  @Test
  void gridVariantsThatResolveAlikeAreRefusedByLabel() {
    assertEquals("spark.pathnet.variants: variants 'lr=0.01' and 'lr=1e-2' resolve to the same settings: expected"
        + " every variant to differ", error("variants", "learningRate=0.01,1e-2"));
  }

  @Test
  void namedVariantsThatResolveAlikeAreRefusedByName() {
    // both repeat the defaults (L=3, M=10), so both train as the study does
    assertEquals("spark.pathnet.variant.*: variants 'deep' and 'wide' resolve to the same settings: expected every"
        + " variant to differ", error("variant.deep.L", "3", "variant.wide.M", "10"));
  }

  @Test
  void aGridRoundTripsThroughItsProperties() {
    Settings s = StudyFixtures.settings("variants", " optimizer = adam,sgd   x learningRate=0.001, 0.01", "L", "4");
    Map<String, String> props = s.toProperties();
    assertEquals("optimizer=adam,sgd x learningRate=0.001,0.01", props.get("spark.pathnet.variants"));
    assertFalse(props.containsKey("spark.pathnet.learningRate"), "a varied key is no plain setting");
    assertEquals("auto", props.get("spark.pathnet.mutationRate"));
    Settings again = Settings.fromSparkConf(props, null);
    assertEquals(props, again.toProperties());
    assertEquals(s.variants(), again.variants());
    assertEquals(1.0 / 12, again.of(again.variants().get(0)).decimal(MUTATION_RATE), 1e-15);
  }

  @Test
  void namedVariantsRoundTripThroughTheirProperties() {
    Settings s = StudyFixtures.settings("variant.slow.learningRate", "0.0001", "variant.fast.optimizer", "sgd",
        "variant.fast.learningRate", "0.01");
    Map<String, String> props = s.toProperties();
    assertEquals("sgd", props.get("spark.pathnet.variant.fast.optimizer"));
    assertEquals("", props.get("spark.pathnet.variants"));
    Settings again = Settings.fromSparkConf(props, null);
    assertEquals(props, again.toProperties());
    assertEquals(s.variants(), again.variants());
  }

  @Test
  void aVariantsSettingsRecordThatVariantAlone() {
    Settings study = StudyFixtures.settings("variants", "optimizer=adam,sgd x learningRate=0.001,0.01");
    Variant variant = study.variants().get(3);
    Map<String, String> props = study.of(variant).toProperties();
    assertEquals("optimizer=sgd x learningRate=0.01", props.get("spark.pathnet.variants"));
    assertEquals(List.of(variant), Settings.fromSparkConf(props, null).variants());
  }

  @Test
  void aResumedStudyKeepsItsVariants() {
    Map<String, String> stored = StudyFixtures.settings("variants", "L=2,4").toProperties();
    assertEquals(stored, Settings.continuing(stored, Map.of(), null).toProperties());
  }

  @Test
  void aNamedVariantAddedOnResumingIsRefused() {
    // a new variant of a key the study varies already: no plain setting of the study conflicts with it
    Map<String, String> stored = StudyFixtures.settings("variant.deep.L", "4", "variant.wide.M", "20").toProperties();
    Map<String, String> conf = Map.of("spark.pathnet.variant.deeper.L", "5");
    assertEquals("spark.pathnet.variant.deeper.L=5 differs from the resumed study's (unset): a study resumes under"
        + " its own settings (only maxGenerations may be raised)",
        assertThrows(InvalidInputException.class, () -> Settings.continuing(stored, conf, null)).getMessage());
  }
}
