package org.pathnet.experiment;

import java.util.List;

/**
 * The four arms of the study (docs/PATHNET.md, "Controls"): PathNet with transfer, and the three controls.
 * An arm says which tasks it trains and whether it evolves pathways or trains one fixed pathway.
 */
public enum Arm {
  /** PathNet on task A, then on task B with task A's optimal path frozen. */
  PATHNET(List.of(Task.A, Task.B), true),
  /** PathNet without transfer: evolution on task B from fresh parameters. */
  SCRATCH(List.of(Task.B), true),
  /** Independent learning: one fixed random pathway trained on task B from scratch. */
  DENOVO(List.of(Task.B), false),
  /** Fine-tuning: one fixed random pathway trained on task A, then with a new head on task B. */
  FINETUNE(List.of(Task.A, Task.B), false);

  private final List<Task> tasks;
  private final boolean evolves;

  Arm(List<Task> tasks, boolean evolves) {
    this.tasks = tasks;
    this.evolves = evolves;
  }

  /** The tasks this arm trains, in order; each gets a row in the {@code runs} table. */
  public List<Task> tasks() {
    return tasks;
  }

  /** True for arms that run tournaments over a population; false for fixed-pathway arms. */
  public boolean evolves() {
    return evolves;
  }

  /** The name used in settings, tables and stream keys, e.g. {@code pathnet}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The arm named {@code label}, or null when there is none. */
  public static Arm fromLabel(String label) {
    for (Arm arm : values()) {
      if (arm.label().equals(label)) {
        return arm;
      }
    }
    return null;
  }
}
