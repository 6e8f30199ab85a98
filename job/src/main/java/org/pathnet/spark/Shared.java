package org.pathnet.spark;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * A value Spark tasks only read: broadcast on a cluster; on a local master, whose executors are threads of the
 * driver's JVM, kept in this JVM under a key that is all the task's closure carries. A local broadcast is still
 * serialized into pieces that no task reads (docs/DESIGN.md, "How it travels"), so keeping the object costs nothing
 * where broadcasting it costs the driver a copy of every byte.
 *
 * @param <T> the value
 */
abstract sealed class Shared<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private Shared() {}

  /** {@code value}, shared with the tasks of jobs on {@code spark}: kept in this JVM when the master is local. */
  static <T> Shared<T> of(JavaSparkContext spark, T value) {
    return PathnetJobConf.isLocal(spark.master()) ? new InJvm<>(value) : new Broadcasted<>(spark.broadcast(value));
  }

  /** In a task: the value. */
  abstract T value();

  /** On the driver: no task reads the value again. */
  abstract void release();

  /** A broadcast value. */
  private static final class Broadcasted<T> extends Shared<T> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<T> value;

    Broadcasted(Broadcast<T> value) {
      this.value = value;
    }

    @Override
    T value() {
      return value.value();
    }

    /**
     * Not blocking: a blocking destroy throws when an executor is lost while it is asked, and that executor's blocks
     * are gone with it; the study must go on, as it does when the executor's tasks are retried elsewhere.
     */
    @Override
    void release() {
      value.destroy();
    }
  }

  /** A value kept in this JVM, which only its key leaves. */
  private static final class InJvm<T> extends Shared<T> {
    private static final long serialVersionUID = 1L;
    private static final AtomicLong KEYS = new AtomicLong();
    private static final Map<Long, Object> VALUES = new ConcurrentHashMap<>();
    private final long key;

    InJvm(T value) {
      this.key = KEYS.incrementAndGet();
      VALUES.put(key, value);
    }

    @Override
    @SuppressWarnings("unchecked")
    T value() {
      Object value = VALUES.get(key);
      if (value == null) {
        throw new IllegalStateException("shared value " + key + " is not in this JVM: it was released, or a local"
            + " master's task ran outside the driver's JVM");
      }
      return (T) value;
    }

    @Override
    void release() {
      VALUES.remove(key);
    }
  }
}
