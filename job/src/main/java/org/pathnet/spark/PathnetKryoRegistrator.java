package org.pathnet.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyRuns;

/**
 * The job's own Kryo settings, registered after ND4J's {@code Nd4jRegistrator} (spark.kryo.registrator lists
 * both). A run's state is float arrays, which Kryo's unsafe streams copy in bulk as they are; what Kryo's field
 * serializer cannot build is sent by Java serialization here.
 */
public final class PathnetKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    // Kryo's field serializer can neither set a record's fields nor fill an immutable List.of: the small records
    // and the settings inside a run (generationsPerRound > 1) travel by Java serialization, which handles both.
    kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    kryo.register(Settings.class, new JavaSerializer());
    // what a new study's runs are started from is broadcast once; it holds immutable lists and settings
    kryo.register(StudyRuns.class, new JavaSerializer());
  }
}
