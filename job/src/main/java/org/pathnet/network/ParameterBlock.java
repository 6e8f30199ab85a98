package org.pathnet.network;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;

/**
 * The trainable state of one module or head, as plain float arrays on the Java heap, in the production kernel's
 * order so that gathering needs no transposition: its parameters, then the optimiser's moment vectors (Adam m then
 * v; none for SGD), which travel with them (docs/DESIGN.md, "Run state"). A block is never changed after it is
 * written into a store, so copies of a store share it: training works on the kernel's own copies and hands back new
 * blocks.
 */
public final class ParameterBlock implements Serializable {
  private final float[] params;
  private final float[] state;

  /** Takes the arrays as they are (no copy). */
  public ParameterBlock(float[] params, float[] state) {
    if (state.length % Math.max(1, params.length) != 0) {
      throw new IllegalArgumentException(state.length + " state values are not whole vectors of " + params.length);
    }
    this.params = params;
    this.state = state;
  }

  /** The parameters; do not modify them. */
  public float[] params() {
    return params;
  }

  /** The optimiser state: {@link Optimizer#stateVectors()} vectors of {@code params().length}; empty for SGD. */
  public float[] state() {
    return state;
  }

  /** Bytes of float data the block holds. */
  public long bytes() {
    return 4L * (params.length + state.length);
  }

  /**
   * Writes the block for a checkpoint: the parameters' length, their float32 values, then the state's length and
   * values; big-endian, as {@link DataOutput} writes.
   */
  public void writeTo(DataOutput out) throws IOException {
    writeFloats(out, params);
    writeFloats(out, state);
  }

  /**
   * Reads a block written by {@link #writeTo} that must have {@code length} parameters and {@code stateVectors}
   * state vectors: every length read from the file is checked before anything is allocated.
   */
  public static ParameterBlock readFrom(DataInput in, int length, int stateVectors) throws IOException {
    float[] params = readFloats(in, length);
    return new ParameterBlock(params, readFloats(in, length * stateVectors));
  }

  private static void writeFloats(DataOutput out, float[] values) throws IOException {
    out.writeInt(values.length);
    for (float v : values) {
      out.writeFloat(v);
    }
  }

  private static float[] readFloats(DataInput in, int expected) throws IOException {
    int length = in.readInt();
    if (length != expected) {
      throw new IOException("a parameter block of " + length + " values where the settings give " + expected);
    }
    float[] values = new float[length];
    for (int i = 0; i < length; i++) {
      values[i] = in.readFloat();
    }
    return values;
  }
}
