package org.pathnet.experiment;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One variant of a study: the per-run settings its runs train under instead of the study's, and the short label
 * that tells its results apart from the other variants' ({@code sgd lr=0.01}, or a named variant's name). A study
 * without variants has the one variant {@link #BASE}. {@link Settings#variants()} lists a study's variants and
 * {@link Settings#of(Variant)} gives the settings one of them trains under.
 *
 * @param label how results name the variant
 * @param overrides {@code KEY -> VALUE} (without the {@code spark.pathnet.} prefix) as the user gave them, in axis
 *     order for a grid, in declaration order for a named variant
 */
public record Variant(String label, Map<String, String> overrides) implements Serializable {
  /** The label of a study without variants: stable, so its results join those of studies with variants. */
  public static final String BASE_LABEL = "base";
  /** The only variant of a study without variants: the study's own settings. */
  public static final Variant BASE = new Variant(BASE_LABEL, Map.of());

  public Variant {
    // a copy that keeps the order the label and config.properties follow
    overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
  }

  /** The entry that names this variant's value of {@code key}, without the prefix: {@code variant.LABEL.KEY}. */
  public String entry(String key) {
    return Variants.ENTRY + label + "." + key;
  }
}
