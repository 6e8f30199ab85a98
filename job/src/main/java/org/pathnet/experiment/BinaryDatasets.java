package org.pathnet.experiment;

import org.pathnet.data.BinaryDataset;
import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;

/**
 * Examples held as one {@link BinaryDataset} per pair of classes: how a run samples a task's training split and
 * tests on its held-out split, whether the datasets are the driver's ({@link StudyData}) or shared with Spark tasks.
 */
public abstract class BinaryDatasets implements ExampleSource {
  /** The dataset of {@code classes} ({@code a,b}), or null when the study has none. */
  protected abstract BinaryDataset find(String classes);

  /** The dataset of {@code classes} ({@code a,b}). */
  public final BinaryDataset dataset(String classes) {
    BinaryDataset dataset = find(classes);
    if (dataset == null) {
      throw new IllegalArgumentException("no dataset for classes " + classes);
    }
    return dataset;
  }

  @Override
  public final MinibatchSampler sampler(String classes) {
    BinaryDataset dataset = dataset(classes);
    return new MinibatchSampler(dataset.trainPixels(), dataset.inputSize(), dataset.trainLabels());
  }

  @Override
  public final Minibatch testSet(String classes) {
    BinaryDataset dataset = dataset(classes);
    return Minibatch.ofPixels(dataset.testPixels(), dataset.inputSize(), dataset.testLabels());
  }
}
