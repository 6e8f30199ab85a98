package org.pathnet.network;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.pathnet.network.TiledInputs.Terms;

/**
 * The production kernel: the same network and optimiser as {@link PathwayNetwork}, computed with JDK Vector API
 * loops over float arrays. The parameters stay in ND4J arrays in the {@link ModuleStore}; a candidate gathers its
 * modules into working arrays once per contest and scatters them back once, for the winner.
 *
 * <p>Why not ND4J ops: a training step is about 40 small ops, and ND4J costs 7-40 us per op whatever its size,
 * so a step of plain ND4J takes 2-3 ms where its arithmetic needs about 40 us (DESIGN.md, "Speed"). Stacking the
 * population into rank-3 ND4J ops amortises that overhead but still measured 10-12 ms per run-generation (Adam
 * and the small element-wise ops stay scalar and per-op); these loops have no per-op cost at all, so one
 * candidate at a time already runs near the arithmetic floor, and there is nothing left to amortise by stacking
 * runs (the benchmark, {@code ./submit.sh bench}, measures it).
 *
 * <p>Layout: each layer's active modules side by side as one matrix stored input-major,
 * {@code weights[i * columns + k * size + u]} = weight of input i into unit u of the k-th active module, with the
 * columns padded with zeros to a whole number of vector tiles, and the rows of every activation padded to a
 * multiple of {@link #TILE_ROWS} with rows that carry zero gradient. Then the forward product (batch x weights),
 * the weight gradient (inputs^T x delta) and the bias gradient are all the same outer-product tile over
 * contiguous vectors, with no horizontal sums; only the gradient sent down to the layer below needs dot products.
 * Frozen modules take part in the forward and backward passes but their columns are masked out of the update.
 *
 * <p>Zeros are skipped where that is exact: most of an MNIST image is zeros, as are dead ReLU units above, and a
 * term whose inputs are all zero adds nothing to a product (see {@link TiledInputs}, which finds them once per
 * batch); a weight row whose gradient and optimiser moments are all zero (an input, such as a border pixel, that
 * has never been non-zero) takes no step at all, so the optimiser skips it.
 *
 * <p>The weight gradient of each group of TILE_ROWS input rows is stepped as soon as the group is complete, while it
 * is still in L1, in one flat pass over those rows. Applying the optimiser to each vector of a tile as it completes
 * measured slower (16.9 against 14.2 ms per run-generation for a stored gradient stepped in one pass): it
 * interleaves the divider-bound optimiser with the multiply-bound tile and scatters its loads over four rows.
 *
 * <p>Results are deterministic for a given vector width (the summation order depends on it), as BLAS results
 * are for a given CPU kernel: a study's executors should share a CPU type.
 */
public final class VectorPathwayNetwork implements CandidateNetwork {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
  private static final int LANES = SPECIES.length();
  /** A tile is 4 rows x 2 vectors: 8 independent FMA chains hide the FMA latency; 4 divides every batch row pad. */
  private static final int TILE_ROWS = TiledInputs.GROUP;
  private static final int TILE_COLUMNS = 2 * LANES;

  private final Architecture arch;
  private final Pathway pathway;
  private final Optimizer optimizer;
  private final Layer[] layers;
  private final Head head;
  private int step;
  /** Padded batch rows the activation buffers hold. */
  private int capacity;

  /** Gathers {@code pathway}'s modules and the head from {@code slice} (copies: the slice is not changed). */
  public VectorPathwayNetwork(Architecture arch, Pathway pathway, ParameterSlice slice, Optimizer optimizer) {
    this.arch = arch;
    this.pathway = pathway;
    this.optimizer = optimizer;
    layers = new Layer[arch.layers()];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = new Layer(arch, l, pathway.activeModules(l), slice, optimizer.stateVectors());
    }
    head = new Head(arch, slice.head(), optimizer.stateVectors());
    step = slice.step();
  }

  /** One layer's active modules as one padded, input-major matrix, with its gradients and optimiser state. */
  private static final class Layer {
    final int[] modules;
    final boolean[] frozen;
    final int size;
    /**
     * Where the vectors covering a module's units start: 0, LANES, ... and, last, size - LANES, so the final vector
     * overlaps the one before rather than running past the module (masked loads are slow on JDK 17); the overlap
     * is computed twice, to the same values. Empty when a module is narrower than a vector: then scalar loops.
     */
    final int[] unitVectors;
    final int inputs;
    /** Inputs padded to a multiple of TILE_ROWS: the row count of the weight matrix. */
    final int stride;
    final int columns;
    final float scale;
    final float[] weights;
    final float[] bias;
    final float[] mask;
    final float[] biasGradient;
    /** The weight gradient of one group of TILE_ROWS rows: stepped while it is still in L1. */
    final float[] groupGradient;
    final float[][] weightState;
    final float[][] biasState;
    /** Per weight row (input): its moments are all zero, so a zero gradient row leaves it exactly as it is. */
    final boolean[] quiet;
    /** This layer's input of the last forward pass: layer 1's comes with the batch; above, {@link #ownInput}. */
    TiledInputs input;
    final TiledInputs ownInput = new TiledInputs();
    /** Per padded batch row: ReLU outputs [columns], aggregated output [padded size], their gradients. */
    float[] hidden;
    float[] output;
    float[] delta;
    float[] outputGradient;

    Layer(Architecture arch, int layer, int[] modules, ParameterSlice slice, int stateVectors) {
      this.modules = modules;
      size = arch.moduleSize();
      unitVectors = unitVectors(size);
      inputs = arch.inputsOf(layer);
      stride = roundUp(inputs, TILE_ROWS);
      columns = roundUp(modules.length * size, TILE_COLUMNS);
      scale = (float) arch.aggregation().scale(modules.length);
      weights = new float[stride * columns];
      bias = new float[columns];
      mask = new float[columns];
      biasGradient = new float[columns];
      groupGradient = new float[TILE_ROWS * columns];
      weightState = new float[stateVectors][weights.length];
      biasState = new float[stateVectors][columns];
      frozen = new boolean[modules.length];
      for (int k = 0; k < modules.length; k++) {
        int id = arch.moduleId(layer, modules[k]);
        frozen[k] = slice.isFrozen(id);
        Arrays.fill(mask, k * size, (k + 1) * size, frozen[k] ? 0f : 1f);
        ParameterBlock block = slice.module(id);
        transpose(ParameterBlock.floats(block.params()), 0, k, weights, bias, true);
        if (stateVectors > 0) {
          float[] state = ParameterBlock.floats(block.state());
          for (int v = 0; v < stateVectors; v++) {
            transpose(state, v * moduleLength(), k, weightState[v], biasState[v], true);
          }
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

    int moduleLength() {
      return size * inputs + size;
    }

    /**
     * Copies module k between its store layout ({@code flat} from {@code offset}: weights [size][inputs]
     * row-major, then biases) and this layer's input-major matrix; into the matrix when {@code inward}.
     */
    void transpose(float[] flat, int offset, int k, float[] matrix, float[] vector, boolean inward) {
      // input-major order: the matrix side is contiguous and the module's `size` rows stay in L1 as i advances
      for (int i = 0; i < inputs; i++) {
        int row = i * columns + k * size;
        for (int u = 0; u < size; u++) {
          if (inward) {
            matrix[row + u] = flat[offset + u * inputs + i];
          } else {
            flat[offset + u * inputs + i] = matrix[row + u];
          }
        }
      }
      for (int u = 0; u < size; u++) {
        int column = k * size + u;
        if (inward) {
          vector[column] = flat[offset + size * inputs + u];
        } else {
          flat[offset + size * inputs + u] = vector[column];
        }
      }
    }

    void allocate(int rows) {
      hidden = new float[rows * columns];
      delta = new float[rows * columns];
      output = new float[rows * roundUp(size, TILE_ROWS)];
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
      outerProducts(in.values(), stride, 1, in.rowTerms(), weights, columns, rows, bias, hidden);
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
     * by {@code step}.
     */
    void backwardAndUpdate(Layer below, Step step) {
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
        tileGroup(input.values(), 1, stride, terms, delta, columns, r, null, groupGradient, 0);
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

  /** The task's head: Linear(size -> 2) on the last layer's output, softmax cross-entropy; plain loops (tiny). */
  private static final class Head {
    final int size;
    /** Weights [2][size] row-major, then the 2 biases: the store's own layout. */
    final float[] params;
    final float[] gradient;
    final float[][] state;
    final float[] all;

    Head(Architecture arch, ParameterBlock block, int stateVectors) {
      size = arch.moduleSize();
      params = ParameterBlock.floats(block.params());
      gradient = new float[params.length];
      state = new float[stateVectors][];
      float[] flat = stateVectors == 0 ? null : ParameterBlock.floats(block.state());
      for (int v = 0; v < stateVectors; v++) {
        state[v] = Arrays.copyOfRange(flat, v * params.length, (v + 1) * params.length);
      }
      all = new float[params.length];
      Arrays.fill(all, 1f);
    }

    /** logit(1) - logit(0) for row r of {@code in} (stride {@code stride}). */
    float margin(float[] in, int stride, int r) {
      float z0 = params[2 * size];
      float z1 = params[2 * size + 1];
      for (int u = 0; u < size; u++) {
        float a = in[r * stride + u];
        z0 += params[u] * a;
        z1 += params[size + u] * a;
      }
      return z1 - z0;
    }
  }

  @Override
  public int trainStep(Minibatch batch) {
    int rows = forward(batch);
    Layer top = layers[layers.length - 1];
    int stride = top.outputStride();
    int[] labels = batch.labels();
    int correct = 0;
    float[] g = head.gradient;
    Arrays.fill(g, 0f);
    int size = head.size;
    for (int r = 0; r < labels.length; r++) {
      float margin = head.margin(top.output, stride, r);
      if ((margin > 0 ? 1 : 0) == labels[r]) {
        correct++;
      }
      // two-class softmax: p1 = sigmoid(z1 - z0); dL/dz1 = (p1 - y1) / B and dL/dz0 = -dL/dz1
      float d1 = (float) ((1.0 / (1.0 + Math.exp(-margin)) - labels[r]) / labels.length);
      for (int u = 0; u < size; u++) {
        float a = top.output[r * stride + u];
        g[u] -= d1 * a;
        g[size + u] += d1 * a;
        top.outputGradient[r * stride + u] = d1 * (head.params[size + u] - head.params[u]);
      }
      g[2 * size] -= d1;
      g[2 * size + 1] += d1;
    }
    for (int r = labels.length; r < rows; r++) {
      Arrays.fill(top.outputGradient, r * stride, (r + 1) * stride, 0f);
    }
    Step update = new Step(optimizer, step);
    for (int l = layers.length - 1; l >= 0; l--) {
      layers[l].backwardAndUpdate(l == 0 ? null : layers[l - 1], update);
    }
    update.on(head.params, head.state, head.all).applyAll(g, head.params.length);
    step++;
    return correct;
  }

  /** Runs the forward pass over {@code batch}; returns its padded row count. */
  private int forward(Minibatch batch) {
    int rows = roundUp(batch.size(), TILE_ROWS);
    if (rows > capacity) {
      for (Layer layer : layers) {
        layer.allocate(rows);
      }
      capacity = rows;
    }
    TiledInputs in = batch.tiled(rows, layers[0].stride);
    for (int l = 0; l < layers.length; l++) {
      Layer layer = layers[l];
      layer.forward(in);
      if (l + 1 < layers.length) {
        // the batch's rows only: padding rows stay zero, so they add no terms and leave zero rows zero
        in = layers[l + 1].ownInput;
        in.load(layer.output, layer.outputStride(), batch.size(), layer.size, rows, layer.outputStride());
      }
    }
    return rows;
  }

  @Override
  public double accuracy(Minibatch examples) {
    forward(examples);
    Layer top = layers[layers.length - 1];
    int correct = 0;
    for (int r = 0; r < examples.size(); r++) {
      if ((head.margin(top.output, top.outputStride(), r) > 0 ? 1 : 0) == examples.labels()[r]) {
        correct++;
      }
    }
    return correct / (double) examples.size();
  }

  @Override
  public ParameterSlice trainedSlice() {
    List<Integer> ids = new ArrayList<>();
    List<ParameterBlock> blocks = new ArrayList<>();
    for (int l = 0; l < layers.length; l++) {
      Layer layer = layers[l];
      for (int k = 0; k < layer.modules.length; k++) {
        if (layer.frozen[k]) {
          continue;
        }
        int length = layer.moduleLength();
        float[] params = new float[length];
        layer.transpose(params, 0, k, layer.weights, layer.bias, false);
        float[] state = new float[layer.weightState.length * length];
        for (int v = 0; v < layer.weightState.length; v++) {
          layer.transpose(state, v * length, k, layer.weightState[v], layer.biasState[v], false);
        }
        ids.add(arch.moduleId(l, layer.modules[k]));
        blocks.add(block(params, state));
      }
    }
    float[] headState = new float[head.state.length * head.params.length];
    for (int v = 0; v < head.state.length; v++) {
      System.arraycopy(head.state[v], 0, headState, v * head.params.length, head.params.length);
    }
    return new ParameterSlice(ids.stream().mapToInt(Integer::intValue).toArray(),
        blocks.toArray(ParameterBlock[]::new), new boolean[ids.size()], block(head.params.clone(), headState), step);
  }

  private static ParameterBlock block(float[] params, float[] state) {
    return new ParameterBlock(ParameterBlock.rowVector(params),
        state.length == 0 ? null : ParameterBlock.rowVector(state));
  }

  public Pathway pathway() {
    return pathway;
  }

  /**
   * {@code c[r][j] = init[j] + sum_t a(r, t) * b[t][j]} into {@code out}, for r below {@code rows} (a multiple of
   * TILE_ROWS) and every column of {@code b} (a multiple of TILE_COLUMNS wide), where {@code a(r, t)} is
   * {@code a[r * rowStride + t * innerStride]}; {@code init} null means zeros. Only the {@code terms} of each group
   * of TILE_ROWS rows are summed: the others are zero in all of its rows and add exactly nothing.
   */
  private static void outerProducts(float[] a, int rowStride, int innerStride, Terms terms, float[] b, int columns,
      int rows, float[] init, float[] out) {
    for (int r = 0; r < rows; r += TILE_ROWS) {
      tileGroup(a, rowStride, innerStride, terms, b, columns, r, init, out, r);
    }
  }

  /** {@link #outerProducts} for rows {@code r .. r + TILE_ROWS} only, written to {@code out} from row {@code outRow}. */
  private static void tileGroup(float[] a, int rowStride, int innerStride, Terms terms, float[] b, int columns,
      int r, float[] init, float[] out, int outRow) {
    int a0 = r * rowStride;
    int a1 = a0 + rowStride;
    int a2 = a1 + rowStride;
    int a3 = a2 + rowStride;
    int first = terms.start(r / TILE_ROWS);
    int end = terms.start(r / TILE_ROWS + 1);
    for (int j = 0; j < columns; j += TILE_COLUMNS) {
      FloatVector i0 = init == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, init, j);
      FloatVector i1 = init == null ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, init, j + LANES);
      FloatVector c00 = i0;
      FloatVector c01 = i1;
      FloatVector c10 = i0;
      FloatVector c11 = i1;
      FloatVector c20 = i0;
      FloatVector c21 = i1;
      FloatVector c30 = i0;
      FloatVector c31 = i1;
      for (int k = first; k < end; k++) {
        int t = terms.term(k);
        int at = t * innerStride;
        int bt = t * columns + j;
        FloatVector b0 = FloatVector.fromArray(SPECIES, b, bt);
        FloatVector b1 = FloatVector.fromArray(SPECIES, b, bt + LANES);
        FloatVector x = FloatVector.broadcast(SPECIES, a[a0 + at]);
        c00 = b0.fma(x, c00);
        c01 = b1.fma(x, c01);
        x = FloatVector.broadcast(SPECIES, a[a1 + at]);
        c10 = b0.fma(x, c10);
        c11 = b1.fma(x, c11);
        x = FloatVector.broadcast(SPECIES, a[a2 + at]);
        c20 = b0.fma(x, c20);
        c21 = b1.fma(x, c21);
        x = FloatVector.broadcast(SPECIES, a[a3 + at]);
        c30 = b0.fma(x, c30);
        c31 = b1.fma(x, c31);
      }
      int o = outRow * columns + j;
      c00.intoArray(out, o);
      c01.intoArray(out, o + LANES);
      c10.intoArray(out, o + columns);
      c11.intoArray(out, o + columns + LANES);
      c20.intoArray(out, o + 2 * columns);
      c21.intoArray(out, o + 2 * columns + LANES);
      c30.intoArray(out, o + 3 * columns);
      c31.intoArray(out, o + 3 * columns + LANES);
    }
  }

  /**
   * The optimiser's update of one training step, as ND4J's updaters compute it (Adam with moments m = state[0] and
   * v = state[1]; SGD without state), a vector at a time. A column whose {@code mask} is 0 (frozen module, padding)
   * gets no step; its moments advance but are never written back.
   *
   * <p>One difference: a first moment below the smallest normal float is set to zero, as CPUs do in flush-to-zero
   * mode (TensorFlow, which the original PathNet ran on, turns it on for its CPU threads). An input that stays dark
   * lets its m decay by beta1 per step until it is subnormal, and arithmetic on subnormals takes a microcode
   * assist: the bench measured the optimiser 35% faster with the flush. The flushed m is below 1.2e-38, so the step
   * it would have made (at most 1.2e-33 for the default rate and epsilon) is far below half an ulp of any weight.
   */
  private static final class Step {
    private final boolean adam;
    /** Adam: the learning rate with this step's bias correction folded in; SGD: the learning rate. */
    private final float rate;
    private final float beta1;
    private final float beta2;
    private final float oneMinusBeta1;
    private final float oneMinusBeta2;
    private final float epsilon;
    private float[] params;
    private float[] m;
    private float[] v;
    private float[] mask;

    Step(Optimizer optimizer, int step) {
      adam = optimizer.isAdam();
      rate = (float) (adam ? optimizer.adamStepSize(step) : optimizer.learningRate());
      beta1 = (float) optimizer.beta1();
      beta2 = (float) optimizer.beta2();
      oneMinusBeta1 = 1 - beta1;
      oneMinusBeta2 = 1 - beta2;
      epsilon = (float) optimizer.epsilon();
    }

    /** Directs the following updates at {@code params}, its optimiser {@code state} and its column mask. */
    Step on(float[] params, float[][] state, float[] mask) {
      this.params = params;
      this.m = state.length > 0 ? state[0] : null;
      this.v = state.length > 1 ? state[1] : null;
      this.mask = mask;
      return this;
    }

    /** Steps every parameter along {@code gradient}; rows of {@code columns} values share the column mask. */
    void applyAll(float[] gradient, int columns) {
      applyRows(gradient, 0, 0, params.length, columns);
    }

    /**
     * Steps the parameters from {@code from} to {@code to}, whole rows of {@code columns} values that share the
     * column mask, along {@code gradient} read from {@code gradientFrom} on. When rows are whole vectors (the layers' padded matrices) the range is
     * one flat loop: short per-row loops measured much slower.
     */
    void applyRows(float[] gradient, int gradientFrom, int from, int to, int columns) {
      int shift = gradientFrom - from;
      // locals, not fields, in the loops: the JIT then keeps them in registers across the vector stores
      float[] w = params;
      float[] m1 = m;
      float[] m2 = v;
      float[] columnMask = mask;
      if (columns % LANES == 0) {
        for (int p = from, column = 0; p < to; p += LANES) {
          vectorStep(FloatVector.fromArray(SPECIES, gradient, p + shift), w, m1, m2, p, columnMask, column);
          column += LANES;
          column = column == columns ? 0 : column;
        }
        return;
      }
      int vectorEnd = columns - columns % LANES;
      for (int row = from; row < to; row += columns) {
        for (int j = 0; j < vectorEnd; j += LANES) {
          vectorStep(FloatVector.fromArray(SPECIES, gradient, row + j + shift), w, m1, m2, row + j, columnMask, j);
        }
        for (int j = vectorEnd; j < columns; j++) {
          int p = row + j;
          float g = gradient[p + shift];
          float update;
          if (adam) {
            m1[p] = flushSubnormal(m1[p] * beta1 + g * oneMinusBeta1);
            m2[p] = m2[p] * beta2 + g * g * oneMinusBeta2;
            update = m1[p] * rate / ((float) Math.sqrt(m2[p]) + epsilon);
          } else {
            update = g * rate;
          }
          w[p] -= update * columnMask[j];
        }
      }
    }

    /** Steps {@code w[p .. p + LANES]} (columns from {@code column}) along gradient {@code g}. */
    private void vectorStep(FloatVector g, float[] w, float[] m1, float[] m2, int p, float[] columnMask, int column) {
      FloatVector update;
      if (adam) {
        FloatVector mv = FloatVector.fromArray(SPECIES, m1, p).mul(beta1).add(g.mul(oneMinusBeta1));
        mv = mv.blend(0f, mv.abs().compare(VectorOperators.LT, Float.MIN_NORMAL));
        FloatVector vv = FloatVector.fromArray(SPECIES, m2, p).mul(beta2).add(g.mul(g).mul(oneMinusBeta2));
        mv.intoArray(m1, p);
        vv.intoArray(m2, p);
        update = mv.mul(rate).div(vv.sqrt().add(epsilon));
      } else {
        update = g.mul(rate);
      }
      FloatVector.fromArray(SPECIES, w, p).sub(update.mul(FloatVector.fromArray(SPECIES, columnMask, column)))
          .intoArray(w, p);
    }
  }

  /** See {@link Layer#unitVectors}. */
  private static int[] unitVectors(int size) {
    if (size < LANES) {
      return new int[0];
    }
    int[] starts = new int[(size + LANES - 1) / LANES];
    for (int v = 0; v < starts.length; v++) {
      starts[v] = Math.min(v * LANES, size - LANES);
    }
    return starts;
  }

  private static float flushSubnormal(float x) {
    return Math.abs(x) < Float.MIN_NORMAL ? 0f : x;
  }

  private static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }
}
