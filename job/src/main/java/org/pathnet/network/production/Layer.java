package org.pathnet.network.production;

import static org.pathnet.network.production.Lanes.LANES;
import static org.pathnet.network.production.Lanes.SPECIES;
import static org.pathnet.network.production.Lanes.TILE_COLUMNS;
import static org.pathnet.network.production.Lanes.TILE_ROWS;
import static org.pathnet.network.production.Lanes.roundUp;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.pathnet.network.Architecture;
import org.pathnet.network.ParameterBlock;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.TiledInputs;
import org.pathnet.network.TiledInputs.Terms;

/**
 * One layer of a candidate: its active modules side by side as one matrix stored input-major,
 * {@code weights[i * columns + k * size + u]} = weight of input i into unit u of the k-th active module, with the
 * columns padded with zeros to a whole number of tiles; its gradients, optimiser state and activations. A module's
 * block is input-major too, so {@link #Layer gathering} and {@link #module scattering} copy it row by row.
 * Frozen modules take part in the forward and backward passes but their columns are masked out of the update.
 */
final class Layer {
  final int[] modules;
  final boolean[] frozen;
  final int size;
  private final int[] unitVectors;
  private final int inputs;
  /** Inputs padded to a multiple of TILE_ROWS: the row count of the weight matrix. */
  final int stride;
  private final int columns;
  private final float scale;
  private final float[] weights;
  private final float[] bias;
  private final float[] mask;
  private final float[] biasGradient;
  /** The weight gradient of one group of TILE_ROWS rows: stepped while it is still in L1. */
  private final float[] groupGradient;
  private final float[][] weightState;
  private final float[][] biasState;
  /** Per weight row (input): its moments are all zero, so a zero gradient row leaves it exactly as it is. */
  private final boolean[] quiet;
  /** This layer's input of the last forward pass: layer 1's comes with the batch; above, {@link #ownInput}. */
  private TiledInputs input;
  final TiledInputs ownInput = new TiledInputs();
  /** Per padded batch row: ReLU outputs [columns], aggregated output [padded size], their gradients. */
  private float[] hidden;
  float[] output;
  private float[] delta;
  float[] outputGradient;

  /** Gathers layer {@code layer}'s active {@code modules} from {@code slice} (copies: the slice is not changed). */
  Layer(Architecture arch, int layer, int[] modules, ParameterSlice slice, int stateVectors) {
    this.modules = modules;
    size = arch.moduleSize();
    unitVectors = Lanes.unitVectors(size);
    inputs = arch.inputsOf(layer);
    stride = roundUp(inputs, TILE_ROWS);
    columns = roundUp(modules.length * size, TILE_COLUMNS);
    scale = (float) arch.aggregation().scale(modules.length);
    weights = Workspace.take(stride * columns);
    bias = new float[columns];
    mask = new float[columns];
    biasGradient = new float[columns];
    groupGradient = new float[TILE_ROWS * columns];
    weightState = new float[stateVectors][];
    for (int v = 0; v < stateVectors; v++) {
      weightState[v] = Workspace.take(weights.length);
    }
    biasState = new float[stateVectors][columns];
    frozen = new boolean[modules.length];
    zeroPadding(weights);
    for (float[] moments : weightState) {
      zeroPadding(moments);
    }
    for (int k = 0; k < modules.length; k++) {
      int id = arch.moduleId(layer, modules[k]);
      frozen[k] = slice.isFrozen(id);
      Arrays.fill(mask, k * size, (k + 1) * size, frozen[k] ? 0f : 1f);
      ParameterBlock block = slice.module(id);
      copy(block.params(), 0, k, weights, bias, true);
      for (int v = 0; v < stateVectors; v++) {
        copy(block.state(), v * moduleLength(), k, weightState[v], biasState[v], true);
      }
    }
    quiet = new boolean[stride];
    for (int i = 0; i < stride; i++) {
      boolean zero = true;
      for (float[] moments : weightState) {
        for (int j = i * columns; j < (i + 1) * columns; j++) {
          zero &= moments[j] == 0f;
        }
      }
      quiet[i] = zero;
    }
  }

  /**
   * Zeroes what gathering the modules does not write in a matrix from the {@link Workspace}: the columns past the
   * last module and the rows past the last input, which the tiles read and must find zero.
   */
  private void zeroPadding(float[] matrix) {
    int used = modules.length * size;
    for (int i = 0; i < inputs && used < columns; i++) {
      Arrays.fill(matrix, i * columns + used, (i + 1) * columns, 0f);
    }
    Arrays.fill(matrix, inputs * columns, stride * columns, 0f);
  }

  /** Gives the weight matrix and its moments back to the thread's {@link Workspace}: the layer is done. */
  void release() {
    Workspace.give(weights);
    for (float[] moments : weightState) {
      Workspace.give(moments);
    }
  }

  private int moduleLength() {
    return size * inputs + size;
  }

  /** The trained module k as a new block in the store's layout. */
  ParameterBlock module(int k) {
    int length = moduleLength();
    float[] params = new float[length];
    copy(params, 0, k, weights, bias, false);
    float[] state = new float[weightState.length * length];
    for (int v = 0; v < weightState.length; v++) {
      copy(state, v * length, k, weightState[v], biasState[v], false);
    }
    return new ParameterBlock(params, state);
  }

  /**
   * Copies module k between its block layout ({@code flat} from {@code offset}: weights [inputs][size], then
   * biases) and this layer's matrix; into the matrix when {@code inward}. Both are input-major: one copy per input.
   */
  private void copy(float[] flat, int offset, int k, float[] matrix, float[] vector, boolean inward) {
    for (int i = 0; i < inputs; i++) {
      if (inward) {
        System.arraycopy(flat, offset + i * size, matrix, i * columns + k * size, size);
      } else {
        System.arraycopy(matrix, i * columns + k * size, flat, offset + i * size, size);
      }
    }
    if (inward) {
      System.arraycopy(flat, offset + size * inputs, vector, k * size, size);
    } else {
      System.arraycopy(vector, k * size, flat, offset + size * inputs, size);
    }
  }

  void allocate(int rows) {
    hidden = new float[rows * columns];
    delta = new float[rows * columns];
    output = new float[rows * outputStride()];
    outputGradient = new float[output.length];
  }

  /** The stride of {@link #output}: units per row, padded as the next layer's inputs are. */
  int outputStride() {
    return roundUp(size, TILE_ROWS);
  }

  /** Forward over {@code in} (its stride is {@link #stride}): ReLU, then aggregate the modules' outputs. */
  void forward(TiledInputs in) {
    input = in;
    int rows = in.rows();
    TiledProduct.all(in.values(), stride, 1, in.rowTerms(), weights, columns, rows, bias, hidden);
    FloatVector zero = FloatVector.zero(SPECIES);
    for (int j = 0; j < rows * columns; j += LANES) {
      FloatVector.fromArray(SPECIES, hidden, j).max(zero).intoArray(hidden, j);
    }
    int out = outputStride();
    for (int r = 0; r < rows; r++) {
      int row = r * columns;
      for (int u : unitVectors) {
        FloatVector sum = zero;
        for (int k = 0; k < modules.length; k++) {
          sum = sum.add(FloatVector.fromArray(SPECIES, hidden, row + k * size + u));
        }
        sum.mul(scale).intoArray(output, r * out + u);
      }
      for (int u = 0; unitVectors.length == 0 && u < size; u++) {
        float sum = 0;
        for (int k = 0; k < modules.length; k++) {
          sum += hidden[row + k * size + u];
        }
        output[r * out + u] = sum * scale;
      }
    }
  }

  /**
   * Backward from {@link #outputGradient}: delta = dL/dz; when {@code below} is given, the gradient of the layer
   * below's output (from the weights before this step's update); then the weight and bias gradients, stepped
   * by {@code step}. The weight gradient of each group of TILE_ROWS input rows is stepped as soon as the group is
   * complete, while it is still in L1, in one flat pass over those rows (docs/PERFORMANCE.md, "Where the time goes",
   * says why not per tile vector).
   */
  void backwardAndUpdate(Layer below, OptimizerStep step) {
    int rows = input.rows();
    int out = outputStride();
    FloatVector zero = FloatVector.zero(SPECIES);
    for (int r = 0; r < rows; r++) {
      for (int k = 0; k < modules.length; k++) {
        int module = r * columns + k * size;
        for (int u : unitVectors) {
          FloatVector gradient = FloatVector.fromArray(SPECIES, outputGradient, r * out + u).mul(scale);
          zero.blend(gradient, FloatVector.fromArray(SPECIES, hidden, module + u).compare(VectorOperators.GT, 0f))
              .intoArray(delta, module + u);
        }
        for (int u = 0; unitVectors.length == 0 && u < size; u++) {
          delta[module + u] = hidden[module + u] > 0 ? outputGradient[r * out + u] * scale : 0f;
        }
      }
    }
    if (below != null) {
      for (int r = 0; r < rows; r++) {
        for (int i = 0; i < inputs; i++) {
          FloatVector sum = FloatVector.zero(SPECIES);
          for (int j = 0; j < columns; j += LANES) {
            sum = FloatVector.fromArray(SPECIES, delta, r * columns + j)
                .fma(FloatVector.fromArray(SPECIES, weights, i * columns + j), sum);
          }
          below.outputGradient[r * stride + i] = sum.reduceLanes(VectorOperators.ADD);
        }
      }
    }
    step.on(weights, weightState, mask);
    Terms terms = input.inputTerms();
    for (int r = 0; r < stride; r += TILE_ROWS) {
      TiledProduct.group(input.values(), 1, stride, terms, delta, columns, r, null, groupGradient, 0);
      for (int i = r; i < r + TILE_ROWS; ) {
        if (quiet[i] && input.zeroInput(i)) {
          i++;
          continue;
        }
        int from = i;
        for (; i < r + TILE_ROWS && !(quiet[i] && input.zeroInput(i)); i++) {
          quiet[i] = weightState.length == 0;
        }
        step.applyRows(groupGradient, (from - r) * columns, from * columns, i * columns, columns);
      }
    }
    Arrays.fill(biasGradient, 0f);
    for (int r = 0; r < rows; r++) {
      for (int j = 0; j < columns; j += LANES) {
        FloatVector.fromArray(SPECIES, delta, r * columns + j)
            .add(FloatVector.fromArray(SPECIES, biasGradient, j)).intoArray(biasGradient, j);
      }
    }
    step.on(bias, biasState, mask).applyAll(biasGradient, columns);
  }
}
