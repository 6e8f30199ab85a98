package org.pathnet.network;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The optimiser of a study, ND4J's own updaters: Adam (the seed profile, lr 1e-3, beta1 0.9, beta2 0.999,
 * eps 1e-8) or plain SGD (the paper's profile, lr 1e-4). Its state is laid out as {@code stateVectors()}
 * vectors of the parameters' length, so a module's moments can be gathered and scattered like its weights.
 */
public final class Optimizer implements Serializable {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;
  /** Any length will do: ND4J's updaters declare state as a whole multiple of the parameter count. */
  private static final long PROBE = 1024;

  private final IUpdater config;

  private Optimizer(IUpdater config) {
    this.config = config;
  }

  /** {@code adam} or {@code sgd} at the given learning rate. */
  public static Optimizer named(String name, double learningRate) {
    return switch (name) {
      case "adam" -> new Optimizer(new Adam(learningRate, BETA1, BETA2, EPSILON));
      case "sgd" -> new Optimizer(new Sgd(learningRate));
      default -> throw new IllegalArgumentException("unknown optimizer " + name);
    };
  }

  /** True for Adam, false for plain SGD. */
  public boolean isAdam() {
    return config instanceof Adam;
  }

  public double learningRate() {
    return config.getLearningRate(0, 0);
  }

  /**
   * Adam's step size for update number {@code iteration} (0-based), bias correction folded in, exactly as ND4J's
   * {@code adam_updater} computes it: lr * sqrt(1 - beta2^(t+1)) / (1 - beta1^(t+1)), or epsilon when that
   * is not a positive finite number. The vector kernel uses it so that both kernels take the same steps.
   */
  public double adamStepSize(int iteration) {
    double beta1t = Math.pow(BETA1, iteration + 1);
    double beta2t = Math.pow(BETA2, iteration + 1);
    double step = learningRate() * Math.sqrt(1 - beta2t) / (1 - beta1t);
    return Double.isFinite(step) && step != 0 ? step : EPSILON;
  }

  public double beta1() {
    return BETA1;
  }

  public double beta2() {
    return BETA2;
  }

  public double epsilon() {
    return EPSILON;
  }

  /** How many parameter-length vectors the optimiser keeps per parameter (Adam 2, SGD 0). */
  public int stateVectors() {
    return (int) (config.stateSize(PROBE) / PROBE);
  }

  /**
   * An updater over {@code state} ({@code [1, stateVectors() * n]}, or null when there is none) that turns a
   * gradient {@code [1, n]} into the step to subtract, advancing the state in place.
   */
  GradientUpdater<?> bind(INDArray state) {
    return config.instantiate(state, false);
  }
}
