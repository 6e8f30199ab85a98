package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The settings' declarations are what README, the profiles and config.properties say. */
class SettingKeyTest {
  private static final Path README = Path.of("..", "README.md");
  private static final String TABLE_START = "<!-- settings table: SettingKey.readmeTable, checked by SettingKeyTest -->";
  private static final String TABLE_END = "<!-- end of settings table -->";

  private static List<SettingKey.Profile> profiles() {
    return Settings.PROFILES.stream().map(p -> new SettingKey.Profile(p, Settings.profileFile(p))).toList();
  }

  @Test
  void readmeShowsTheDeclaredSettings() throws IOException {
    String readme = Files.readString(README);
    int start = readme.indexOf(TABLE_START);
    int end = readme.indexOf(TABLE_END);
    assertTrue(start >= 0 && end > start, "README.md marks its settings table with " + TABLE_START);
    String shown = readme.substring(start + TABLE_START.length(), end).strip();
    String declared = SettingKey.readmeTable(profiles()).strip();
    assertEquals(declared, shown, "README.md's settings table differs from the declarations; paste this:\n"
        + declared);
  }

  @Test
  void aProfileFileSetsOnlyKnownKeysAndOnlyWhatDiffersFromTheDefaults() {
    for (String profile : Settings.PROFILES) {
      Map<String, String> file = Settings.profileFile(profile);
      file.forEach((key, value) -> {
        SettingKey declared = SettingKey.of(key);
        assertNotNull(declared, profile + " sets unknown key " + key);
        assertNotEquals(declared.defaultValue(), value.trim(), profile + " repeats the default of " + key);
      });
    }
  }

  @Test
  void theDefaultsAreAValidStudyAndConfigPropertiesNamesEveryKeyButTheSinglePair() {
    Map<String, String> written = Settings.resolve(Map.of("data", "file:///nowhere"), null).toProperties();
    Set<String> expected = new TreeSet<>();
    for (SettingKey key : SettingKey.values()) {
      if (key != SettingKey.TASK_A && key != SettingKey.TASK_B) {
        expected.add(Settings.PREFIX + key.key());
      }
    }
    assertEquals(expected, new TreeSet<>(written.keySet()));
  }

  @Test
  void theKeysAreUniqueAndFoundByName() {
    assertEquals(SettingKey.values().length, new TreeSet<>(SettingKey.keys()).size());
    for (SettingKey key : SettingKey.values()) {
      assertEquals(key, SettingKey.of(key.key()));
    }
    assertEquals(null, SettingKey.of("generationsPerTask"));
  }
}
