package org.pathnet.experiment;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/** Settings and data for tests: the seed profile over the embedded MNIST subset, with overrides. */
public final class StudyFixtures {
  private StudyFixtures() {}

  /** The seed profile with {@code overrides} given as KEY, VALUE, KEY, VALUE, ... */
  public static Settings settings(String... overrides) {
    Map<String, String> explicit = new HashMap<>();
    for (int i = 0; i < overrides.length; i += 2) {
      explicit.put(overrides[i], overrides[i + 1]);
    }
    return Settings.resolve(explicit, System.getProperty(Settings.HOME_PROPERTY));
  }

  static StudyData data(Settings settings) {
    return StudyData.load(settings, new Configuration());
  }

  /** The generations table's rows without wall-clock figures, sorted: what docs/PATHNET.md's "equal" compares. */
  static List<String> generationRows(Study.Results results) {
    return results.generations().stream()
        .map(g -> String.join(" ", g.variant(), g.pair(), Integer.toString(g.seed()), g.arm(), g.task(),
            Integer.toString(g.generation()), Double.toString(g.winnerFitness()), String.valueOf(g.loserFitness()),
            Arrays.deepToString(g.winnerPath())))
        .sorted().toList();
  }

  /** The runs table's rows, sorted. */
  static List<String> runRows(Study.Results results) {
    return results.runs().stream()
        .map(r -> String.join(" ", r.variant(), r.pair(), Integer.toString(r.seed()), r.arm(), r.task(), r.classes(),
            Boolean.toString(r.solved()), String.valueOf(r.generations()), String.valueOf(r.overlap()),
            Double.toString(r.testAccuracy()), Arrays.deepToString(r.path())))
        .sorted().toList();
  }
}
