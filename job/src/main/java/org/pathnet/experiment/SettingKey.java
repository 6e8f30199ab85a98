package org.pathnet.experiment;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every setting of a study, declared once: its key ({@code spark.pathnet.KEY}), meaning, accepted values, default
 * and scope. Parsing, range errors, {@code config.properties}, profiles, variants, training plans and README's
 * settings table ({@link #readmeTable}, test-checked) all follow from these declarations, so adding a key is one
 * constant here plus the code that reads it ({@code settings.integer(KEY)}).
 */
public enum SettingKey {
  PROFILE("profile", Scope.STUDY, "the profile that supplies the defaults", choice("seed", "paper"), "seed"),
  LAYERS("L", Scope.RUN, "layers", integer(1, 16), "3"),
  MODULES("M", Scope.RUN, "modules per layer", integer(1, 1000), "10"),
  ACTIVE("N", Scope.RUN, "active modules per layer", new Range.Text("an integer from 1 to M"), "3"),
  MODULE_SIZE("moduleSize", Scope.RUN, "units per module (Linear + ReLU)", integer(1, 4096), "20"),
  POPULATION("population", Scope.RUN, "pathways per run", integer(2, 1_000_000), "64"),
  STEPS("T", Scope.RUN, "minibatches per candidate per tournament", integer(1, 100_000), "50"),
  BATCH_SIZE("batchSize", Scope.RUN, "examples per minibatch", integer(1, 100_000), "16"),
  THRESHOLD("threshold", Scope.RUN, "winner fitness that solves a task", new Range.Decimal(0, false, 1),
      "0.998"),
  OPTIMIZER("optimizer", Scope.RUN, "the optimiser", choice("adam", "sgd"), "adam"),
  LEARNING_RATE("learningRate", Scope.RUN, "the optimiser's step size", new Range.Decimal(0, false, 10),
      "0.001"),
  INIT("init", Scope.RUN, "initialisation: `tf` = truncated normal sd 0.1, biases 0.1", choice("tf"), "tf"),
  AGGREGATION("aggregation", Scope.RUN, "how a layer combines its active modules", choice("sum", "mean"), "sum"),
  NOISE("noise", Scope.RUN, "salt-and-pepper fraction on training minibatches", new Range.Decimal(0, true, 1), "0"),
  MUTATION_RATE("mutationRate", Scope.RUN, "per-gene mutation probability; `auto` = 1/(L*N)",
      new Range.Text("auto or a number from 0 to 1"), "auto"),
  MAX_GENERATIONS("maxGenerations", Scope.RUN, "cap per task; an unsolved task is censored",
      integer(1, 100_000_000), "1000"),
  SEEDS("seeds", Scope.STUDY, "seeds per arm (and pair)", integer(1, 1_000_000), "8"),
  SEED("seed", Scope.STUDY, "base seed of every random stream", new Range.LongInteger(), "1"),
  ARMS("arms", Scope.STUDY, "the arms to run", new Range.Text("a comma list of pathnet, scratch, denovo, finetune"),
      "pathnet,scratch,denovo,finetune"),
  TASK_A("taskA", Scope.STUDY, "task A's two classes", new Range.Text("two distinct digits a,b"), "5,6"),
  TASK_B("taskB", Scope.STUDY, "task B's two classes", new Range.Text("two distinct digits a,b"), "6,7"),
  PAIRS("pairs", Scope.STUDY, "several task pairs in one study (not with taskA/taskB)",
      new Range.Text("pairs A->B separated by `;`, e.g. `5,6->6,7;5,6->8,9`"), ""),
  DATA("data", Scope.STUDY, "the directory of the four MNIST-format IDX files (`.gz` or plain)",
      new Range.Text("a directory URI or path; `embedded` = the project's `data/`"), "embedded"),
  STOP_WHEN_SOLVED("stopWhenSolved", Scope.STUDY,
      "`false`: every task trains exactly maxGenerations (the first solving generation is still recorded)",
      choice("true", "false"), "true"),
  PARTITIONS("partitions", Scope.STUDY, "shards the runs are dealt into, a Spark task each per round; 0 = two"
      + " per core, or one per 128 runs, or what executors' memory needs, whichever is most",
      integer(0, 1_000_000), "0"),
  KERNEL("kernel", Scope.STUDY, "`vector` (JDK Vector API, production) or `reference` (plain ND4J ops, slow; for"
      + " checks)", choice("vector", "reference"), "vector"),
  GENERATIONS_PER_ROUND("generationsPerRound", Scope.STUDY, "generations a round advances every run: 1 = a round per tournament,"
      + " the design card's flow; G > 1 = fewer, longer rounds, the same results (see Performance)",
      integer(1, 1_000_000), "1"),
  CHECKPOINT_EVERY("checkpointEvery", Scope.STUDY, "generations between checkpoints in the run directory; 0 = none"
      + " (see Resuming)", integer(0, 100_000_000), "0"),
  VARIANTS("variants", Scope.STUDY, "several values of per-run keys compared in one study, every combination a"
      + " variant (or named variants: `variant.NAME.KEY=VALUE`)", new Range.Text("axes KEY=V1,V2,... of per-run"
      + " keys separated by ` x `, e.g. `optimizer=adam,sgd x learningRate=0.001,0.01`"), "");

  /**
   * Per run: the key may differ between the runs of one study (a variant axis). Per study: it shapes the study
   * itself (its data, its runs, how it is executed), so a question about it is several studies.
   */
  public enum Scope { RUN, STUDY }

  /** The values a key accepts: how {@link Settings} parses and checks a value, described in the same words. */
  public sealed interface Range {
    /** What the key accepts, as its range errors and README say it. */
    String describe();

    /**
     * {@code value} (trimmed) as the setting's typed value: Integer, Double, Long or String.
     *
     * @throws IllegalArgumentException when the value is not one this range accepts
     */
    Object parse(String value);

    /** An integer from {@code min} to {@code max}. */
    record Integer(int min, int max) implements Range {
      public String describe() {
        return "an integer from " + min + " to " + max;
      }

      public java.lang.Integer parse(String value) {
        int parsed = java.lang.Integer.parseInt(value);
        if (parsed < min || parsed > max) {
          throw new IllegalArgumentException(describe());
        }
        return parsed;
      }
    }

    /** A number from (or above, when {@code min} is not allowed) {@code min} to {@code max}. */
    record Decimal(double min, boolean minAllowed, double max) implements Range {
      public String describe() {
        return (minAllowed ? "a number from " + number(min) + " to " : "a number greater than " + number(min)
            + " and at most ") + number(max);
      }

      public Double parse(String value) {
        double parsed = Double.parseDouble(value);
        boolean aboveMin = parsed > min || (minAllowed && parsed == min);
        if (!Double.isFinite(parsed) || !aboveMin || parsed > max) {
          throw new IllegalArgumentException(describe());
        }
        return parsed;
      }

      private static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
      }
    }

    /** Any 64-bit integer. */
    record LongInteger() implements Range {
      public String describe() {
        return "a 64-bit integer";
      }

      public Long parse(String value) {
        return Long.parseLong(value);
      }
    }

    /** One of {@code values}. */
    record Choice(List<String> values) implements Range {
      public String describe() {
        return "one of " + values;
      }

      public String parse(String value) {
        if (!values.contains(value)) {
          throw new IllegalArgumentException(describe());
        }
        return value;
      }
    }

    /** A value with a rule of its own in {@link Settings}, which states what it expects; parsed as its text. */
    record Text(String describe) implements Range {
      public String parse(String value) {
        return value;
      }
    }
  }

  private static Range integer(int min, int max) {
    return new Range.Integer(min, max);
  }

  private static Range choice(String... values) {
    return new Range.Choice(List.of(values));
  }

  private final String key;
  private final Scope scope;
  private final String meaning;
  private final Range accepts;
  private final String defaultValue;

  SettingKey(String key, Scope scope, String meaning, Range accepts, String defaultValue) {
    this.key = key;
    this.scope = scope;
    this.meaning = meaning;
    this.accepts = accepts;
    this.defaultValue = defaultValue;
  }

  /** The key without the {@code spark.pathnet.} prefix. */
  public String key() {
    return key;
  }

  public Scope scope() {
    return scope;
  }

  /** What the setting means, for README and help. */
  public String meaning() {
    return meaning;
  }

  /** The values it accepts. */
  public Range accepts() {
    return accepts;
  }

  /** Its default: the {@code seed} profile's value ("" = unset). */
  public String defaultValue() {
    return defaultValue;
  }

  /**
   * How a variant's label shows this key at {@code value}: a choice's value alone, as it names itself ({@code sgd},
   * {@code mean}), else {@code abbreviation=value}. Labels become a column of result tables, so they are short.
   */
  public String label(String value) {
    return accepts instanceof Range.Choice ? value : abbreviation() + "=" + value;
  }

  private String abbreviation() {
    return switch (this) {
      case LEARNING_RATE -> "lr";
      case MAX_GENERATIONS -> "cap";
      case MUTATION_RATE -> "mut";
      case MODULE_SIZE -> "size";
      case POPULATION -> "pop";
      case BATCH_SIZE -> "batch";
      case THRESHOLD -> "thr";
      default -> key; // L, M, N, T and noise are short already
    };
  }

  /** The declaration of {@code key}, or null when no setting has that key. */
  public static SettingKey of(String key) {
    for (SettingKey k : values()) {
      if (k.key.equals(key)) {
        return k;
      }
    }
    return null;
  }

  /** Every key, in declaration order. */
  public static List<String> keys() {
    return Arrays.stream(values()).map(SettingKey::key).toList();
  }

  /**
   * README's settings table: one row per key with its meaning, the values it accepts, and its value in each of
   * {@code profiles} (name, then the values that profile's file sets).
   */
  public static String readmeTable(List<Profile> profiles) {
    StringBuilder table = new StringBuilder("| key | meaning | accepts | scope |");
    profiles.forEach(p -> table.append(" `").append(p.name()).append("` |"));
    table.append("\n|---|---|---|---|").append("---|".repeat(profiles.size())).append('\n');
    for (SettingKey k : values()) {
      table.append("| `").append(k.key).append("` | ").append(k.meaning).append(" | ").append(k.accepts.describe())
          .append(" | ").append(k.scope == Scope.RUN ? "run" : "study").append(" |");
      for (Profile p : profiles) {
        String value = p.value(k);
        table.append(' ').append(value.isEmpty() ? "unset" : value).append(" |");
      }
      table.append('\n');
    }
    return table.toString();
  }

  /** A profile: its name and the values its file sets; every other key has its default. */
  public record Profile(String name, Map<String, String> values) {
    /** The profile's value of {@code key}: its own, else the default. */
    public String value(SettingKey key) {
      return key == PROFILE ? name : values.getOrDefault(key.key(), key.defaultValue()).trim();
    }
  }
}
