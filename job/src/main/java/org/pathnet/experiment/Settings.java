package org.pathnet.experiment;

import static org.pathnet.experiment.SettingKey.*;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.pathnet.InvalidInputException;

/**
 * The resolved settings of a study: every key's default ({@link SettingKey}), what a profile in
 * {@code conf/profiles} changes, and explicit {@code spark.pathnet.KEY} values over both. Each value is parsed and
 * checked here, once, by its key's declaration, and read back by key ({@link SettingValues}); a bad value is an
 * {@link InvalidInputException} naming the key, the value and what was expected.
 */
public final class Settings implements SettingValues, Serializable {
  /** The prefix of every setting in Spark's configuration. */
  public static final String PREFIX = "spark.pathnet.";
  /** The {@code data} value that means the MNIST subset shipped in the project's {@code data/} folder. */
  static final String EMBEDDED_DATA = "embedded";
  /**
   * Where the project folder holding {@code data/} is named: this system property (the build sets it for
   * tests), else the environment variable {@link #HOME_VARIABLE} (submit.sh sets it).
   */
  public static final String HOME_PROPERTY = "pathnet.home";
  public static final String HOME_VARIABLE = "PATHNET_HOME";

  /** The profiles, each a file in {@code conf/profiles} of what differs from the defaults ({@link SettingKey}). */
  public static final List<String> PROFILES = ((SettingKey.Range.Choice) SettingKey.PROFILE.accepts()).values();

  /** The mutationRate that follows L and N: 1/(L*N). */
  private static final String AUTO_MUTATION_RATE = "auto";
  /** A mutationRate given as a number. */
  private static final SettingKey.Range RATE = new SettingKey.Range.Decimal(0, true, 1);

  /** Keys of earlier versions, and what they are called now. */
  private static final Map<String, String> RENAMED = Map.of("generationsPerTask", "generationsPerRound");

  /** Every key's typed value ({@link SettingKey.Range#parse}), by ordinal; arms and task pairs also as lists. */
  private final Object[] typed = new Object[SettingKey.values().length];
  private final boolean autoMutationRate;
  private final List<Arm> arms;
  private final List<TaskPair> pairs;
  private final Variants variants;
  /** The values these were resolved from, the data directory resolved: what a variant's settings start from. */
  private final Map<String, String> raw;

  private Settings(Map<String, String> raw, String home, Variants variants) {
    Values v = new Values(raw);
    for (SettingKey key : SettingKey.values()) {
      typed[key.ordinal()] = v.parsed(key);
    }
    // the keys whose rule involves other keys, or more than a value
    int modules = integer(MODULES);
    typed[ACTIVE.ordinal()] = v.parsedIn(ACTIVE, new SettingKey.Range.Integer(1, modules),
        "an integer from 1 to M (" + modules + ")");
    autoMutationRate = AUTO_MUTATION_RATE.equals(v.raw(MUTATION_RATE));
    typed[MUTATION_RATE.ordinal()] = autoMutationRate ? 1.0 / (integer(LAYERS) * integer(ACTIVE))
        : v.parsedIn(MUTATION_RATE, RATE);
    typed[DATA.ordinal()] = resolveData(v.raw(DATA), home);
    arms = v.arms(ARMS);
    pairs = v.pairs();
    this.variants = variants;
    Map<String, String> resolved = new LinkedHashMap<>(raw);
    resolved.put(DATA.key(), text(DATA));
    this.raw = Collections.unmodifiableMap(resolved);
  }

  @Override
  public Object value(SettingKey key) {
    return typed[key.ordinal()];
  }

  /**
   * Resolves settings from explicit values ({@code KEY -> VALUE}, without the {@code spark.pathnet.} prefix)
   * over the profile they name (default {@code seed}). {@code home} is the project folder whose {@code data/}
   * the value {@code data=embedded} means; it may be null when data is given explicitly. Named variants' entries
   * {@code variant.NAME.KEY} are among {@code explicit}; every variant's settings are resolved here, so a value
   * one of them cannot train under is refused before any work, naming the variant.
   */
  public static Settings resolve(Map<String, String> explicit, String home) {
    for (String key : explicit.keySet()) {
      if (RENAMED.containsKey(key)) {
        throw new InvalidInputException(PREFIX + key + " was renamed: use " + PREFIX + RENAMED.get(key));
      }
      if (SettingKey.of(key) == null && !Variants.isEntry(key)) {
        throw new InvalidInputException("unknown setting " + PREFIX + key + " (known: " + String.join(", ",
            new TreeSet<>(SettingKey.keys())) + "; and named variants' " + PREFIX + Variants.ENTRY + "NAME.KEY)");
      }
    }
    String profile = explicit.getOrDefault(PROFILE.key(), PROFILE.defaultValue()).trim();
    if (!PROFILES.contains(profile)) {
      throw new InvalidInputException(PREFIX + "profile=" + profile + ": unknown profile, expected one of "
          + new TreeSet<>(PROFILES));
    }
    Map<String, String> merged = new LinkedHashMap<>();
    for (SettingKey key : SettingKey.values()) {
      merged.put(key.key(), key.defaultValue());
    }
    merged.putAll(profileFile(profile));
    explicit.forEach((key, value) -> {
      if (!Variants.isEntry(key)) {
        merged.put(key, value);
      }
    });
    merged.put("profile", profile);
    boolean pairsExplicit = !explicit.getOrDefault(PAIRS.key(), "").isBlank();
    if (pairsExplicit && (explicit.containsKey(TASK_A.key()) || explicit.containsKey(TASK_B.key()))) {
      throw new InvalidInputException(PREFIX + "pairs is set together with " + PREFIX + "taskA/taskB: set one or the other");
    }
    Settings study = new Settings(merged, home, Variants.parse(merged.get(VARIANTS.key()), explicit));
    study.checkVariants();
    return study;
  }

  /**
   * Resolves every variant's settings, so that a value the key's own check refuses names its variant too, and
   * refuses two variants that resolve alike: their runs would train the same, under two labels.
   */
  private void checkVariants() {
    Map<Map<SettingKey, String>, Variant> resolved = new HashMap<>();
    for (Variant variant : variants.list()) {
      Settings settings;
      try {
        settings = of(variant);
      } catch (InvalidInputException e) {
        throw new InvalidInputException(variants.source() + ": variant '" + variant.label() + "': "
            + e.getMessage(), e);
      }
      Variant same = resolved.putIfAbsent(settings.values(), variant);
      if (same != null) {
        throw new InvalidInputException(variants.source() + ": variants '" + same.label() + "' and '"
            + variant.label() + "' resolve to the same settings: expected every variant to differ");
      }
    }
  }

  /**
   * The study's variants: every combination of the {@code variants} grid's axes, the first varying slowest, or
   * the named variants by name; {@link Variant#BASE} alone when there are none. Never empty.
   */
  public List<Variant> variants() {
    return variants.list();
  }

  /**
   * The settings one run of {@code variant}, one of {@link #variants()}, trains under: these with its overrides,
   * values derived from others (mutationRate {@code auto}) following them. Their own {@link #variants()} is
   * {@code variant} alone, so the settings a run is handed still say which variant it is.
   */
  public Settings of(Variant variant) {
    if (!variants.list().contains(variant)) {
      throw new IllegalArgumentException("variant '" + variant.label() + "' is not one of the study's "
          + variants.list().stream().map(Variant::label).toList());
    }
    Map<String, String> overridden = new LinkedHashMap<>(raw);
    overridden.putAll(variant.overrides());
    return new Settings(overridden, null, variants.only(variant));
  }

  /** Resolves the settings in Spark's configuration entries: every {@code spark.pathnet.*} key of {@code conf}. */
  public static Settings fromSparkConf(Map<String, String> conf, String home) {
    return resolve(withoutPrefix(conf), home);
  }

  /** The {@code spark.pathnet.KEY} entries of {@code conf}, keyed by KEY. */
  private static Map<String, String> withoutPrefix(Map<String, String> conf) {
    Map<String, String> keys = new LinkedHashMap<>();
    conf.forEach((key, value) -> {
      if (key.startsWith(PREFIX)) {
        keys.put(key.substring(PREFIX.length()), value);
      }
    });
    return keys;
  }

  /**
   * The settings a resumed study continues under: {@code stored} (its checkpoint's resolved settings,
   * {@code spark.pathnet.KEY -> value}), where the {@code spark.pathnet.*} entries of {@code conf} may repeat a
   * value but not change it, except to raise maxGenerations: a study continued under other settings would be
   * neither the study it was nor the one asked for. A key {@code stored} lacks, written before the key existed,
   * reads as its default, as it does in any settings: that is the behaviour the study ran under.
   */
  public static Settings continuing(Map<String, String> stored, Map<String, String> conf, String home) {
    Map<String, String> merged = withoutPrefix(stored);
    Map<String, String> was = resolve(merged, home).toProperties();
    merged.putAll(withoutPrefix(conf));
    Settings continuing = resolve(merged, home);
    Map<String, String> now = continuing.toProperties();
    // both ways: a named variant given on resuming is an entry the stored settings lack; an absent entry is unset
    Set<String> keys = new LinkedHashSet<>(was.keySet());
    keys.addAll(now.keySet());
    for (String key : keys) {
      String before = was.getOrDefault(key, "");
      String after = now.getOrDefault(key, "");
      if (before.equals(after)) {
        continue;
      }
      boolean raisedCap = key.equals(PREFIX + MAX_GENERATIONS.key()) && !before.isEmpty() && !after.isEmpty()
          && continuing.integer(MAX_GENERATIONS) > Integer.parseInt(before);
      if (!raisedCap) {
        throw new InvalidInputException(key + "=" + after + " differs from the resumed study's "
            + (before.isEmpty() ? "(unset)" : before) + ": a study resumes under its own settings (only"
            + " maxGenerations may be raised)");
      }
    }
    return continuing;
  }

  /** The settings a profile's file sets: what differs from the defaults. */
  public static Map<String, String> profileFile(String profile) {
    String resource = "profiles/" + profile + ".properties";
    try (InputStream in = Settings.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("profile " + resource + " is missing from the class path");
      }
      Properties properties = new Properties();
      properties.load(in);
      Map<String, String> values = new LinkedHashMap<>();
      properties.stringPropertyNames().forEach(k -> values.put(k, properties.getProperty(k)));
      return values;
    } catch (IOException e) {
      throw new IllegalStateException("cannot read profile " + resource, e);
    }
  }

  private static String resolveData(String value, String home) {
    if (!EMBEDDED_DATA.equals(value)) {
      return value;
    }
    if (home == null || home.isBlank()) {
      throw new InvalidInputException(PREFIX + "data=" + EMBEDDED_DATA + " needs the project folder in "
          + HOME_VARIABLE + " (submit.sh sets it) or -D" + HOME_PROPERTY + "; or set " + PREFIX
          + "data to a directory URI");
    }
    return Path.of(home, "data").toAbsolutePath().normalize().toUri().toString();
  }

  /**
   * The resolved settings as {@code spark.pathnet.KEY=VALUE} properties: what {@code config.properties} in a run
   * directory records, usable again as {@code --properties-file} to repeat the study. Task pairs appear only
   * as {@code pairs} so the file never sets both. mutationRate {@code auto} stays {@code auto}: it is a rule
   * over L and N, which a study repeated with another L or N, or a variant of them, must follow. The variants
   * appear as they were given (a grid, or named variants' entries), and a key they vary does not appear by
   * itself: the variants would refuse it.
   */
  public Map<String, String> toProperties() {
    Set<String> varied = variants.keys();
    Map<String, String> properties = withoutVariants();
    properties.keySet().removeIf(key -> varied.contains(key.substring(PREFIX.length())));
    properties.putAll(variants.properties());
    return properties;
  }

  /**
   * These settings as a study without variants would give them, every value plain: for {@code of(variant)}, a
   * study of that variant alone, whose keys can then be changed one by one (a throwaway calibration study, say).
   */
  public Map<String, String> withoutVariants() {
    Map<SettingKey, String> p = values();
    if (autoMutationRate) {
      p.put(MUTATION_RATE, AUTO_MUTATION_RATE);
    }
    Map<String, String> prefixed = new LinkedHashMap<>();
    p.forEach((k, v) -> prefixed.put(PREFIX + k.key(), v));
    return prefixed;
  }

  /**
   * Every resolved value but the variants, mutationRate as a number: what two variants' runs train under. Task
   * pairs appear only as {@code pairs}, so that the settings never set both.
   */
  private Map<SettingKey, String> values() {
    Map<SettingKey, String> p = new EnumMap<>(SettingKey.class);
    for (SettingKey key : SettingKey.values()) {
      switch (key) {
        case TASK_A, TASK_B, VARIANTS -> { }
        case ARMS -> p.put(key, String.join(",", arms.stream().map(Arm::label).toList()));
        case PAIRS -> p.put(key, String.join(";", pairs.stream().map(TaskPair::label).toList()));
        default -> p.put(key, value(key).toString());
      }
    }
    return p;
  }

  public List<Arm> arms() {
    return arms;
  }

  public List<TaskPair> pairs() {
    return pairs;
  }

  /** Parses and range-checks raw values, naming key, value and the allowed range on error. */
  private static final class Values {
    private final Map<String, String> raw;

    Values(Map<String, String> raw) {
      this.raw = raw;
    }

    String raw(String key) {
      String value = raw.get(key);
      if (value == null) {
        throw new InvalidInputException(PREFIX + key + " has no value (expected in the profile or as --conf)");
      }
      return value.trim();
    }

    String raw(SettingKey key) {
      return raw(key.key());
    }

    private InvalidInputException outOfRange(SettingKey key, String expected) {
      return new InvalidInputException(PREFIX + key.key() + "=" + raw(key) + " is out of range: expected "
          + expected);
    }

    Object parsed(SettingKey key) {
      return parsedIn(key, key.accepts());
    }

    Object parsedIn(SettingKey key, SettingKey.Range range) {
      return parsedIn(key, range, range.describe());
    }

    Object parsedIn(SettingKey key, SettingKey.Range range, String expected) {
      try {
        return range.parse(raw(key));
      } catch (IllegalArgumentException e) {
        throw outOfRange(key, expected);
      }
    }

    List<Arm> arms(SettingKey key) {
      Set<Arm> arms = new LinkedHashSet<>();
      String name = PREFIX + key.key();
      for (String label : raw(key).split(",", -1)) {
        Arm arm = Arm.fromLabel(label.trim());
        if (arm == null) {
          throw new InvalidInputException(name + "=" + raw(key) + ": unknown arm '" + label.trim()
              + "', expected " + key.accepts().describe());
        }
        if (!arms.add(arm)) {
          throw new InvalidInputException(name + "=" + raw(key) + ": arm " + arm.label() + " is listed twice");
        }
      }
      return List.copyOf(new ArrayList<>(arms));
    }

    List<TaskPair> pairs() {
      String pairs = raw.getOrDefault(PAIRS.key(), "").trim();
      if (!pairs.isEmpty()) {
        return TaskPair.parseList(pairs, PREFIX + PAIRS.key());
      }
      return List.of(new TaskPair(TaskPair.Classes.parse(raw(TASK_A), PREFIX + TASK_A.key()),
          TaskPair.Classes.parse(raw(TASK_B), PREFIX + TASK_B.key())));
    }
  }
}
