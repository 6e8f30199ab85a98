package org.pathnet.experiment;

import java.util.Locale;

/**
 * Resolved settings read by their declaration: {@code settings.integer(POPULATION)}. A key's type follows from its
 * {@link SettingKey.Range}, so a new key needs no accessor of its own.
 */
public interface SettingValues {
  /** The typed value of {@code key}: Integer, Double, Long or String, as its range parses it. */
  Object value(SettingKey key);

  default int integer(SettingKey key) {
    return as(key, Integer.class);
  }

  default double decimal(SettingKey key) {
    return as(key, Double.class);
  }

  default long longInteger(SettingKey key) {
    return as(key, Long.class);
  }

  /** A choice's value, or the text of a key with a rule of its own. */
  default String text(SettingKey key) {
    return as(key, String.class);
  }

  /** A {@code true}/{@code false} choice. */
  default boolean flag(SettingKey key) {
    return Boolean.parseBoolean(text(key));
  }

  /** A choice as the constant of {@code type} it names ({@code sum} is {@code SUM}). */
  default <E extends Enum<E>> E choice(SettingKey key, Class<E> type) {
    return Enum.valueOf(type, text(key).toUpperCase(Locale.ROOT));
  }

  private <T> T as(SettingKey key, Class<T> type) {
    Object value = value(key);
    if (!type.isInstance(value)) {
      throw new IllegalArgumentException(key.key() + " is not read as " + type.getSimpleName() + ": its value is "
          + value);
    }
    return type.cast(value);
  }
}
