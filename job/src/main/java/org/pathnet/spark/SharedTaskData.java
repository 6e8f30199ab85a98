package org.pathnet.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.pathnet.data.BinaryTask;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.TaskData;
import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;

/**
 * A study's tasks as a Spark task sees them: the training and test splits, shared once for the whole study
 * (broadcast on a cluster, the driver's own objects on a local master: {@link Shared}).
 */
final class SharedTaskData implements TaskData {
  private final Map<String, Shared<BinaryTask>> tasks;

  SharedTaskData(Map<String, Shared<BinaryTask>> tasks) {
    this.tasks = tasks;
  }

  /** Shares every task of {@code data} with the tasks of jobs on {@code spark}: the handles they read them by. */
  static Map<String, Shared<BinaryTask>> share(JavaSparkContext spark, StudyData data) {
    Map<String, Shared<BinaryTask>> tasks = new HashMap<>();
    data.tasks().forEach((classes, task) -> tasks.put(classes, Shared.of(spark, task)));
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
    Shared<BinaryTask> task = tasks.get(classes);
    if (task == null) {
      throw new IllegalArgumentException("no task for classes " + classes);
    }
    return task.value();
  }
}
