package org.pathnet.experiment;

import java.io.Serializable;

/**
 * One experiment run: a seed of an arm on a task pair, in one variant of the study's settings. Pair, seed index
 * and arm are the first fields of every stream key; the variant is not, so that seed s of every variant draws the
 * same numbers wherever the variant leaves their shapes alone (docs/PATHNET.md, "Exact definitions").
 */
public record RunId(String variant, TaskPair pair, int seedIndex, Arm arm) implements Serializable {
  @Override
  public String toString() {
    return (variant.equals(Variant.BASE_LABEL) ? "" : variant + " ") + pair.label() + " seed " + seedIndex + " "
        + arm.label();
  }
}
