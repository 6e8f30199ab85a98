package org.pathnet.network;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One layer's input for the production kernel ({@link org.pathnet.network.production.ProductionNetwork}): a batch's
 * rows, padded as the layer's tiles read them, and where its zeros are, found once here rather than in every tile
 * (docs/DESIGN.md, "Kernels"). Layer 1's is built once per minibatch ({@link Minibatch} keeps it for both
 * candidates); above, each layer refreshes its own after every forward pass. Not thread-safe.
 */
public final class TiledInputs {
  /** Rows per tile: the tiles compute this many rows of their product at once. */
  public static final int GROUP = 4;
  private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED;
  private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
  private static final int LANES = FLOATS.length();

  private int rows;
  private int stride;
  /** rows x stride, row-major: the values, or a zero-padded copy when they need padding. */
  private float[] values = new float[0];
  private float[] padded = new float[0];
  /** Per group of GROUP rows: the inputs non-zero in any of its rows (the forward product's terms). */
  private final Terms rowTerms = new Terms();
  /** Per group of GROUP inputs: the rows in which any of them is non-zero (the weight gradient's terms). */
  private final Terms inputTerms = new Terms();
  /** Per input: the OR of its values' bits over all rows; zero (sign aside) when the input is zero in every row. */
  private int[] inputBits = new int[0];
  /** Whether inputTerms and inputBits describe the loaded rows; built on first use: evaluation never does. */
  private boolean gradientReady;

  /**
   * Loads {@code count} rows of {@code width} values from {@code source} (row r at {@code r * sourceStride}),
   * padded with zero rows to {@code rows} and with zero inputs to {@code stride}, both multiples of GROUP. When no
   * padding is needed the source itself is read, so it must not change while this is in use.
   */
  public void load(float[] source, int sourceStride, int count, int width, int rows, int stride) {
    this.rows = rows;
    this.stride = stride;
    if (count == rows && width == stride && sourceStride == stride) {
      values = source;
    } else {
      if (padded.length < rows * stride) {
        padded = new float[rows * stride];
      }
      Arrays.fill(padded, 0, rows * stride, 0f);
      for (int r = 0; r < count; r++) {
        System.arraycopy(source, r * sourceStride, padded, r * stride, width);
      }
      values = padded;
    }
    rowTerms.scan(values, stride, 1, stride, rows);
    gradientReady = false;
  }

  private void prepareGradient() {
    if (inputBits.length < stride) {
      inputBits = new int[stride];
    }
    // a vector of inputs at a time, OR-ed down the rows in a register
    int i = 0;
    for (; i + LANES <= stride; i += LANES) {
      IntVector bits = IntVector.zero(INTS);
      for (int r = 0; r < rows; r++) {
        bits = bits.or(FloatVector.fromArray(FLOATS, values, r * stride + i).reinterpretAsInts());
      }
      bits.intoArray(inputBits, i);
    }
    for (; i < stride; i++) {
      int bits = 0;
      for (int r = 0; r < rows; r++) {
        bits |= Float.floatToRawIntBits(values[r * stride + i]);
      }
      inputBits[i] = bits;
    }
    // the weight gradient's a(i, t) is input i of row t: GROUP neighbouring inputs share a cache line
    inputTerms.scan(values, 1, stride, rows, stride);
    gradientReady = true;
  }

  /** True when this holds {@code rows} padded rows of {@code stride} padded inputs. */
  boolean fits(int rows, int stride) {
    return this.rows == rows && this.stride == stride;
  }

  public int rows() {
    return rows;
  }

  /** The rows x stride values, row-major. */
  public float[] values() {
    return values;
  }

  public Terms rowTerms() {
    return rowTerms;
  }

  public Terms inputTerms() {
    if (!gradientReady) {
      prepareGradient();
    }
    return inputTerms;
  }

  /** True when input {@code i} is zero in every row: its row of the weight gradient is exactly zero. */
  public boolean zeroInput(int i) {
    if (!gradientReady) {
      prepareGradient();
    }
    return (inputBits[i] & Integer.MAX_VALUE) == 0;
  }

  /**
   * For each group of GROUP consecutive rows of a matrix {@code a(r, t) = a[r * rowStride + t * innerStride]}, the
   * terms t (ascending) at which any row of the group is non-zero.
   */
  public static final class Terms {
    private int[] start = new int[1];
    private int[] terms = new int[0];

    void scan(float[] a, int rowStride, int innerStride, int inner, int rows) {
      int groups = rows / GROUP;
      if (start.length < groups + 1) {
        start = new int[groups + 1];
      }
      if (terms.length < groups * inner) {
        terms = new int[groups * inner];
      }
      int count = 0;
      for (int g = 0; g < groups; g++) {
        start[g] = count;
        int a0 = g * GROUP * rowStride;
        int a1 = a0 + rowStride;
        int a2 = a1 + rowStride;
        int a3 = a2 + rowStride;
        for (int t = 0, at = 0; t < inner; t++, at += innerStride) {
          // the OR of the four values' bits, sign masked, is non-zero iff one of them is; adding MAX_VALUE carries
          // that into the sign bit: arithmetic, so no branch to mispredict on a random image
          int bits = Float.floatToRawIntBits(a[a0 + at]) | Float.floatToRawIntBits(a[a1 + at])
              | Float.floatToRawIntBits(a[a2 + at]) | Float.floatToRawIntBits(a[a3 + at]);
          terms[count] = t;
          count += ((bits & Integer.MAX_VALUE) + Integer.MAX_VALUE) >>> 31;
        }
      }
      start[groups] = count;
    }

    /** The first index into {@link #term} of group {@code g}'s terms; they end at {@code start(g + 1)}. */
    public int start(int g) {
      return start[g];
    }

    public int term(int k) {
      return terms[k];
    }
  }
}
