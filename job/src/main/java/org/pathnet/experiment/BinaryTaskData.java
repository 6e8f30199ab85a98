package org.pathnet.experiment;

import org.pathnet.data.BinaryTask;
import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;

/**
 * Task data held as one {@link BinaryTask} per pair of classes: how a run samples a task's training split and
 * tests on its held-out split, whether the tasks are the driver's ({@link StudyData}) or shared with Spark tasks.
 */
public abstract class BinaryTaskData implements TaskData {
  /** The task of {@code classes} ({@code a,b}), or null when the study has none. */
  protected abstract BinaryTask find(String classes);

  /** The task of {@code classes} ({@code a,b}). */
  public final BinaryTask task(String classes) {
    BinaryTask task = find(classes);
    if (task == null) {
      throw new IllegalArgumentException("no task for classes " + classes);
    }
    return task;
  }

  @Override
  public final MinibatchSampler sampler(String classes) {
    BinaryTask task = task(classes);
    return new MinibatchSampler(task.trainPixels(), task.inputSize(), task.trainLabels());
  }

  @Override
  public final Minibatch testSet(String classes) {
    BinaryTask task = task(classes);
    return Minibatch.ofPixels(task.testPixels(), task.inputSize(), task.testLabels());
  }
}
