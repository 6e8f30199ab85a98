package org.pathnet.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.apache.spark.serializer.KryoRegistrator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pathnet.experiment.Settings;
import org.pathnet.network.ParameterBlock;

/**
 * The job's own Kryo serializers, registered after ND4J's {@code Nd4jRegistrator} (spark.kryo.registrator lists
 * both). Every generation ships each run's modules to a task and the winner's back, megabytes per run, so a
 * {@link ParameterBlock} travels as plain float arrays: ND4J's own serializer writes an array element by element
 * through a DataOutputStream, which measured as the largest cost of a round after training itself.
 */
public final class PathnetKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.register(ParameterBlock.class, new ParameterBlockSerializer());
    // Kryo's field serializer can neither set a record's fields nor fill an immutable List.of: the small records
    // and the settings inside a run (generationsPerTask > 1) travel by Java serialization, which handles both.
    kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    kryo.register(Settings.class, new JavaSerializer());
  }

  /** Parameters and optimiser state as float32 row vectors (their type in a study); other types go through ND4J. */
  private static final class ParameterBlockSerializer extends Serializer<ParameterBlock> {
    private static final int ABSENT = -1;
    private static final int NOT_FLOAT = -2;

    @Override
    public void write(Kryo kryo, Output output, ParameterBlock block) {
      writeArray(kryo, output, block.params());
      writeArray(kryo, output, block.state());
    }

    @Override
    public ParameterBlock read(Kryo kryo, Input input, Class<ParameterBlock> type) {
      INDArray params = readArray(kryo, input);
      return new ParameterBlock(params, readArray(kryo, input));
    }

    private static void writeArray(Kryo kryo, Output output, INDArray array) {
      if (array == null) {
        output.writeInt(ABSENT);
      } else if (array.dataType() != DataType.FLOAT) {
        output.writeInt(NOT_FLOAT);
        kryo.writeClassAndObject(output, array);
      } else {
        float[] values = ParameterBlock.floats(array);
        output.writeInt(values.length);
        output.writeFloats(values);
      }
    }

    private static INDArray readArray(Kryo kryo, Input input) {
      int length = input.readInt();
      if (length == ABSENT) {
        return null;
      }
      if (length == NOT_FLOAT) {
        return (INDArray) kryo.readClassAndObject(input);
      }
      return ParameterBlock.rowVector(input.readFloats(length));
    }
  }
}
