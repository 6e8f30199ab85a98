package org.pathnet.network;

import java.util.List;

/**
 * One tournament candidate being trained: a pathway's modules and the task's head, gathered from a
 * {@link ParameterSlice}, trained on minibatches, and handed back as a new slice. {@link Kernel} says which
 * implementation computes it.
 */
public interface CandidateNetwork extends AutoCloseable {
  /**
   * Trains one step on each batch in turn; returns the number of correct predictions, each made before its
   * batch's update (docs/PATHNET.md: fitness counts predictions made during training), on the batches from index
   * {@code countFrom} on.
   */
  default int train(List<Minibatch> batches, int countFrom) {
    int correct = 0;
    for (int i = 0; i < batches.size(); i++) {
      int c = trainStep(batches.get(i));
      if (i >= countFrom) {
        correct += c;
      }
    }
    return correct;
  }

  /**
   * Trains one step on {@code batch}: predicts, then updates. Returns how many of its examples were predicted
   * correctly BEFORE the update (docs/PATHNET.md: fitness counts predictions made during training).
   */
  int trainStep(Minibatch batch);

  /** Fraction of {@code examples} classified correctly at the current parameters. */
  double accuracy(Minibatch examples);

  /**
   * The trained candidate as a slice for its store: its unfrozen modules (new arrays), the head, and the step
   * count reached. Frozen modules are left out: they are never written back.
   */
  ParameterSlice trainedSlice();

  /**
   * Ends the candidate: a kernel may hand its memory to the next candidate of this thread, so nothing of the
   * network may be used afterwards ({@link #trainedSlice} copies out what is kept).
   */
  @Override
  default void close() {}
}
