package org.pathnet.experiment;

import java.util.HashMap;
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
}
