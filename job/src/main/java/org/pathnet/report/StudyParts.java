package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.DATA;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.SettingKey;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Variant;

/**
 * A study run in parts (a folder {@code studies/NAME/} of study files, each run into {@code RUN_DIR/PART}): one
 * question whose variants are too many for one driver's memory, split by variant. Because the random-stream key
 * has no variant (docs/PATHNET.md), seed s of every part draws the streams it would draw in one file of all the
 * variants, so the joined rows are the rows that file would give, and the findings analyse them as one study:
 * its variants every part's, as named variants, under the study settings they all share.
 */
final class StudyParts {
  private StudyParts() {}

  /**
   * The study whose parts are {@code parts} (each named {@code NAME/PART}), asking {@code question}. Parts that
   * differ in a study setting (the seed, seeds, pairs, arms, the data) or share a variant's name are refused in one
   * line naming both.
   */
  static StudyResults join(String name, String question, List<StudyResults> parts) {
    if (parts.isEmpty()) {
      throw new InvalidInputException(name + ": a study in parts needs at least one part");
    }
    for (StudyResults part : parts) {
      String data = parts.get(0).facts().get("data");
      if (data != null && !data.equals(part.facts().get("data"))) {
        throw new InvalidInputException(name + ": parts " + parts.get(0).name() + " and " + part.name()
            + " read different data (" + data + " and " + part.facts().get("data") + "): expected the parts of one"
            + " study to share it");
      }
    }
    Map<String, String> facts = new LinkedHashMap<>();
    for (String field : List.of("commit", "master", "cores", "data")) {
      facts.put(field, String.join(", ", parts.stream().map(p -> p.facts().getOrDefault(field, "?")).distinct()
          .toList()));
    }
    facts.put("wallMillis", Long.toString(parts.stream()
        .mapToLong(p -> Long.parseLong(p.facts().getOrDefault("wallMillis", "0"))).sum()));
    return new StudyResults(name, question, settings(name, parts), facts,
        parts.stream().flatMap(p -> p.runs().stream()).toList(),
        parts.stream().flatMap(p -> p.generations().stream()).toList(), List.copyOf(parts));
  }

  /**
   * The settings of the joined study, as one file of named variants would give them: the values every variant of
   * every part shares and none names as the study's; each variant with the entries it names, and the values it
   * trains under that differ from the study's.
   */
  private static Settings settings(String name, List<StudyResults> parts) {
    Map<Variant, Map<String, String>> byVariant = new LinkedHashMap<>();
    Map<String, String> partOf = new LinkedHashMap<>();
    String data = parts.get(0).settings().text(DATA);
    for (StudyResults part : parts) {
      for (Variant v : part.settings().variants()) {
        String earlier = partOf.putIfAbsent(v.label(), part.name());
        if (earlier != null) {
          throw new InvalidInputException(name + ": parts " + earlier + " and " + part.name() + " both name a"
              + " variant '" + v.label() + "': expected each part to name its variants apart");
        }
        Map<String, String> values = new LinkedHashMap<>();
        part.settings().of(v).withoutVariants().forEach((property, value) ->
            values.put(property.substring(Settings.PREFIX.length()), value));
        values.put(DATA.key(), data); // the same files, wherever each part's clone read them
        byVariant.put(v, values);
      }
    }
    Map<String, String> study = new LinkedHashMap<>();
    for (String key : byVariant.values().iterator().next().keySet()) {
      List<String> values = byVariant.values().stream().map(v -> v.get(key)).distinct().toList();
      boolean named = byVariant.keySet().stream().anyMatch(v -> v.overrides().containsKey(key));
      if (values.size() == 1 && !named) {
        study.put(key, values.get(0));
      } else if (SettingKey.of(key).scope() == SettingKey.Scope.STUDY) {
        throw new InvalidInputException(name + ": parts differ in the study setting " + Settings.PREFIX + key
            + " (" + String.join(" and ", values) + "): expected the parts of one study to share it");
      }
    }
    Map<String, String> studyValues = Settings.resolve(study, null).withoutVariants();
    Map<String, String> explicit = new LinkedHashMap<>(study);
    byVariant.forEach((v, values) -> values.forEach((key, value) -> {
      if (v.overrides().containsKey(key)) {
        explicit.put(v.entry(key), v.overrides().get(key));
      } else if (!study.containsKey(key) && !value.equals(studyValues.get(Settings.PREFIX + key))) {
        explicit.put(v.entry(key), value);
      }
    }));
    return Settings.resolve(explicit, null);
  }
}
