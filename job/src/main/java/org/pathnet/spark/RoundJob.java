package org.pathnet.spark;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.pathnet.experiment.Scores;

/** A round's job on its way: the state it leaves, kept, and the scores it brings back, a list per shard. */
record RoundJob(int round, JavaRDD<RunShard> state, JavaFutureAction<List<List<Scores>>> job) {
  /** How long cancelling a round waits for Spark to take its job off the scheduler. */
  private static final long CANCEL_WAIT_SECONDS = 10;

  /** The scores, once every shard has played; the job's failure (Spark's report of it) if it failed. */
  List<List<Scores>> scores() {
    try {
      return job.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while round " + round + " played", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /**
   * Cancels the job and waits until Spark has ended it: Spark cancels on its scheduler's thread, later, and a
   * context stopped before then (Ctrl-C) would still offer the job's tasks to an executor that has shut down.
   */
  void cancel() {
    job.cancel(true);
    try {
      job.get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | CancellationException e) {
      // ended as cancelled, or not yet: then the context's stop ends it
    }
    state.unpersist(false);
  }
}
