package org.pathnet.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The reference kernel's analytic gradients against central finite differences, in double precision. */
class ReferenceNetworkGradientTest {
  private static final double H = 1e-6;

  private static Minibatch randomBatch(int size, int inputs, SplittableRandom r) {
    double[] x = new double[size * inputs];
    for (int i = 0; i < x.length; i++) {
      x[i] = r.nextDouble();
    }
    int[] labels = new int[size];
    for (int i = 0; i < size; i++) {
      labels[i] = r.nextInt(2);
    }
    return Minibatch.of(Nd4j.create(x, new long[] {size, inputs}, DataType.DOUBLE), labels);
  }

  private static ModuleStore store(Architecture arch, Optimizer optimizer) {
    ModuleStore store = ModuleStore.initialised(arch, optimizer, id -> new SplittableRandom(id));
    store.startTask("A", new SplittableRandom(99));
    return store;
  }

  private static void assertGradientMatchesFiniteDifferences(Aggregation aggregation, int[][] genes) {
    Architecture arch = new Architecture(3, 5, 3, 12, 4, aggregation);
    Optimizer sgd = Optimizer.named("sgd", 0.1);
    Pathway path = Pathway.of(genes);
    ModuleStore store = store(arch, sgd);
    ReferenceNetwork net = new ReferenceNetwork(arch, path, store.slice("A", List.of(path)), sgd, DataType.DOUBLE);
    Minibatch batch = randomBatch(7, 12, new SplittableRandom(5));

    net.computeGradient(batch);
    INDArray analytic = net.gradient().dup();
    INDArray params = net.parameters();
    double worst = 0;
    for (long i = 0; i < params.length(); i++) {
      double original = params.getDouble(0, i);
      params.putScalar(0, i, original + H);
      double plus = net.loss(batch);
      params.putScalar(0, i, original - H);
      double minus = net.loss(batch);
      params.putScalar(0, i, original);
      double numeric = (plus - minus) / (2 * H);
      double a = analytic.getDouble(0, i);
      double error = Math.abs(a - numeric) / Math.max(1e-4, Math.abs(a) + Math.abs(numeric));
      worst = Math.max(worst, error);
    }
    assertTrue(worst < 1e-5, "worst relative error " + worst);
  }

  @Test
  void gradientsOfModulesAndHeadMatchFiniteDifferencesWithSummedLayers() {
    assertGradientMatchesFiniteDifferences(Aggregation.SUM, new int[][] {{0, 2, 4}, {1, 2, 3}, {0, 1, 4}});
  }

  @Test
  void gradientsMatchFiniteDifferencesWithAveragedLayersAndARepeatedGene() {
    // a mutated pathway may name a module twice: the layer then has two active modules, not three
    assertGradientMatchesFiniteDifferences(Aggregation.MEAN, new int[][] {{3, 3, 1}, {0, 4, 2}, {2, 2, 2}});
  }

  @Test
  void frozenModulesReceiveNoUpdateWhileTheRestTrain() {
    Architecture arch = new Architecture(3, 5, 3, 12, 4, Aggregation.SUM);
    Optimizer adam = Optimizer.named("adam", 0.01);
    ModuleStore store = store(arch, adam);
    Pathway frozenPath = Pathway.of(new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
    store.freeze(frozenPath);
    Pathway path = Pathway.of(new int[][] {{0, 3, 4}, {1, 3, 4}, {2, 3, 4}});
    ReferenceNetwork net = new ReferenceNetwork(arch, path, store.slice("A", List.of(path)), adam, DataType.DOUBLE);
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 5; i++) {
      net.trainStep(randomBatch(8, 12, r));
    }
    ParameterSlice trained = net.trainedSlice();
    for (int l = 0; l < 3; l++) {
      for (int m : path.activeModules(l)) {
        int id = arch.moduleId(l, m);
        boolean frozen = store.isFrozen(l, m);
        boolean returned = false;
        for (int i = 0; i < trained.size(); i++) {
          if (trained.moduleId(i) == id) {
            returned = true;
            assertFalse(Arrays.equals(trained.moduleAt(i).params(), store.module(l, m).params()),
                "trainable module " + l + "/" + m + " changed");
          }
        }
        assertEquals(!frozen, returned, "module " + l + "/" + m + " returned for write-back iff trainable");
      }
    }
    float[] before = store.module(0, 0).params().clone();
    store.write("A", trained);
    assertArrayEquals(before, store.module(0, 0).params(), "frozen module unchanged in the store");
  }

  @Test
  void frozenModulesStayBitIdenticalInsideTheCandidateDuringTraining() {
    Architecture arch = new Architecture(2, 4, 2, 6, 3, Aggregation.SUM);
    Optimizer adam = Optimizer.named("adam", 0.05);
    ModuleStore store = store(arch, adam);
    Pathway path = Pathway.of(new int[][] {{0, 1}, {2, 3}});
    store.freeze(Pathway.of(new int[][] {{0, 0}, {2, 2}}));
    ReferenceNetwork net = new ReferenceNetwork(arch, path, store.slice("A", List.of(path)), adam, DataType.DOUBLE);
    INDArray before = net.parameters().dup();
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 10; i++) {
      net.trainStep(randomBatch(4, 6, r));
    }
    INDArray after = net.parameters();
    // layout: layer 0 weights [2 modules x 3 units x 6 inputs], module 0 first
    for (int i = 0; i < 18; i++) {
      assertEquals(before.getDouble(0, i), after.getDouble(0, i), 0.0, "frozen weight " + i);
    }
    boolean trainedChanged = false;
    for (int i = 18; i < 36; i++) {
      trainedChanged |= before.getDouble(0, i) != after.getDouble(0, i);
    }
    assertTrue(trainedChanged, "the unfrozen module of layer 0 trained");
  }
}
