package org.pathnet.experiment;

import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;

/**
 * Where a run finds its tasks' examples: {@link StudyData} on the driver, the shared datasets inside a Spark
 * task.
 */
public interface ExampleSource {
  /**
   * A sampler over the training split of {@code classes} ({@code a,b}). A sampler's minibatches are valid until its
   * next draw: an implementation that gives the same sampler twice ({@link KeptSamplers}) belongs to one thread.
   */
  MinibatchSampler sampler(String classes);

  /** The held-out split of {@code classes} as one batch, for test accuracy. */
  Minibatch testSet(String classes);
}
