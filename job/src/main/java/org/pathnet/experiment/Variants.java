package org.pathnet.experiment;

import static java.util.stream.Collectors.joining;
import static org.pathnet.experiment.Settings.PREFIX;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.pathnet.InvalidInputException;

/**
 * A study's variants as the user gave them: a grid ({@code spark.pathnet.variants}) or named variants
 * ({@code spark.pathnet.variant.NAME.KEY=VALUE}), or none. This checks their form: the keys are per-run keys
 * ({@link SettingKey.Scope#RUN}), nothing is given twice, and no variant key is also a plain setting, which the
 * variants would silently override. Their values are checked by {@link Settings}, which resolves every variant's
 * full settings with the keys' own checks. Kept in the settings so that {@code config.properties} records the
 * variants in the form they were given and a resumed study rebuilds the same ones.
 */
final class Variants implements Serializable {
  /** What starts the key of a named variant's entry, without {@link Settings#PREFIX}. */
  static final String ENTRY = "variant.";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  /** The axis separator: the letter x with whitespace (or the text's end) on both sides. */
  private static final Pattern TIMES = Pattern.compile("(?<=^|\\s)x(?=\\s|$)");
  private static final String GRID = PREFIX + SettingKey.VARIANTS.key();
  private static final String VARIANT_KEYS = Arrays.stream(SettingKey.values())
      .filter(k -> k.scope() == SettingKey.Scope.RUN).map(SettingKey::key).collect(joining(", "));
  private static final Variants NONE = new Variants(List.of(Variant.BASE), false);

  private final List<Variant> list;
  private final boolean grid;

  private Variants(List<Variant> list, boolean grid) {
    this.list = List.copyOf(list);
    this.grid = grid;
  }

  /** Whether {@code key} (without the prefix) is a named variant's entry. */
  static boolean isEntry(String key) {
    return key.startsWith(ENTRY);
  }

  /**
   * The variants of {@code grid} (the {@code variants} value; blank = none) or of the named variants' entries among
   * {@code explicit}, whose other entries are the plain settings a variant key must not be.
   */
  static Variants parse(String grid, Map<String, String> explicit) {
    Variants variants;
    if (grid.isBlank()) {
      SortedMap<String, Map<SettingKey, String>> named = named(explicit);
      variants = named.isEmpty() ? NONE : new Variants(named.entrySet().stream()
          .map(v -> new Variant(v.getKey(), keyed(v.getValue()))).toList(), false);
    } else {
      explicit.keySet().stream().filter(Variants::isEntry).sorted().findFirst().ifPresent(entry -> {
        throw new InvalidInputException(GRID + " and " + PREFIX + entry + " are both given: expected a grid or"
            + " named variants, not both");
      });
      variants = new Variants(expand(grid), true);
    }
    for (String key : variants.keys()) {
      if (explicit.containsKey(key)) {
        throw new InvalidInputException(PREFIX + key + "=" + explicit.get(key).trim() + " is set and also varied by "
            + variants.origin(key) + ": expected a variant key only in the variants");
      }
    }
    return variants;
  }

  /** The named variants' entries of {@code explicit}, by name, each variant's values in declaration order. */
  private static SortedMap<String, Map<SettingKey, String>> named(Map<String, String> explicit) {
    SortedMap<String, Map<SettingKey, String>> named = new TreeMap<>();
    explicit.forEach((key, value) -> {
      if (!isEntry(key)) {
        return;
      }
      String nameAndKey = key.substring(ENTRY.length());
      int dot = nameAndKey.lastIndexOf('.');
      if (dot < 0 || !NAME.matcher(nameAndKey.substring(0, dot)).matches() || dot == nameAndKey.length() - 1) {
        throw new InvalidInputException(PREFIX + key + " is not a named variant's entry: expected " + PREFIX + ENTRY
            + "NAME.KEY with NAME of letters, digits, _ and - and KEY a per-run key");
      }
      SettingKey setting = variantKey(nameAndKey.substring(dot + 1), PREFIX + key);
      named.computeIfAbsent(nameAndKey.substring(0, dot), n -> new EnumMap<>(SettingKey.class))
          .put(setting, value.trim());
    });
    return named;
  }

  private static Map<String, String> keyed(Map<SettingKey, String> values) {
    Map<String, String> keyed = new LinkedHashMap<>();
    values.forEach((k, v) -> keyed.put(k.key(), v));
    return keyed;
  }

  /** Every combination of the grid's axes, the first axis varying slowest. */
  private static List<Variant> expand(String grid) {
    Map<SettingKey, List<String>> axes = new LinkedHashMap<>();
    for (String part : TIMES.split(grid, -1)) {
      String axis = part.trim();
      int equals = axis.indexOf('=');
      if (axis.isEmpty()) {
        throw new InvalidInputException(GRID + "=" + grid.trim() + " has an empty part between ' x ' separators:"
            + " expected axes KEY=V1,V2,... separated by ' x '");
      }
      if (equals <= 0) {
        throw new InvalidInputException(GRID + ": part '" + axis + "' is not an axis: expected KEY=V1,V2,...");
      }
      String where = GRID + ": axis '" + axis + "'";
      SettingKey key = variantKey(axis.substring(0, equals).trim(), where);
      if (axes.containsKey(key)) {
        throw new InvalidInputException(GRID + ": " + key.key() + " is an axis twice: expected each key once");
      }
      String given = axis.substring(equals + 1);
      if (given.isBlank()) {
        throw new InvalidInputException(where + " has no values: expected " + key.key() + "=V1,V2,...");
      }
      List<String> values = new ArrayList<>();
      for (String listed : given.split(",", -1)) {
        String value = listed.trim();
        if (value.isEmpty()) {
          throw new InvalidInputException(where + " has an empty value: expected " + key.key() + "=V1,V2,...");
        }
        if (values.contains(value)) {
          throw new InvalidInputException(where + " lists " + value + " twice: expected each value once");
        }
        values.add(value);
      }
      axes.put(key, values);
    }
    List<Map<String, String>> combinations = List.of(Map.of());
    for (Map.Entry<SettingKey, List<String>> axis : axes.entrySet()) {
      List<Map<String, String>> longer = new ArrayList<>();
      for (Map<String, String> combination : combinations) {
        for (String value : axis.getValue()) {
          Map<String, String> next = new LinkedHashMap<>(combination);
          next.put(axis.getKey().key(), value);
          longer.add(next);
        }
      }
      combinations = longer;
    }
    return combinations.stream().map(c -> new Variant(c.entrySet().stream()
        .map(e -> SettingKey.of(e.getKey()).label(e.getValue())).collect(joining(" ")), c)).toList();
  }

  /** The per-run setting {@code key} names in the variants' entry {@code where}. */
  private static SettingKey variantKey(String key, String where) {
    SettingKey setting = SettingKey.of(key);
    if (setting == null) {
      throw new InvalidInputException(where + ": unknown key '" + key + "': expected a variant key, one of "
          + VARIANT_KEYS);
    }
    if (setting.scope() == SettingKey.Scope.STUDY) {
      throw new InvalidInputException(where + ": " + key + " is a study setting, not a variant key: a question"
          + " about it is several studies");
    }
    return setting;
  }

  /** The variants, never empty: {@link Variant#BASE} alone when none were given. */
  List<Variant> list() {
    return list;
  }

  /** The keys some variant sets: they are no plain setting of the study. */
  Set<String> keys() {
    Set<String> keys = new LinkedHashSet<>();
    list.forEach(v -> keys.addAll(v.overrides().keySet()));
    return keys;
  }

  /** Where the variants were given, for messages about one of them. */
  String source() {
    return grid ? GRID : PREFIX + ENTRY + "*";
  }

  /** The entry that varies {@code key}. */
  private String origin(String key) {
    return grid ? GRID : PREFIX + list.stream().filter(v -> v.overrides().containsKey(key)).findFirst().orElseThrow()
        .entry(key);
  }

  /** These variants' form with {@code variant} alone: what the settings of one of them record. */
  Variants only(Variant variant) {
    return new Variants(List.of(variant), grid);
  }

  /**
   * The {@code spark.pathnet.*} entries that give these variants again: {@code variants} (empty unless a grid,
   * normalised to single spaces) and each named variant's entries.
   */
  Map<String, String> properties() {
    Map<String, String> properties = new LinkedHashMap<>();
    if (grid) {
      // the grid is every combination of its axes' values, so each axis is its values in order of appearance
      Map<String, Set<String>> axes = new LinkedHashMap<>();
      list.forEach(v -> v.overrides().forEach((k, value) -> axes.computeIfAbsent(k, a -> new LinkedHashSet<>())
          .add(value)));
      properties.put(GRID, axes.entrySet().stream().map(a -> a.getKey() + "=" + String.join(",", a.getValue()))
          .collect(joining(" x ")));
    } else {
      properties.put(GRID, "");
      list.forEach(v -> v.overrides().forEach((k, value) -> properties.put(PREFIX + v.entry(k), value)));
    }
    return properties;
  }
}
