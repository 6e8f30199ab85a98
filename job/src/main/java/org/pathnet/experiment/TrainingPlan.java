package org.pathnet.experiment;

import java.io.Serializable;
import org.pathnet.network.Architecture;
import org.pathnet.network.Kernel;
import org.pathnet.network.Optimizer;

/**
 * What a Spark task needs to know to play any contest of a study: the network's shape, the optimiser,
 * T, the batch size, the input noise and the kernel that trains candidates. Small and serializable; shipped with the task closure.
 */
public final class TrainingPlan implements Serializable {
  private final Architecture architecture;
  private final Optimizer optimizer;
  private final int steps;
  private final int batchSize;
  private final double noise;
  private final Kernel kernel;

  public TrainingPlan(Architecture architecture, Optimizer optimizer, int steps, int batchSize, double noise,
      Kernel kernel) {
    this.architecture = architecture;
    this.optimizer = optimizer;
    this.steps = steps;
    this.batchSize = batchSize;
    this.noise = noise;
    this.kernel = kernel;
  }

  /** The plan a study's settings describe, for images of {@code inputSize} pixels. */
  public static TrainingPlan of(Settings s, int inputSize) {
    Architecture arch = new Architecture(s.layers(), s.modulesPerLayer(), s.activePerLayer(), inputSize,
        s.moduleSize(), s.aggregation());
    return new TrainingPlan(arch, Optimizer.named(s.optimizer(), s.learningRate()), s.steps(), s.batchSize(),
        s.noise(), s.kernel());
  }

  public Architecture architecture() {
    return architecture;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  /** T: minibatches per candidate per tournament. */
  public int steps() {
    return steps;
  }

  public int batchSize() {
    return batchSize;
  }

  public double noise() {
    return noise;
  }

  public Kernel kernel() {
    return kernel;
  }
}
