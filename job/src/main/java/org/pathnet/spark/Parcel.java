package org.pathnet.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How one batch's cargo reaches the Spark task that works on it, and how the task's results come back: the one
 * element of that task's partition in a {@link ParcelJob} (docs/DESIGN.md, "How it travels").
 * <ul>
 *   <li>On a cluster the cargo is broadcast and the results are the task's result, as Spark ships any.
 *   <li>On a local master the executors are threads of the driver's JVM. Spark would still serialize the cargo into
 *       broadcast pieces that no task reads, and serialize, copy and deserialize the results; that was most of
 *       local mode's overhead at one generation per round. So the cargo stays in this JVM under a key, the task
 *       reads it there and leaves its results beside it, and Spark carries the key: it still schedules, runs,
 *       retries and cancels the task.
 * </ul>
 * The cargo is only read, never changed, so every attempt of a task sees the same; an attempt that succeeds replaces
 * any results an earlier one left.
 *
 * @param <C> the cargo
 * @param <R> one result; a task returns a list of them
 */
abstract sealed class Parcel<C, R> implements Serializable {
  private static final long serialVersionUID = 1L;

  private Parcel() {}

  /** A parcel of {@code cargo} for a job on {@code spark}: kept in this JVM when the master is local. */
  static <C, R> Parcel<C, R> of(JavaSparkContext spark, C cargo) {
    return PathnetJobConf.isLocal(spark.master()) ? new InJvm<>(cargo) : new Broadcasted<>(spark.broadcast(cargo));
  }

  /** In the task: the cargo. */
  abstract C open();

  /** In the task: what it returns for {@code results}, the results of its work on the cargo. */
  abstract List<R> reply(List<R> results);

  /** On the driver, once the task's job has succeeded and {@code returned} what the task did: the results. */
  abstract List<R> results(List<R> returned);

  /** On the driver: the cargo is not read again, nor are its results. */
  abstract void release();

  /** A broadcast cargo, whose results come back as the task's result. */
  private static final class Broadcasted<C, R> extends Parcel<C, R> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<C> cargo;

    Broadcasted(Broadcast<C> cargo) {
      this.cargo = cargo;
    }

    @Override
    C open() {
      return cargo.value();
    }

    @Override
    List<R> reply(List<R> results) {
      return results;
    }

    @Override
    List<R> results(List<R> returned) {
      return returned;
    }

    /**
     * Not blocking: a blocking destroy throws when an executor is lost while it is asked, and that executor's blocks
     * are gone with it; the study must go on, as it does when the executor's tasks are retried elsewhere.
     */
    @Override
    void release() {
      cargo.destroy();
    }
  }

  /** A cargo kept in this JVM, which only its key leaves; the task leaves its results beside it. */
  private static final class InJvm<C, R> extends Parcel<C, R> {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong KEYS = new AtomicLong();
    private static final Map<Long, Slot> SLOTS = new ConcurrentHashMap<>();
    private final long key;

    InJvm(C cargo) {
      this.key = KEYS.incrementAndGet();
      SLOTS.put(key, new Slot(cargo));
    }

    /** A cargo and the results of the last attempt that finished with it. */
    private static final class Slot {
      final Object cargo;
      volatile List<?> results;

      Slot(Object cargo) {
        this.cargo = cargo;
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    C open() {
      return (C) slot().cargo;
    }

    @Override
    List<R> reply(List<R> results) {
      Slot slot = SLOTS.get(key);
      // none when the parcel was released while its task ran on (its job was cancelled): no one reads the results
      if (slot != null) {
        slot.results = results;
      }
      return List.of();
    }

    @Override
    @SuppressWarnings("unchecked")
    List<R> results(List<R> returned) {
      List<?> results = slot().results;
      if (results == null) {
        throw new IllegalStateException("parcel " + key + ": its task finished and left no results");
      }
      return (List<R>) results;
    }

    @Override
    void release() {
      SLOTS.remove(key);
    }

    private Slot slot() {
      Slot slot = SLOTS.get(key);
      if (slot == null) {
        throw new IllegalStateException("parcel " + key + " is not in this JVM: it was released, or a local"
            + " master's task ran outside the driver's JVM");
      }
      return slot;
    }
  }
}
