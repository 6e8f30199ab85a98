package org.pathnet.experiment;

import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;

/**
 * Where a run finds its tasks' examples: {@link StudyData} on the driver, the broadcast tasks inside a Spark task
 * that evolves runs for several generations.
 */
public interface TaskData {
  /** A sampler over the training split of {@code classes} ({@code a,b}). */
  MinibatchSampler sampler(String classes);

  /** The held-out split of {@code classes} as one batch, for test accuracy. */
  Minibatch testSet(String classes);
}
