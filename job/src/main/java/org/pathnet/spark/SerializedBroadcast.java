package org.pathnet.spark;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.serializer.SerializerInstance;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A round's values (runs, or the parameters a contest starts from) broadcast as the bytes the driver serialized
 * once, and read back in a task as a copy of its own.
 *
 * <p>Why bytes rather than the objects: a broadcast object is shared by every task of an executor (in local mode
 * it is the driver's own object), so a task that trains it would have to copy it first (a retried task must start
 * from the state the round began with); storing an object also makes Spark estimate its size by walking it; and
 * an object holds ND4J memory that the study frees when the round ends, while Spark may still evict, and so
 * serialize, the broadcast.
 */
final class SerializedBroadcast {
  private SerializedBroadcast() {}

  /** Serializes each of {@code values} with Spark's serializer and broadcasts its bytes. */
  static <T> List<Broadcast<byte[]>> of(JavaSparkContext spark, List<T> values, Class<T> type) {
    SerializerInstance serializer = spark.env().serializer().newInstance();
    ClassTag<T> tag = ClassTag$.MODULE$.apply(type);
    List<Broadcast<byte[]>> broadcasts = new ArrayList<>(values.size());
    values.forEach(value -> broadcasts.add(spark.broadcast(bytes(serializer.serialize(value, tag)))));
    return broadcasts;
  }

  /** A new copy of the value in {@code broadcast}, in a task (or anywhere Spark's environment is up). */
  static <T> T read(Broadcast<byte[]> broadcast, Class<T> type) {
    return SparkEnv.get().serializer().newInstance()
        .deserialize(ByteBuffer.wrap(broadcast.value()), ClassTag$.MODULE$.apply(type));
  }

  /**
   * Destroys {@code broadcasts} and waits until their blocks are gone: {@link Broadcast#destroy()} only asks for
   * the removal, and blocks that linger take the storage memory that the next round's broadcasts need.
   */
  static void destroy(Collection<Broadcast<byte[]>> broadcasts) {
    // destroy(boolean) is private[spark] in Scala, public to Java; the blocking form exists for this purpose
    broadcasts.forEach(b -> b.destroy(true));
  }

  /** The bytes of a serialized buffer, without a copy when it wraps a whole array (as Kryo's does). */
  private static byte[] bytes(ByteBuffer buffer) {
    if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
        && buffer.remaining() == buffer.array().length) {
      return buffer.array();
    }
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return bytes;
  }
}
