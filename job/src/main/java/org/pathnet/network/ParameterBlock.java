package org.pathnet.network;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainable state of one module or head: its parameters as a row vector {@code [1, n]} (weights
 * row-major, then biases) and the optimiser state that belongs to them, {@code [1, k * n]} for an
 * optimiser with k moment vectors (Adam: m then v; SGD: none, so {@code state} is null). Adam's moments
 * travel with the weights: saved, restored and discarded together (PATHNET.md, settings).
 *
 * <p>A plain final class rather than a record: Spark ships it with Kryo, whose field serializer cannot
 * set a record's fields.
 */
public final class ParameterBlock implements Serializable {
  private final INDArray params;
  private final INDArray state;

  public ParameterBlock(INDArray params, INDArray state) {
    this.params = params;
    this.state = state;
  }

  public INDArray params() {
    return params;
  }

  /** The optimiser state, or null for an optimiser without any (SGD). */
  public INDArray state() {
    return state;
  }

  /**
   * Writes the block for a checkpoint: the parameters' length, their float32 values, then the state's length
   * (-1 when there is none) and values; big-endian, as {@link DataOutput} writes.
   */
  public void writeTo(DataOutput out) throws IOException {
    writeFloats(out, floats(params));
    if (state == null) {
      out.writeInt(-1);
    } else {
      writeFloats(out, floats(state));
    }
  }

  /**
   * A copy of a row vector's values. A whole float32 array is copied in one bulk read of its buffer, measured 15
   * times faster than {@link INDArray#toFloatVector} (which duplicates the array, then reads it element by
   * element); that matters because every contest copies its modules in and the winner's out.
   */
  public static float[] floats(INDArray row) {
    if (row.dataType() != DataType.FLOAT || row.isView() || row.offset() != 0 || row.length() != row.data().length()) {
      return row.toFloatVector();
    }
    float[] values = new float[(int) row.length()];
    row.data().asNioFloat().get(values);
    return values;
  }

  /** A new float32 row vector {@code [1, n]} holding a copy of {@code values}, written in one bulk copy. */
  public static INDArray rowVector(float[] values) {
    INDArray row = Nd4j.createUninitialized(DataType.FLOAT, 1, values.length);
    row.data().asNioFloat().put(values);
    return row;
  }

  /** Reads a block written by {@link #writeTo}, as float32 row vectors. */
  public static ParameterBlock readFrom(DataInput in) throws IOException {
    INDArray params = readFloats(in, in.readInt());
    int stateLength = in.readInt();
    return new ParameterBlock(params, stateLength < 0 ? null : readFloats(in, stateLength));
  }

  private static void writeFloats(DataOutput out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static INDArray readFloats(DataInput in, int length) throws IOException {
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = in.readFloat();
    }
    return rowVector(values);
  }

  /**
   * Frees the block's off-heap arrays now rather than whenever the garbage collector gets to them: a study's
   * driver replaces thousands of blocks per round, and ND4J releases native memory only after a collection of
   * the Java objects, which a roomy heap can put off for gigabytes. Use only when nothing reads the block again.
   */
  public void release() {
    params.close();
    if (state != null) {
      state.close();
    }
  }

  /** A deep copy whose arrays share nothing with this block. */
  public ParameterBlock copy() {
    return new ParameterBlock(params.dup(), state == null ? null : state.dup());
  }
}
