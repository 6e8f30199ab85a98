package org.pathnet.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Function1;
import scala.collection.Iterator;
import scala.collection.immutable.Range;
import scala.concurrent.ExecutionContext;
import scala.concurrent.ExecutionContext$;
import scala.runtime.BoxedUnit;

/**
 * One Spark job whose tasks each work on one batch's cargo, in a {@link Parcel}. The batches a driver has ready at
 * once travel in one job: Spark pays for each job (its stages, its RDD and closure serialized for its tasks, its
 * events, and in a short study the compiler's time on all that code) several times what it pays for each task
 * (docs/DESIGN.md, "How it travels"). Each batch's results can be taken as soon as its own task has succeeded, so
 * the driver settles a job's batches as they come back, not when the job ends.
 *
 * @param <C> a batch's cargo
 * @param <R> one result; a task leaves a list of them
 */
public final class ParcelJob<C, R> {
  /** Runs the job's callbacks on the thread that completes it: they only complete futures. */
  private static final ExecutionContext IN_PLACE = ExecutionContext$.MODULE$.fromExecutor(Runnable::run);
  /** How long {@link #cancel} waits for Spark to take the job off its scheduler. */
  private static final long CANCEL_WAIT_SECONDS = 10;

  /** What a task does with its batch's cargo: the results it sends back. */
  @FunctionalInterface
  public interface Work<C, R> extends Serializable {
    List<R> apply(C cargo);
  }

  private final List<Parcel<C, R>> parcels;
  /**
   * What each batch's task returned, once it has succeeded, or the job's failure; none once the batch is released,
   * so that a job's settled results (a cluster's) are not held until its last batch settles.
   */
  private final AtomicReferenceArray<CompletableFuture<List<R>>> returned;
  private final SimpleFutureAction<BoxedUnit> job;
  /** Completes when the job has ended, however it ended. */
  private final CompletableFuture<Void> ended;
  /** The batches released so far: a broadcast cargo cannot be destroyed twice. */
  private final boolean[] released;

  private ParcelJob(List<Parcel<C, R>> parcels, AtomicReferenceArray<CompletableFuture<List<R>>> returned,
      SimpleFutureAction<BoxedUnit> job, CompletableFuture<Void> ended) {
    this.parcels = parcels;
    this.returned = returned;
    this.job = job;
    this.ended = ended;
    this.released = new boolean[parcels.size()];
  }

  /**
   * Submits one job on {@code spark} with a task per cargo in {@code cargoes}, each doing {@code work}; the thread's
   * job group and description apply (they are Spark's per-thread properties).
   */
  public static <C, R> ParcelJob<C, R> submit(JavaSparkContext spark, List<C> cargoes, Work<C, R> work) {
    List<Parcel<C, R>> parcels = new ArrayList<>(cargoes.size());
    AtomicReferenceArray<CompletableFuture<List<R>>> returned = new AtomicReferenceArray<>(cargoes.size());
    for (int i = 0; i < cargoes.size(); i++) {
      parcels.add(Parcel.of(spark, cargoes.get(i)));
      returned.set(i, new CompletableFuture<>());
    }
    // A Java lambda, not the Scala closures of mapPartitions and collect, which Spark's closure cleaner would
    // analyse with a class reader at every job.
    Function1<Iterator<Parcel<C, R>>, List<R>> task = (Function1<Iterator<Parcel<C, R>>, List<R>> & Serializable)
        partition -> {
          Parcel<C, R> parcel = partition.next();
          return parcel.reply(work.apply(parcel.open()));
        };
    SimpleFutureAction<BoxedUnit> job = spark.sc().submitJob(spark.parallelize(parcels, parcels.size()).rdd(), task,
        new Range(0, parcels.size(), 1), (index, result) -> {
          CompletableFuture<List<R>> batch = returned.get((Integer) index);
          // none when the batch was released while its task ran on (the job was cancelled): no one reads it
          if (batch != null) {
            batch.complete(result);
          }
          return BoxedUnit.UNIT;
        }, () -> BoxedUnit.UNIT);
    CompletableFuture<Void> ended = new CompletableFuture<>();
    job.onComplete(outcome -> {
      ended.complete(null);
      for (int i = 0; outcome.isFailure() && i < returned.length(); i++) {
        CompletableFuture<List<R>> batch = returned.get(i);
        if (batch != null) {
          batch.completeExceptionally(outcome.failed().get());
        }
      }
      return BoxedUnit.UNIT;
    }, IN_PLACE);
    return new ParcelJob<>(parcels, returned, job, ended);
  }

  /**
   * The results of batch {@code index}, once its task has succeeded; the job's failure when it failed first (Spark's
   * report of it, in an IllegalStateException when it is a checked exception, as Spark's own are).
   */
  public List<R> results(int index) {
    if (released[index]) {
      throw new IllegalStateException("batch " + index + " of the job was released");
    }
    try {
      return parcels.get(index).results(returned.get(index).get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a Spark job was in flight", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }
  }

  /** Batch {@code index}'s cargo and results are not read again. */
  public void release(int index) {
    if (!released[index]) {
      released[index] = true;
      returned.set(index, null);
      parcels.get(index).release();
    }
  }

  /**
   * Cancels the job's tasks that have not finished, waits until Spark has ended the job, and releases every batch.
   * Spark cancels on its scheduler's thread, later: a SparkContext stopped before then (Ctrl-C) would still offer
   * the job's waiting tasks to an executor that has shut down, and log that as an error.
   */
  public void cancel() {
    job.cancel();
    try {
      ended.get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // ended only ever completes normally; a job Spark has not ended by now is ended by the context's stop
    }
    for (int i = 0; i < parcels.size(); i++) {
      release(i);
    }
  }

  /** Whether Spark has ended the job, however it ended. */
  boolean ended() {
    return ended.isDone();
  }
}
