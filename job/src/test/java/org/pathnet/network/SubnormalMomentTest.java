package org.pathnet.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The one place where the production kernel departs from ND4J's Adam on purpose: a first moment that decays below
 * the smallest normal float is stored as zero (flush to zero), and the weights it belongs to step exactly as the
 * reference kernel steps them.
 */
class SubnormalMomentTest {
  private static final Architecture ARCH = new Architecture(3, 5, 3, 12, 4, Aggregation.SUM);
  private static final Optimizer ADAM = Optimizer.named("adam", 0.001);
  private static final Pathway PATH = Pathway.of(new int[][] {{0, 1, 2}, {0, 1, 2}, {0, 1, 2}});
  /** Input 0 of layer 1: dark in every example, so its weights' gradient is exactly zero. */
  private static final int DARK = 0;
  /** Just above the smallest normal float: one decay by beta1 = 0.9 takes it below. */
  private static final float ALMOST_SUBNORMAL = 1.2e-38f;
  private static final ParameterSlice START = storeWithAlmostSubnormalMoments().slice("A", List.of(PATH));
  private static final ParameterSlice VECTOR = trainOneStep(Kernel.VECTOR);
  private static final ParameterSlice REFERENCE = trainOneStep(Kernel.REFERENCE);

  @Test
  void aFirstMomentDecayingBelowTheSmallestNormalFloatIsStoredAsZero() {
    int n = moduleLength();
    for (int k = 0; k < 3; k++) {
      int id = ARCH.moduleId(0, k);
      float[] vector = VECTOR.module(id).state();
      float[] nd4j = REFERENCE.module(id).state();
      for (int u = 0; u < ARCH.moduleSize(); u++) {
        int p = DARK * ARCH.moduleSize() + u;
        assertEquals(0f, vector[p], "m of unit " + u + " of module " + id);
        assertTrue(nd4j[p] > 0 && nd4j[p] < Float.MIN_NORMAL, "ND4J keeps the subnormal " + nd4j[p]);
        assertEquals(nd4j[n + p], vector[n + p], "v of unit " + u + " of module " + id);
      }
    }
  }

  @Test
  void theWeightsOfAFlushedMomentStepAsTheReferenceKernelStepsThem() {
    for (int k = 0; k < 3; k++) {
      int id = ARCH.moduleId(0, k);
      float[] before = START.module(id).params();
      float[] vector = VECTOR.module(id).params();
      float[] nd4j = REFERENCE.module(id).params();
      for (int u = 0; u < ARCH.moduleSize(); u++) {
        int p = DARK * ARCH.moduleSize() + u;
        // the step a subnormal m makes, about 1e-33, is far below half an ulp of the weight: no kernel moves it
        assertEquals(before[p], nd4j[p], "reference kernel, weight of unit " + u);
        assertEquals(before[p], vector[p], "vector kernel, weight of unit " + u);
      }
    }
  }

  /** A float store whose layer-1 weights from the dark input have m just above subnormal and a normal v. */
  private static ModuleStore storeWithAlmostSubnormalMoments() {
    ModuleStore store = ModuleStore.initialised(ARCH, ADAM, id -> new SplittableRandom(id));
    store.startTask("A", new SplittableRandom(99));
    int n = moduleLength();
    ParameterSlice slice = store.slice("A", List.of(PATH));
    for (int k = 0; k < 3; k++) {
      ParameterBlock block = slice.module(ARCH.moduleId(0, k));
      for (int u = 0; u < ARCH.moduleSize(); u++) {
        int p = DARK * ARCH.moduleSize() + u;
        block.state()[p] = ALMOST_SUBNORMAL;
        block.state()[n + p] = 1e-10f;
      }
    }
    return store;
  }

  /** One step from START; both kernels copy what they gather, so START stays as it was. */
  private static ParameterSlice trainOneStep(Kernel kernel) {
    CandidateNetwork network = kernel.open(ARCH, PATH, START, ADAM);
    network.trainStep(batchWithDarkInput());
    return network.trainedSlice();
  }

  private static Minibatch batchWithDarkInput() {
    SplittableRandom random = new SplittableRandom(7);
    int rows = 8;
    int inputs = ARCH.inputsOf(0);
    float[] pixels = new float[rows * inputs];
    int[] labels = new int[rows];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < inputs; i++) {
        pixels[r * inputs + i] = i == DARK ? 0f : (float) random.nextDouble();
      }
      labels[r] = r % 2;
    }
    return Minibatch.ofPixels(pixels, inputs, labels);
  }

  private static int moduleLength() {
    return ARCH.moduleSize() * ARCH.inputsOf(0) + ARCH.moduleSize();
  }
}
