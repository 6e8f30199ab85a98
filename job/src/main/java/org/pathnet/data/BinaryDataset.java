package org.pathnet.data;

import java.io.Serializable;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pathnet.InvalidInputException;

/**
 * The examples of two classes cut out of an MNIST data set, as a PathNet task learns them (e.g. digit 5 vs 6):
 * the examples of {@code classA} get label 0 and those of {@code classB} label 1, in file order;
 * training examples come from the train files, held-out test examples from the t10k files.
 * Features are one row per example of {@code inputSize()} float32 values in [0, 1] (pixel / 255).
 *
 * <p>Immutable and {@link Serializable}: on a cluster Spark broadcasts it with Kryo (ND4J's
 * {@code Nd4jRegistrator} serialises the INDArray fields), which is why the fields stay plain
 * ints, int arrays and INDArrays.
 */
public final class BinaryDataset implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final float MAX_PIXEL = 255f;

  private final int classA;
  private final int classB;
  private final INDArray trainFeatures;
  private final int[] trainLabels;
  private final INDArray testFeatures;
  private final int[] testLabels;
  /** {@link #trainPixels()}, {@link #testPixels()}: built once per copy in a JVM, never shipped. */
  private transient volatile float[] trainPixels;
  private transient volatile float[] testPixels;

  private BinaryDataset(int classA, int classB, LabelledImages train, LabelledImages test) {
    this.classA = classA;
    this.classB = classB;
    int[] trainRows = examplesOf(train, classA, classB);
    int[] testRows = examplesOf(test, classA, classB);
    this.trainFeatures = features(train.images(), trainRows);
    this.trainLabels = binaryLabels(train, trainRows, classA);
    this.testFeatures = features(test.images(), testRows);
    this.testLabels = binaryLabels(test, testRows, classA);
  }

  /**
   * Builds the dataset "classA vs classB" from {@code data}.
   *
   * @throws InvalidInputException if a class is not a digit 0..9, the classes are equal, or a
   *     class has no examples in the train or the test split
   */
  public static BinaryDataset of(MnistData data, int classA, int classB) {
    checkDigit(classA);
    checkDigit(classB);
    if (classA == classB) {
      throw new InvalidInputException("classes " + classA + "," + classB
          + ": expected two different digits");
    }
    for (LabelledImages split : new LabelledImages[] {data.train(), data.test()}) {
      for (int c : new int[] {classA, classB}) {
        if (!split.hasClass(c)) {
          throw new InvalidInputException("class " + c + " has no examples in " + split.labelsFile() + " (task "
              + classA + "," + classB + " needs examples of both classes in the train and the test files)");
        }
      }
    }
    return new BinaryDataset(classA, classB, data.train(), data.test());
  }

  private static void checkDigit(int c) {
    if (c < 0 || c >= MnistDirectory.DIGITS) {
      throw new InvalidInputException("class " + c + ": expected a digit 0.." + (MnistDirectory.DIGITS - 1));
    }
  }

  /** Indices, in file order, of the examples labelled {@code a} or {@code b}. */
  private static int[] examplesOf(LabelledImages split, int a, int b) {
    int[] rows = new int[split.countOf(a) + split.countOf(b)];
    int next = 0;
    for (int i = 0; i < split.count(); i++) {
      if (split.label(i) == a || split.label(i) == b) {
        rows[next++] = i;
      }
    }
    return rows;
  }

  private static INDArray features(ImageSet images, int[] rows) {
    int size = images.imageSize();
    float[] values = new float[rows.length * size];
    for (int r = 0; r < rows.length; r++) {
      for (int j = 0; j < size; j++) {
        values[r * size + j] = images.pixel(rows[r], j) / MAX_PIXEL;
      }
    }
    return Nd4j.create(values, new long[] {rows.length, size}, 'c');
  }

  private static int[] binaryLabels(LabelledImages split, int[] rows, int classA) {
    int[] labels = new int[rows.length];
    for (int r = 0; r < rows.length; r++) {
      labels[r] = split.label(rows[r]) == classA ? 0 : 1;
    }
    return labels;
  }

  /** The digit that gets label 0. */
  public int classA() {
    return classA;
  }

  /** The digit that gets label 1. */
  public int classB() {
    return classB;
  }

  /** The two digits as "A,B", e.g. "5,6", for logs and result files. */
  public String classes() {
    return classA + "," + classB;
  }

  /** Features per example: pixels per image, 784 for MNIST. */
  public int inputSize() {
    return (int) trainFeatures.size(1);
  }

  /** Number of training examples. */
  public int trainCount() {
    return trainLabels.length;
  }

  /** Number of held-out test examples. */
  public int testCount() {
    return testLabels.length;
  }

  /**
   * Training features, {@code trainCount() x inputSize()}, float32, 'c' order, values in [0, 1].
   * The array is shared rather than copied (it is large and read by every Spark task): do not modify it.
   */
  public INDArray trainFeatures() {
    return trainFeatures;
  }

  /**
   * The training features as one row-major float array, {@code trainCount() * inputSize()} values: what the
   * minibatch sampler copies rows from. Built on first use and kept (Kryo skips the transient field), so an
   * executor converts its copy once, not once per Spark task; a race only builds the same array twice. Do not
   * modify it.
   */
  public float[] trainPixels() {
    float[] pixels = trainPixels;
    if (pixels == null) {
      pixels = trainFeatures.data().asFloat();
      trainPixels = pixels;
    }
    return pixels;
  }

  /** The test features as one row-major float array, like {@link #trainPixels()}. Do not modify it. */
  public float[] testPixels() {
    float[] pixels = testPixels;
    if (pixels == null) {
      pixels = testFeatures.data().asFloat();
      testPixels = pixels;
    }
    return pixels;
  }

  /** Training labels, 0 for {@code classA} and 1 for {@code classB}; a fresh copy on each call. */
  public int[] trainLabels() {
    return trainLabels.clone();
  }

  /**
   * Test features, {@code testCount() x inputSize()}, float32, 'c' order, values in [0, 1].
   * The array is shared rather than copied: do not modify it.
   */
  public INDArray testFeatures() {
    return testFeatures;
  }

  /** Test labels, 0 for {@code classA} and 1 for {@code classB}; a fresh copy on each call. */
  public int[] testLabels() {
    return testLabels.clone();
  }
}
