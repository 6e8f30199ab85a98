package org.pathnet.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How one batch's cargo reaches the Spark task that works on it, and how the task's results come back: the one
 * element of that task's partition in a {@link ParcelJob} (docs/DESIGN.md, "How it travels").
 * <ul>
 *   <li>On a cluster the cargo is broadcast and the results are the task's result, as Spark ships any.
 *   <li>On a local master the executors are threads of the driver's JVM. Spark would still serialize the cargo into
 *       broadcast pieces that no task reads, and serialize, copy and deserialize the results; that was most of
 *       local mode's overhead at one generation per round. So the cargo stays in this JVM ({@link Shared}), the
 *       task leaves its results there too, and Spark carries the keys: it still schedules, runs, retries and
 *       cancels the task.
 * </ul>
 * The cargo is only read, never changed, so every attempt of a task sees the same; an attempt that succeeds replaces
 * any results an earlier one left.
 *
 * @param <C> the cargo
 * @param <R> one result; a task returns a list of them
 */
abstract sealed class Parcel<C, R> implements Serializable {
  private static final long serialVersionUID = 1L;
  private final Shared<C> cargo;

  private Parcel(Shared<C> cargo) {
    this.cargo = cargo;
  }

  /** A parcel of {@code cargo} for a job on {@code spark}: kept in this JVM when the master is local. */
  static <C, R> Parcel<C, R> of(JavaSparkContext spark, C cargo) {
    Shared<C> shared = Shared.of(spark, cargo);
    return PathnetJobConf.isLocal(spark.master()) ? new LeftInJvm<>(shared) : new Returned<>(shared);
  }

  /** In the task: the cargo. */
  final C open() {
    return cargo.value();
  }

  /** In the task: what it returns for {@code results}, the results of its work on the cargo. */
  abstract List<R> reply(List<R> results);

  /** On the driver, once the task's job has succeeded and {@code returned} what the task did: the results. */
  abstract List<R> results(List<R> returned);

  /** On the driver: the cargo is not read again, nor are its results. */
  void release() {
    cargo.release();
  }

  /** A parcel whose results come back as the task's result. */
  private static final class Returned<C, R> extends Parcel<C, R> {
    private static final long serialVersionUID = 1L;

    Returned(Shared<C> cargo) {
      super(cargo);
    }

    @Override
    List<R> reply(List<R> results) {
      return results;
    }

    @Override
    List<R> results(List<R> returned) {
      return returned;
    }
  }

  /** A parcel whose task leaves its results in this JVM, under a key that is all Spark carries back. */
  private static final class LeftInJvm<C, R> extends Parcel<C, R> {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong KEYS = new AtomicLong();
    private static final Map<Long, Slot> SLOTS = new ConcurrentHashMap<>();
    private final long key;

    LeftInJvm(Shared<C> cargo) {
      super(cargo);
      this.key = KEYS.incrementAndGet();
      SLOTS.put(key, new Slot());
    }

    /** The results of the last attempt that finished with the parcel. */
    private static final class Slot {
      volatile List<?> results;
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
      Slot slot = SLOTS.get(key);
      if (slot == null) {
        throw new IllegalStateException("parcel " + key + " was released: its results are gone");
      }
      if (slot.results == null) {
        throw new IllegalStateException("parcel " + key + ": its task finished and left no results");
      }
      return (List<R>) slot.results;
    }

    @Override
    void release() {
      super.release();
      SLOTS.remove(key);
    }
  }
}
