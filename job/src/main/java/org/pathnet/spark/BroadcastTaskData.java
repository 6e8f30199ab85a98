package org.pathnet.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.pathnet.data.BinaryTask;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.TaskData;
import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;

/**
 * A study's tasks as a Spark task sees them: the broadcast training and test splits.
 */
final class BroadcastTaskData implements TaskData {
  private final Map<String, Broadcast<BinaryTask>> tasks;

  BroadcastTaskData(Map<String, Broadcast<BinaryTask>> tasks) {
    this.tasks = tasks;
  }

  /** Broadcasts every task of {@code data} once, for the whole study: the handles tasks read them by. */
  static Map<String, Broadcast<BinaryTask>> broadcast(JavaSparkContext spark, StudyData data) {
    Map<String, Broadcast<BinaryTask>> tasks = new HashMap<>();
    data.tasks().forEach((classes, task) -> tasks.put(classes, spark.broadcast(task)));
    return tasks;
  }

  @Override
  public MinibatchSampler sampler(String classes) {
    BinaryTask task = task(classes);
    return new MinibatchSampler(task.trainPixels(), task.inputSize(), task.trainLabels());
  }

  @Override
  public Minibatch testSet(String classes) {
    BinaryTask task = task(classes);
    return Minibatch.ofPixels(task.testPixels(), task.inputSize(), task.testLabels());
  }

  private BinaryTask task(String classes) {
    Broadcast<BinaryTask> task = tasks.get(classes);
    if (task == null) {
      throw new IllegalArgumentException("no task for classes " + classes);
    }
    return task.value();
  }
}
