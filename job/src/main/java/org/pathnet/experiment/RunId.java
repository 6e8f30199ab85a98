package org.pathnet.experiment;

import java.io.Serializable;

/** One experiment run: a seed of an arm on a task pair; the first three fields of every stream key. */
public record RunId(TaskPair pair, int seedIndex, Arm arm) implements Serializable {
  @Override
  public String toString() {
    return pair.label() + " seed " + seedIndex + " " + arm.label();
  }
}
