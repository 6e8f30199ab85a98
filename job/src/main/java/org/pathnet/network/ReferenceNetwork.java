package org.pathnet.network;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The reference kernel (setting {@code kernel=reference}): one candidate's network in plain ND4J ops and ND4J's own
 * updaters, copied in from a {@link ParameterSlice} and out as a new slice. Slow and straightforward on purpose: it
 * is what the gradient checks trust and the production kernel is checked against (docs/DESIGN.md, "Kernels").
 */
public final class ReferenceNetwork implements CandidateNetwork {
  private final Architecture arch;
  private final Pathway pathway;
  private final int[][] active;
  private final boolean[][] frozen;
  private final int[] weightOffset;
  private final int[] biasOffset;
  private final int headOffset;
  private final int size;

  /**
   * The flat parameter vector, per layer l with K_l active modules: the modules' weights stacked as a
   * {@code [K_l * size, inputs]} matrix (module k's rows k*size..), then their biases {@code [K_l * size]}; after the
   * last layer the head's weights {@code [2, size]} and biases {@code [2]}. One gemm then computes every active
   * module of a layer at once; a module's weights and its optimiser moments are contiguous runs, so gathering and
   * scattering are plain copies.
   */
  private final INDArray params;
  private final INDArray gradient;
  private final INDArray state;
  private final INDArray trainable;
  private final GradientUpdater<?> updater;
  private int step;

  private final INDArray[] weights;
  private final INDArray[] biases;
  private final INDArray[] weightGrads;
  private final INDArray[] biasGrads;
  private final INDArray headWeights;
  private final INDArray headBias;
  private final INDArray headWeightGrad;
  private final INDArray headBiasGrad;

  /** Gathers {@code pathway}'s modules and the head from {@code slice} as float32 (the slice is not changed). */
  public ReferenceNetwork(Architecture arch, Pathway pathway, ParameterSlice slice, Optimizer optimizer) {
    this(arch, pathway, slice, optimizer, DataType.FLOAT);
  }

  /** The same in {@code type}: double precision serves the gradient checks. */
  public ReferenceNetwork(Architecture arch, Pathway pathway, ParameterSlice slice, Optimizer optimizer,
      DataType type) {
    this.arch = arch;
    this.pathway = pathway;
    int layers = arch.layers();
    active = new int[layers][];
    frozen = new boolean[layers][];
    weightOffset = new int[layers];
    biasOffset = new int[layers];
    int offset = 0;
    for (int l = 0; l < layers; l++) {
      active[l] = pathway.activeModules(l);
      frozen[l] = new boolean[active[l].length];
      weightOffset[l] = offset;
      offset += active[l].length * arch.moduleSize() * arch.inputsOf(l);
      biasOffset[l] = offset;
      offset += active[l].length * arch.moduleSize();
    }
    headOffset = offset;
    size = offset + arch.headParameters();

    params = Nd4j.create(type, 1, size);
    gradient = Nd4j.create(type, 1, size);
    int vectors = optimizer.stateVectors();
    state = vectors == 0 ? null : Nd4j.create(type, 1, (long) vectors * size);
    trainable = gather(slice, vectors);
    updater = optimizer.bind(state);
    step = slice.step();

    weights = new INDArray[layers];
    biases = new INDArray[layers];
    weightGrads = new INDArray[layers];
    biasGrads = new INDArray[layers];
    for (int l = 0; l < layers; l++) {
      long rows = (long) active[l].length * arch.moduleSize();
      weights[l] = view(params, weightOffset[l], rows, arch.inputsOf(l));
      biases[l] = view(params, biasOffset[l], 1, rows);
      weightGrads[l] = view(gradient, weightOffset[l], rows, arch.inputsOf(l));
      biasGrads[l] = view(gradient, biasOffset[l], 1, rows);
    }
    headWeights = view(params, headOffset, Architecture.CLASSES, arch.moduleSize());
    headBias = view(params, headOffset + Architecture.CLASSES * arch.moduleSize(), 1, Architecture.CLASSES);
    headWeightGrad = view(gradient, headOffset, Architecture.CLASSES, arch.moduleSize());
    headBiasGrad = view(gradient, headOffset + Architecture.CLASSES * arch.moduleSize(), 1, Architecture.CLASSES);
  }

  /**
   * Copies the slice's modules and head (and their optimiser state) into the flat vectors; returns the mask
   * of trainable parameters (1) against frozen ones (0), or null when nothing on the pathway is frozen.
   */
  private INDArray gather(ParameterSlice slice, int vectors) {
    INDArray mask = null;
    for (int l = 0; l < arch.layers(); l++) {
      int inputs = arch.inputsOf(l);
      int moduleWeights = arch.moduleSize() * inputs;
      for (int k = 0; k < active[l].length; k++) {
        int id = arch.moduleId(l, active[l][k]);
        ParameterBlock block = slice.module(id);
        long w = weightOffset[l] + (long) k * moduleWeights;
        long b = biasOffset[l] + (long) k * arch.moduleSize();
        copyBlock(block, w, b, arch.moduleSize(), inputs, true, vectors, true);
        if (slice.isFrozen(id)) {
          frozen[l][k] = true;
          if (mask == null) {
            mask = Nd4j.ones(params.dataType(), 1, size);
          }
          segment(mask, w, moduleWeights).assign(0);
          segment(mask, b, arch.moduleSize()).assign(0);
        }
      }
    }
    int headWeightCount = Architecture.CLASSES * arch.moduleSize();
    copyBlock(slice.head(), headOffset, headOffset + headWeightCount, Architecture.CLASSES, arch.moduleSize(), false,
        vectors, true);
    return mask;
  }

  /**
   * Copies a module's (or head's) weights, biases and each optimiser-state vector between its block and the flat
   * vectors at offsets {@code w} (weights, {@code [outputs, inputs]} row-major here) and {@code b} (biases); into
   * the flat vectors when {@code inward}, else out of them into the block. A module's block holds its weights
   * input-major ({@code [inputs, outputs]}, {@link ParameterBlock}), a head's class-major like the flat vector.
   */
  private void copyBlock(ParameterBlock block, long w, long b, int outputs, int inputs, boolean inputMajor,
      int vectors, boolean inward) {
    int blockSize = outputs * inputs + outputs;
    for (int v = 0; v <= vectors; v++) {
      float[] values = v == 0 ? block.params() : block.state();
      int offset = v == 0 ? 0 : (v - 1) * blockSize;
      INDArray flat = v == 0 ? params : state;
      long shift = v == 0 ? 0 : (v - 1) * (long) size;
      INDArray weights = view(flat, shift + w, outputs, inputs);
      INDArray biases = segment(flat, shift + b, outputs);
      if (inward) {
        INDArray stored = Nd4j.create(Arrays.copyOfRange(values, offset, offset + outputs * inputs),
            inputMajor ? new long[] {inputs, outputs} : new long[] {outputs, inputs}, 'c');
        weights.assign(inputMajor ? stored.transpose() : stored);
        biases.assign(Nd4j.create(Arrays.copyOfRange(values, offset + outputs * inputs, offset + blockSize),
            new long[] {1, outputs}, 'c'));
      } else {
        float[] out = (inputMajor ? weights.transpose() : weights).dup('c').data().asFloat();
        System.arraycopy(out, 0, values, offset, out.length);
        System.arraycopy(biases.dup('c').data().asFloat(), 0, values, offset + outputs * inputs, outputs);
      }
    }
  }

  /** Predicts, then updates: the count of correct predictions is made BEFORE the update. */
  @Override
  public int trainStep(Minibatch batch) {
    Pass pass = forward(batch.inputs());
    int correct = pass.correct(batch.labels());
    backward(pass, batch);
    updater.applyUpdater(gradient, step, 0);
    if (trainable != null) {
      gradient.muli(trainable);
    }
    params.subi(gradient);
    step++;
    return correct;
  }

  /** Computes the loss gradient of {@code batch} into {@link #gradient()} without updating; for checks. */
  public void computeGradient(Minibatch batch) {
    backward(forward(batch.inputs()), batch);
  }

  /** Mean softmax cross-entropy of {@code batch} at the current parameters. */
  public double loss(Minibatch batch) {
    INDArray logSoftmax = Transforms.log(Transforms.softmax(forward(batch.inputs()).logits, true), false);
    return -logSoftmax.mul(batch.oneHot()).sumNumber().doubleValue() / batch.size();
  }

  @Override
  public double accuracy(Minibatch examples) {
    return forward(examples.inputs()).correct(examples.labels()) / (double) examples.size();
  }

  /** The activations of one forward pass, kept for the backward pass. */
  private final class Pass {
    final INDArray[] inputs = new INDArray[arch.layers() + 1];
    final INDArray[] hidden = new INDArray[arch.layers()];
    INDArray logits;

    int correct(int[] labels) {
      int correct = 0;
      for (int i = 0; i < labels.length; i++) {
        int predicted = logits.getDouble(i, 1) > logits.getDouble(i, 0) ? 1 : 0;
        if (predicted == labels[i]) {
          correct++;
        }
      }
      return correct;
    }
  }

  /**
   * z_l = a_{l-1} W_l^T + b_l, h_l = relu(z_l), a_l = sum (or mean) over the K_l blocks of h_l; logits = a_L Wh^T +
   * bh (the loss: softmax cross-entropy averaged over the batch).
   */
  private Pass forward(INDArray x) {
    Pass pass = new Pass();
    long rows = x.rows();
    pass.inputs[0] = x;
    for (int l = 0; l < arch.layers(); l++) {
      INDArray z = Nd4j.create(x.dataType(), rows, weights[l].rows());
      Nd4j.gemm(pass.inputs[l], weights[l], z, false, true, 1.0, 0.0);
      z.addiRowVector(biases[l]);
      pass.hidden[l] = Transforms.relu(z, false);
      pass.inputs[l + 1] = aggregate(pass.hidden[l], l);
    }
    pass.logits = Nd4j.create(x.dataType(), rows, Architecture.CLASSES);
    Nd4j.gemm(pass.inputs[arch.layers()], headWeights, pass.logits, false, true, 1.0, 0.0);
    pass.logits.addiRowVector(headBias);
    return pass;
  }

  /** Sums (or averages) the K blocks of {@code hidden} [B, K*size] into the layer's output [B, size]. */
  private INDArray aggregate(INDArray hidden, int layer) {
    int s = arch.moduleSize();
    INDArray out = hidden.get(all(), interval(0, s)).dup('c');
    for (int k = 1; k < active[layer].length; k++) {
      out.addi(hidden.get(all(), interval(k * s, (k + 1) * s)));
    }
    double scale = arch.aggregation().scale(active[layer].length);
    return scale == 1.0 ? out : out.muli(scale);
  }

  private void backward(Pass pass, Minibatch batch) {
    INDArray delta = Transforms.softmax(pass.logits, true).subi(batch.oneHot()).divi(batch.size());
    Nd4j.gemm(delta, pass.inputs[arch.layers()], headWeightGrad, true, false, 1.0, 0.0);
    headBiasGrad.assign(delta.sum(0));
    INDArray upstream = delta.mmul(headWeights);
    int s = arch.moduleSize();
    for (int l = arch.layers() - 1; l >= 0; l--) {
      INDArray dz = Nd4j.create(upstream.dataType(), upstream.rows(), weights[l].rows());
      for (int k = 0; k < active[l].length; k++) {
        dz.get(all(), interval(k * s, (k + 1) * s)).assign(upstream);
      }
      dz.muli(arch.aggregation().scale(active[l].length));
      dz.muli(Transforms.step(pass.hidden[l], true));
      Nd4j.gemm(dz, pass.inputs[l], weightGrads[l], true, false, 1.0, 0.0);
      biasGrads[l].assign(dz.sum(0));
      if (l > 0) {
        upstream = dz.mmul(weights[l]);
      }
    }
  }

  @Override
  public ParameterSlice trainedSlice() {
    int count = 0;
    for (int l = 0; l < arch.layers(); l++) {
      count += active[l].length;
    }
    int[] ids = new int[count];
    ParameterBlock[] blocks = new ParameterBlock[count];
    int vectors = state == null ? 0 : (int) (state.length() / size);
    int i = 0;
    for (int l = 0; l < arch.layers(); l++) {
      int moduleWeights = arch.moduleSize() * arch.inputsOf(l);
      for (int k = 0; k < active[l].length; k++) {
        if (frozen[l][k]) {
          continue;
        }
        ids[i] = arch.moduleId(l, active[l][k]);
        blocks[i] = emptyBlock(arch.moduleParameters(l), vectors);
        copyBlock(blocks[i], weightOffset[l] + (long) k * moduleWeights, biasOffset[l] + (long) k * arch.moduleSize(),
            arch.moduleSize(), arch.inputsOf(l), true, vectors, false);
        i++;
      }
    }
    ParameterBlock head = emptyBlock(arch.headParameters(), vectors);
    int headWeightCount = Architecture.CLASSES * arch.moduleSize();
    copyBlock(head, headOffset, headOffset + headWeightCount, Architecture.CLASSES, arch.moduleSize(), false, vectors,
        false);
    return new ParameterSlice(Arrays.copyOf(ids, i), Arrays.copyOf(blocks, i), new boolean[i], head, step);
  }

  private static ParameterBlock emptyBlock(int length, int vectors) {
    return new ParameterBlock(new float[length], new float[vectors * length]);
  }

  /** The flat parameter vector (a live view: changing it changes the network); for gradient checks. */
  public INDArray parameters() {
    return params;
  }

  /** The flat gradient vector filled by the last {@link #computeGradient} or {@link #trainStep}. */
  public INDArray gradient() {
    return gradient;
  }

  public Pathway pathway() {
    return pathway;
  }

  /** A {@code c}-order view of {@code shape} onto {@code flat} (a row vector that is not itself a view). */
  private static INDArray view(INDArray flat, long offset, long rows, long cols) {
    return Nd4j.create(flat.data(), new long[] {rows, cols}, new long[] {cols, 1}, offset, 'c');
  }

  private static INDArray segment(INDArray flat, long offset, long length) {
    return view(flat, offset, 1, length);
  }
}
