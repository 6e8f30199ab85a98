package org.pathnet.spark;

import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.pathnet.data.BinaryDataset;
import org.pathnet.experiment.BinaryDatasets;
import org.pathnet.experiment.StudyData;

/**
 * A study's datasets as a Spark task sees them: the training and test splits, shared once for the whole study
 * (broadcast on a cluster, the driver's own objects on a local master: {@link Shared}).
 */
final class SharedDatasets extends BinaryDatasets {
  private final Map<String, Shared<BinaryDataset>> datasets;

  SharedDatasets(Map<String, Shared<BinaryDataset>> datasets) {
    this.datasets = datasets;
  }

  /** Shares every dataset of {@code data} with the Spark tasks of jobs on {@code spark}: the handles they read. */
  static Map<String, Shared<BinaryDataset>> share(JavaSparkContext spark, StudyData data) {
    Map<String, Shared<BinaryDataset>> datasets = new HashMap<>();
    data.datasets().forEach((classes, dataset) -> datasets.put(classes, Shared.of(spark, dataset)));
    return datasets;
  }

  @Override
  protected BinaryDataset find(String classes) {
    Shared<BinaryDataset> dataset = datasets.get(classes);
    return dataset == null ? null : dataset.value();
  }
}
