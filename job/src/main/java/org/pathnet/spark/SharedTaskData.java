package org.pathnet.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.pathnet.data.BinaryTask;
import org.pathnet.experiment.BinaryTaskData;
import org.pathnet.experiment.StudyData;

/**
 * A study's tasks as a Spark task sees them: the training and test splits, shared once for the whole study
 * (broadcast on a cluster, the driver's own objects on a local master: {@link Shared}).
 */
final class SharedTaskData extends BinaryTaskData {
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
  protected BinaryTask find(String classes) {
    Shared<BinaryTask> task = tasks.get(classes);
    return task == null ? null : task.value();
  }
}
