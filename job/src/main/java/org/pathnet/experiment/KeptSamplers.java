package org.pathnet.experiment;

import java.util.HashMap;
import java.util.Map;
import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;

/**
 * The tasks of another {@link ExampleSource} with one sampler per task, kept: consecutive contests reuse the sampler's
 * minibatches instead of allocating their own ({@link MinibatchSampler}). For the one thread that plays them, one
 * contest at a time: a Spark task's, or the in-process rounds'.
 */
public final class KeptSamplers implements ExampleSource {
  private final ExampleSource data;
  private final Map<String, MinibatchSampler> samplers = new HashMap<>();

  public KeptSamplers(ExampleSource data) {
    this.data = data;
  }

  @Override
  public MinibatchSampler sampler(String classes) {
    return samplers.computeIfAbsent(classes, data::sampler);
  }

  @Override
  public Minibatch testSet(String classes) {
    return data.testSet(classes);
  }
}
