package org.pathnet.experiment;

import java.io.Serializable;
import java.util.Arrays;
import org.pathnet.network.Aggregation;
import org.pathnet.network.Architecture;
import org.pathnet.network.Kernel;
import org.pathnet.network.Optimizer;

/**
 * What a Spark task needs to play any contest of one variant: the variant's per-run settings, the network's shape
 * and optimiser built from them, and the kernel. Small: it travels in each {@link Contest}.
 */
public final class TrainingPlan implements SettingValues, Serializable {
  /** The per-run settings' values by ordinal; null for a study setting, which training never reads. */
  private final Object[] values;
  private final Architecture architecture;
  private final Optimizer optimizer;
  private final Kernel kernel;

  private TrainingPlan(Object[] values, Architecture architecture, Optimizer optimizer, Kernel kernel) {
    this.values = values;
    this.architecture = architecture;
    this.optimizer = optimizer;
    this.kernel = kernel;
  }

  /** The plan a variant's settings describe, for images of {@code inputSize} pixels. */
  public static TrainingPlan of(Settings s, int inputSize) {
    Object[] values = Arrays.stream(SettingKey.values())
        .map(k -> k.scope() == SettingKey.Scope.RUN ? s.value(k) : null).toArray();
    Architecture arch = new Architecture(s.integer(SettingKey.LAYERS), s.integer(SettingKey.MODULES),
        s.integer(SettingKey.ACTIVE), inputSize, s.integer(SettingKey.MODULE_SIZE),
        s.choice(SettingKey.AGGREGATION, Aggregation.class));
    return new TrainingPlan(values, arch, Optimizer.named(s.text(SettingKey.OPTIMIZER),
        s.decimal(SettingKey.LEARNING_RATE)), s.choice(SettingKey.KERNEL, Kernel.class));
  }

  @Override
  public Object value(SettingKey key) {
    Object value = values[key.ordinal()];
    if (value == null) {
      throw new IllegalArgumentException(key.key() + " is a study setting, not part of a training plan");
    }
    return value;
  }

  public Architecture architecture() {
    return architecture;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public Kernel kernel() {
    return kernel;
  }
}
