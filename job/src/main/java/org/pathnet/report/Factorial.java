package org.pathnet.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pathnet.experiment.SettingKey;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Variant;

/**
 * A study's variants read as a factorial design: its factors, each factor's levels and each variant's level of
 * each. Keys that vary together rather than crossed (an optimiser and its learning rate given as named variants)
 * are one factor, so a grid and the named variants that spell out a grid's cells read alike. A factor's reference
 * level, the one its main effect is read against, is the study's own value of its keys (its profile's) when a
 * variant has it, so that effects read against the setting of the project's other studies; else the first
 * variant's.
 */
final class Factorial {
  /** A factor: the keys it sets and its levels' labels, the reference level first. */
  record Factor(String name, List<String> keys, List<String> levels) {}

  private final List<Factor> factors;
  /** Variant label to its level (an index into the factor's levels) of each factor. */
  private final Map<String, int[]> levels;

  private Factorial(List<Factor> factors, Map<String, int[]> levels) {
    this.factors = factors;
    this.levels = levels;
  }

  static Factorial of(Settings settings) {
    List<Variant> variants = settings.variants();
    Map<String, String> own = settings.withoutVariants();
    List<Map<String, String>> values = new ArrayList<>();
    Set<String> keys = new LinkedHashSet<>();
    for (Variant v : variants) {
      values.add(settings.of(v).withoutVariants());
      keys.addAll(v.overrides().keySet());
    }
    List<List<String>> groups = groups(new ArrayList<>(keys), values);
    List<Factor> factors = new ArrayList<>();
    Map<String, int[]> levels = new LinkedHashMap<>();
    variants.forEach(v -> levels.put(v.label(), new int[groups.size()]));
    for (int f = 0; f < groups.size(); f++) {
      List<String> group = groups.get(f);
      List<List<String>> distinct = new ArrayList<>();
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < variants.size(); i++) {
        List<String> tuple = tuple(group, values.get(i));
        if (!distinct.contains(tuple)) {
          distinct.add(tuple);
          labels.add(label(group, variants.get(i)));
        }
      }
      int reference = Math.max(0, distinct.indexOf(tuple(group, own)));
      distinct.add(0, distinct.remove(reference));
      labels.add(0, labels.remove(reference));
      for (int i = 0; i < variants.size(); i++) {
        levels.get(variants.get(i).label())[f] = distinct.indexOf(tuple(group, values.get(i)));
      }
      factors.add(new Factor(String.join("+", group), group, List.copyOf(labels)));
    }
    return new Factorial(List.copyOf(factors), levels);
  }

  /**
   * The keys in groups that vary together: two keys are one factor unless every value of one meets every value of
   * the other (they are crossed), and a key that meets only some of another's values joins its group.
   */
  private static List<List<String>> groups(List<String> keys, List<Map<String, String>> values) {
    int[] group = new int[keys.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = i;
    }
    for (int a = 0; a < keys.size(); a++) {
      for (int b = a + 1; b < keys.size(); b++) {
        if (!crossed(keys.get(a), keys.get(b), values)) {
          int from = group[b];
          int to = group[a];
          for (int i = 0; i < group.length; i++) {
            group[i] = group[i] == from ? to : group[i];
          }
        }
      }
    }
    Map<Integer, List<String>> byGroup = new LinkedHashMap<>();
    for (int i = 0; i < keys.size(); i++) {
      byGroup.computeIfAbsent(group[i], g -> new ArrayList<>()).add(keys.get(i));
    }
    // a key every variant sets alike is no factor
    return byGroup.values().stream().filter(g -> values.stream().map(v -> tuple(g, v)).distinct().count() > 1)
        .toList();
  }

  private static boolean crossed(String a, String b, List<Map<String, String>> values) {
    long as = values.stream().map(v -> v.get(Settings.PREFIX + a)).distinct().count();
    long bs = values.stream().map(v -> v.get(Settings.PREFIX + b)).distinct().count();
    long both = values.stream().map(v -> tuple(List.of(a, b), v)).distinct().count();
    return both == as * bs;
  }

  private static List<String> tuple(List<String> keys, Map<String, String> values) {
    return keys.stream().map(k -> values.get(Settings.PREFIX + k)).toList();
  }

  /** "sgd lr=0.05": the variant's values of {@code keys} as its label shows them. */
  private static String label(List<String> keys, Variant variant) {
    return String.join(" ", keys.stream().filter(variant.overrides()::containsKey)
        .map(k -> SettingKey.of(k).label(variant.overrides().get(k))).toList());
  }

  List<Factor> factors() {
    return factors;
  }

  /** The level (an index into its factor's levels) of factor {@code factor} in the variant labelled {@code variant}. */
  int level(String variant, int factor) {
    return levels.get(variant)[factor];
  }

  /**
   * Whether the variants are the full cross product of the factors' levels, each combination once: only then is a
   * main effect an average over the same combinations of the other factors at every level.
   */
  boolean complete() {
    long cells = factors.stream().mapToLong(f -> f.levels().size()).reduce(1, (a, b) -> a * b);
    return !factors.isEmpty() && cells == levels.size();
  }
}
