package org.pathnet.network.production;

import static org.pathnet.network.production.Lanes.TILE_ROWS;
import static org.pathnet.network.production.Lanes.roundUp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.pathnet.network.Architecture;
import org.pathnet.network.CandidateNetwork;
import org.pathnet.network.Minibatch;
import org.pathnet.network.Optimizer;
import org.pathnet.network.ParameterBlock;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.Pathway;
import org.pathnet.network.TiledInputs;

/**
 * The production kernel (setting {@code kernel=vector}): the reference kernel's network and optimiser
 * ({@link org.pathnet.network.ReferenceNetwork}) in JDK Vector API loops over float arrays, because a step of small
 * ND4J ops is bound by their per-op cost. A candidate gathers its modules into one padded matrix per layer
 * ({@link Layer}) so that one tile serves every product ({@link TiledProduct}), and skips exact zeros. Results
 * depend on the vector width: a study's executors should share a CPU type (docs/DESIGN.md, "Kernels").
 */
public final class ProductionNetwork implements CandidateNetwork {
  private final Architecture arch;
  private final Optimizer optimizer;
  private final Layer[] layers;
  private final Head head;
  private int step;
  /** Padded batch rows the activation buffers hold. */
  private int capacity;
  private boolean closed;

  /** Gathers {@code pathway}'s modules and the head from {@code slice} (copies: the slice is not changed). */
  public ProductionNetwork(Architecture arch, Pathway pathway, ParameterSlice slice, Optimizer optimizer) {
    this.arch = arch;
    this.optimizer = optimizer;
    layers = new Layer[arch.layers()];
    for (int l = 0; l < layers.length; l++) {
      layers[l] = new Layer(arch, l, pathway.activeModules(l), slice, optimizer.stateVectors());
    }
    head = new Head(arch, slice.head(), optimizer.stateVectors());
    step = slice.step();
  }

  @Override
  public int trainStep(Minibatch batch) {
    checkOpen();
    int rows = forward(batch);
    Layer top = layers[layers.length - 1];
    int stride = top.outputStride();
    int[] labels = batch.labels();
    int correct = head.backward(top.output, stride, labels, top.outputGradient);
    Arrays.fill(top.outputGradient, labels.length * stride, rows * stride, 0f);
    OptimizerStep update = new OptimizerStep(optimizer, step);
    for (int l = layers.length - 1; l >= 0; l--) {
      layers[l].backwardAndUpdate(l == 0 ? null : layers[l - 1], update);
    }
    update.on(head.params, head.state, head.all).applyAll(head.gradient, head.params.length);
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
    checkOpen();
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
    checkOpen();
    List<Integer> ids = new ArrayList<>();
    List<ParameterBlock> blocks = new ArrayList<>();
    for (int l = 0; l < layers.length; l++) {
      Layer layer = layers[l];
      for (int k = 0; k < layer.modules.length; k++) {
        if (!layer.frozen[k]) {
          ids.add(arch.moduleId(l, layer.modules[k]));
          blocks.add(layer.module(k));
        }
      }
    }
    return new ParameterSlice(ids.stream().mapToInt(Integer::intValue).toArray(),
        blocks.toArray(ParameterBlock[]::new), new boolean[ids.size()], head.block(), step);
  }

  /** Gives the layers' matrices back to this thread's workspace, for its next candidates. */
  @Override
  public void close() {
    if (!closed) {
      closed = true;
      for (Layer layer : layers) {
        layer.release();
      }
    }
  }

  /** A closed network's matrices may already be another candidate's. */
  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the network was closed");
    }
  }
}
