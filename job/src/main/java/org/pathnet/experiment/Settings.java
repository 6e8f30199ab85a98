package org.pathnet.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.pathnet.InvalidInputException;
import org.pathnet.network.Aggregation;
import org.pathnet.network.Kernel;

/**
 * The resolved settings of a study: docs/PATHNET.md's settings table, read from a profile in {@code conf/profiles}
 * and overridden by explicit {@code spark.pathnet.KEY} values. Every value is checked here, once, so the
 * rest of the job can trust it; an unknown key or a value out of range is an {@link InvalidInputException}
 * naming the key, the value and what was expected.
 */
public final class Settings implements Serializable {
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

  private static final String DEFAULT_PROFILE = "seed";
  private static final Set<String> PROFILES = Set.of("seed", "paper");
  private static final List<String> KEYS =
      List.of("L", "M", "N", "moduleSize", "population", "T", "batchSize", "threshold", "optimizer",
          "learningRate", "init", "aggregation", "noise", "mutationRate", "maxGenerations", "seeds", "seed",
          "profile", "arms", "taskA", "taskB", "pairs", "data", "stopWhenSolved", "partitions", "kernel", "generationsPerRound",
          "checkpointEvery");

  /** Keys of earlier versions, and what they are called now. */
  private static final Map<String, String> RENAMED = Map.of("generationsPerTask", "generationsPerRound");

  private final int layers;
  private final int modulesPerLayer;
  private final int activePerLayer;
  private final int moduleSize;
  private final int population;
  private final int steps;
  private final int batchSize;
  private final double threshold;
  private final String optimizer;
  private final double learningRate;
  private final String init;
  private final Aggregation aggregation;
  private final double noise;
  private final double mutationRate;
  private final int maxGenerations;
  private final int seeds;
  private final long seed;
  private final String profile;
  private final List<Arm> arms;
  private final List<TaskPair> pairs;
  private final String data;
  private final boolean stopWhenSolved;
  private final int partitions;
  private final Kernel kernel;
  private final int generationsPerRound;
  private final int checkpointEvery;

  private Settings(Values v, String home) {
    profile = v.raw("profile");
    layers = v.intIn("L", 1, 16);
    modulesPerLayer = v.intIn("M", 1, 1000);
    activePerLayer = v.intIn("N", 1, modulesPerLayer, "M (" + modulesPerLayer + ")");
    moduleSize = v.intIn("moduleSize", 1, 4096);
    population = v.intIn("population", 2, 1_000_000);
    steps = v.intIn("T", 1, 100_000);
    batchSize = v.intIn("batchSize", 1, 100_000);
    threshold = v.fraction("threshold", false);
    optimizer = v.oneOf("optimizer", List.of("adam", "sgd"));
    learningRate = v.positive("learningRate", 10.0);
    init = v.oneOf("init", List.of("tf"));
    aggregation = Aggregation.valueOf(v.oneOf("aggregation", List.of("sum", "mean")).toUpperCase(Locale.ROOT));
    noise = v.fraction("noise", true);
    mutationRate = "auto".equals(v.raw("mutationRate"))
        ? 1.0 / (layers * activePerLayer) : v.fraction("mutationRate", true);
    maxGenerations = v.intIn("maxGenerations", 1, 100_000_000);
    seeds = v.intIn("seeds", 1, 1_000_000);
    seed = v.longValue("seed");
    arms = v.arms("arms");
    pairs = v.pairs();
    data = resolveData(v.raw("data"), home);
    stopWhenSolved = v.bool("stopWhenSolved");
    partitions = v.intIn("partitions", 0, 1_000_000);
    generationsPerRound = v.intIn("generationsPerRound", 1, 1_000_000);
    checkpointEvery = v.intIn("checkpointEvery", 0, 100_000_000);
    kernel = Kernel.valueOf(v.oneOf("kernel", List.of("vector", "reference")).toUpperCase(Locale.ROOT));
  }

  /**
   * Resolves settings from explicit values ({@code KEY -> VALUE}, without the {@code spark.pathnet.} prefix)
   * over the profile they name (default {@code seed}). {@code home} is the project folder whose {@code data/}
   * the value {@code data=embedded} means; it may be null when data is given explicitly.
   */
  public static Settings resolve(Map<String, String> explicit, String home) {
    for (String key : explicit.keySet()) {
      if (RENAMED.containsKey(key)) {
        throw new InvalidInputException(PREFIX + key + " was renamed: use " + PREFIX + RENAMED.get(key));
      }
      if (!KEYS.contains(key)) {
        throw new InvalidInputException("unknown setting " + PREFIX + key + " (known: " + String.join(", ",
            new TreeSet<>(KEYS)) + ")");
      }
    }
    String profile = explicit.getOrDefault("profile", DEFAULT_PROFILE).trim();
    if (!PROFILES.contains(profile)) {
      throw new InvalidInputException(PREFIX + "profile=" + profile + ": unknown profile, expected one of "
          + new TreeSet<>(PROFILES));
    }
    Map<String, String> merged = new LinkedHashMap<>(loadProfile(profile));
    merged.putAll(explicit);
    merged.put("profile", profile);
    boolean pairsExplicit = !explicit.getOrDefault("pairs", "").isBlank();
    if (pairsExplicit && (explicit.containsKey("taskA") || explicit.containsKey("taskB"))) {
      throw new InvalidInputException(PREFIX + "pairs is set together with " + PREFIX + "taskA/taskB: set one or the other");
    }
    return new Settings(new Values(merged), home);
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
   * neither the study it was nor the one asked for.
   */
  public static Settings continuing(Map<String, String> stored, Map<String, String> conf, String home) {
    Map<String, String> merged = withoutPrefix(stored);
    merged.putAll(withoutPrefix(conf));
    Settings continuing = resolve(merged, home);
    Map<String, String> resolved = continuing.toProperties();
    for (Map.Entry<String, String> e : stored.entrySet()) {
      String now = resolved.get(e.getKey());
      if (e.getValue().equals(now)) {
        continue;
      }
      boolean raisedCap = e.getKey().equals(PREFIX + "maxGenerations")
          && continuing.maxGenerations() > Integer.parseInt(e.getValue());
      if (!raisedCap) {
        throw new InvalidInputException(e.getKey() + "=" + now + " differs from the resumed study's " + e.getValue()
            + ": a study resumes under its own settings (only maxGenerations may be raised)");
      }
    }
    return continuing;
  }

  private static Map<String, String> loadProfile(String profile) {
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
   * as {@code pairs} so the file never sets both.
   */
  public Map<String, String> toProperties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("profile", profile);
    p.put("L", Integer.toString(layers));
    p.put("M", Integer.toString(modulesPerLayer));
    p.put("N", Integer.toString(activePerLayer));
    p.put("moduleSize", Integer.toString(moduleSize));
    p.put("population", Integer.toString(population));
    p.put("T", Integer.toString(steps));
    p.put("batchSize", Integer.toString(batchSize));
    p.put("threshold", Double.toString(threshold));
    p.put("optimizer", optimizer);
    p.put("learningRate", Double.toString(learningRate));
    p.put("init", init);
    p.put("aggregation", aggregation.name().toLowerCase(Locale.ROOT));
    p.put("noise", Double.toString(noise));
    p.put("mutationRate", Double.toString(mutationRate));
    p.put("maxGenerations", Integer.toString(maxGenerations));
    p.put("seeds", Integer.toString(seeds));
    p.put("seed", Long.toString(seed));
    p.put("arms", String.join(",", arms.stream().map(Arm::label).toList()));
    p.put("pairs", String.join(";", pairs.stream().map(TaskPair::label).toList()));
    p.put("data", data);
    p.put("stopWhenSolved", Boolean.toString(stopWhenSolved));
    p.put("partitions", Integer.toString(partitions));
    p.put("kernel", kernel.label());
    p.put("generationsPerRound", Integer.toString(generationsPerRound));
    p.put("checkpointEvery", Integer.toString(checkpointEvery));
    Map<String, String> prefixed = new LinkedHashMap<>();
    p.forEach((k, v) -> prefixed.put(PREFIX + k, v));
    return prefixed;
  }

  public Kernel kernel() { return kernel; }
  public int generationsPerRound() { return generationsPerRound; }
  public int checkpointEvery() { return checkpointEvery; }
  public int layers() { return layers; }
  public int modulesPerLayer() { return modulesPerLayer; }
  public int activePerLayer() { return activePerLayer; }
  public int moduleSize() { return moduleSize; }
  public int population() { return population; }
  /** T: minibatches each candidate trains on in one tournament. */
  public int steps() { return steps; }
  public int batchSize() { return batchSize; }
  public double threshold() { return threshold; }
  /** {@code adam} or {@code sgd}. */
  public String optimizer() { return optimizer; }
  public double learningRate() { return learningRate; }
  /** The initialisation scheme; {@code tf} (truncated normal sd 0.1, bias 0.1) is the only one so far. */
  public String init() { return init; }
  public Aggregation aggregation() { return aggregation; }
  /** Salt-and-pepper fraction applied to each training minibatch; 0 = off. */
  public double noise() { return noise; }
  public double mutationRate() { return mutationRate; }
  public int maxGenerations() { return maxGenerations; }
  public int seeds() { return seeds; }
  /** The base seed of every random stream. */
  public long seed() { return seed; }
  public String profile() { return profile; }
  public List<Arm> arms() { return arms; }
  public List<TaskPair> pairs() { return pairs; }
  /** The directory URI of the four IDX files. */
  public String data() { return data; }
  public boolean stopWhenSolved() { return stopWhenSolved; }
  /** Spark partitions per generation; 0 = chosen from the cluster and the number of runs. */
  public int partitions() { return partitions; }

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

    private InvalidInputException outOfRange(String key, String expected) {
      return new InvalidInputException(PREFIX + key + "=" + raw(key) + " is out of range: expected " + expected);
    }

    int intIn(String key, int min, int max) {
      return intIn(key, min, max, Integer.toString(max));
    }

    int intIn(String key, int min, int max, String maxName) {
      String expected = "an integer from " + min + " to " + maxName;
      int value;
      try {
        value = Integer.parseInt(raw(key));
      } catch (NumberFormatException e) {
        throw outOfRange(key, expected);
      }
      if (value < min || value > max) {
        throw outOfRange(key, expected);
      }
      return value;
    }

    long longValue(String key) {
      try {
        return Long.parseLong(raw(key));
      } catch (NumberFormatException e) {
        throw outOfRange(key, "a 64-bit integer");
      }
    }

    private double number(String key, String expected) {
      try {
        double value = Double.parseDouble(raw(key));
        if (Double.isFinite(value)) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below with the expected range
      }
      throw outOfRange(key, expected);
    }

    /** A number in [0, 1], or in (0, 1] when zero is not allowed. */
    double fraction(String key, boolean zeroAllowed) {
      String expected = zeroAllowed ? "a number from 0 to 1" : "a number greater than 0 and at most 1";
      double value = number(key, expected);
      if (value > 1 || value < 0 || (!zeroAllowed && value == 0)) {
        throw outOfRange(key, expected);
      }
      return value;
    }

    double positive(String key, double max) {
      String expected = "a number greater than 0 and at most " + max;
      double value = number(key, expected);
      if (value <= 0 || value > max) {
        throw outOfRange(key, expected);
      }
      return value;
    }

    String oneOf(String key, List<String> allowed) {
      String value = raw(key);
      if (!allowed.contains(value)) {
        throw outOfRange(key, "one of " + allowed);
      }
      return value;
    }

    boolean bool(String key) {
      return Boolean.parseBoolean(oneOf(key, List.of("true", "false")));
    }

    List<Arm> arms(String key) {
      Set<Arm> arms = new LinkedHashSet<>();
      for (String label : raw(key).split(",", -1)) {
        Arm arm = Arm.fromLabel(label.trim());
        if (arm == null) {
          throw new InvalidInputException(PREFIX + key + "=" + raw(key) + ": unknown arm '" + label.trim()
              + "', expected a comma list of pathnet, scratch, denovo, finetune");
        }
        if (!arms.add(arm)) {
          throw new InvalidInputException(PREFIX + key + "=" + raw(key) + ": arm " + arm.label() + " is listed twice");
        }
      }
      return List.copyOf(new ArrayList<>(arms));
    }

    List<TaskPair> pairs() {
      String pairs = raw.getOrDefault("pairs", "").trim();
      if (!pairs.isEmpty()) {
        return TaskPair.parseList(pairs, PREFIX + "pairs");
      }
      return List.of(new TaskPair(TaskPair.Classes.parse(raw("taskA"), PREFIX + "taskA"),
          TaskPair.Classes.parse(raw("taskB"), PREFIX + "taskB")));
    }
  }
}
