package org.pathnet.network;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Examples to train or evaluate on: inputs {@code [B, inputSize]}, their labels (0 or 1) and the same labels
 * one-hot {@code [B, 2]} for the loss.
 */
public record Minibatch(INDArray inputs, int[] labels, INDArray oneHot) {

  /** A minibatch of {@code inputs} with {@code labels}; the one-hot matrix is built here, in the inputs' type. */
  public static Minibatch of(INDArray inputs, int[] labels) {
    INDArray oneHot = Nd4j.zeros(inputs.dataType(), labels.length, Architecture.CLASSES);
    for (int i = 0; i < labels.length; i++) {
      oneHot.putScalar(i, labels[i], 1.0);
    }
    return new Minibatch(inputs, labels, oneHot);
  }

  public int size() {
    return labels.length;
  }
}
