package org.pathnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.IdxFiles.writeMnist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.IdxFiles;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

class BinaryDatasetTest {
  private static MnistData embedded;
  private static BinaryDataset fivesVsSixes;

  @TempDir
  Path dir;

  @BeforeAll
  static void readEmbeddedData() {
    embedded = MnistDirectory.read(MnistDirectoryTest.EMBEDDED.toString(), new Configuration());
    fivesVsSixes = BinaryDataset.of(embedded, 5, 6);
  }

  @Test
  void countsFivesAndSixesOfEachSplit() {
    assertEquals(5, fivesVsSixes.classA());
    assertEquals(6, fivesVsSixes.classB());
    assertEquals("5,6", fivesVsSixes.classes());
    assertEquals(784, fivesVsSixes.inputSize());
    assertEquals(734 + 862, fivesVsSixes.trainCount());
    assertEquals(129 + 152, fivesVsSixes.testCount());
  }

  @Test
  void labelsFivesZeroAndSixesOneInFileOrder() {
    assertArrayEquals(expectedLabels(embedded.train()), fivesVsSixes.trainLabels());
    assertArrayEquals(expectedLabels(embedded.test()), fivesVsSixes.testLabels());
  }

  private static int[] expectedLabels(LabelledImages split) {
    return IntStream.range(0, split.count())
        .map(split::label)
        .filter(label -> label == 5 || label == 6)
        .map(label -> label == 5 ? 0 : 1)
        .toArray();
  }

  @Test
  void handsOutLabelCopies() {
    int[] labels = fivesVsSixes.trainLabels();
    labels[0] = 42;

    assertNotEquals(42, fivesVsSixes.trainLabels()[0]);
  }

  @Test
  void featuresAreFloatRowsInUnitRange() {
    assertFeatures(fivesVsSixes.trainFeatures(), fivesVsSixes.trainCount());
    assertFeatures(fivesVsSixes.testFeatures(), fivesVsSixes.testCount());
  }

  private static void assertFeatures(INDArray features, int rows) {
    assertArrayEquals(new long[] {rows, 784}, features.shape());
    assertEquals(DataType.FLOAT, features.dataType());
    assertEquals('c', features.ordering());
    assertTrue(features.minNumber().floatValue() >= 0f);
    assertEquals(1f, features.maxNumber().floatValue(), "some pixel is fully on");
  }

  /** Checks one pixel against the raw files, decoded here independently of IdxReader. */
  @Test
  void featureIsTheRawPixelOver255() throws IOException {
    byte[] labels = rawData(MnistDirectory.TRAIN_LABELS, 8);
    byte[] pixels = rawData(MnistDirectory.TRAIN_IMAGES, 16);
    int firstFive = 0;
    int sixesBefore = 0;
    for (; labels[firstFive] != 5; firstFive++) {
      sixesBefore += labels[firstFive] == 6 ? 1 : 0;
    }
    int offset = 14 * 28 + 14;
    while (pixels[firstFive * 784 + offset] == 0) {
      offset++;
    }
    int raw = pixels[firstFive * 784 + offset] & 0xff;

    // In file order the first five is preceded in the task only by the sixes before it.
    assertEquals(0, fivesVsSixes.trainLabels()[sixesBefore]);
    assertEquals(raw / 255f, fivesVsSixes.trainFeatures().getFloat(sixesBefore, offset));
  }

  private static byte[] rawData(String name, int headerBytes) throws IOException {
    Path file = MnistDirectoryTest.EMBEDDED.resolve(name + ".gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      in.skipNBytes(headerBytes);
      return in.readAllBytes();
    }
  }

  @Test
  void rejectsClassWithNoExamplesInASplit() {
    writeMnist(dir, new int[] {8, 9, 8}, new int[] {8, 8});
    MnistData data = MnistDirectory.read(dir.toString(), new Configuration());

    String message = assertThrows(InvalidInputException.class, () -> BinaryDataset.of(data, 8, 9)).getMessage();

    assertEquals("class 9 has no examples in " + dir.resolve("t10k-labels-idx1-ubyte.gz") + " (task 8,9 needs "
        + "examples of both classes in the train and the test files)", message);
  }

  @Test
  void rejectsSameClassTwice() {
    String message = assertThrows(InvalidInputException.class,
        () -> BinaryDataset.of(embedded, 5, 5)).getMessage();

    assertEquals("classes 5,5: expected two different digits", message);
  }

  @Test
  void rejectsClassThatIsNotADigit() {
    String message = assertThrows(InvalidInputException.class,
        () -> BinaryDataset.of(embedded, 5, 10)).getMessage();

    assertEquals("class 10: expected a digit 0..9", message);
  }

  /** Spark broadcasts the task with Kryo and ND4J's registrator, as configured for the job. */
  @Test
  void survivesKryoRoundTrip() {
    SparkConf conf = new SparkConf().set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator");
    SerializerInstance kryo = new KryoSerializer(conf).newInstance();
    ClassTag<BinaryDataset> tag = ClassTag$.MODULE$.apply(BinaryDataset.class);

    ByteBuffer bytes = kryo.serialize(fivesVsSixes, tag);
    BinaryDataset copy = kryo.deserialize(bytes, tag);

    assertEquals("5,6", copy.classes());
    assertArrayEquals(fivesVsSixes.trainLabels(), copy.trainLabels());
    assertArrayEquals(fivesVsSixes.testLabels(), copy.testLabels());
    assertEquals(fivesVsSixes.trainFeatures(), copy.trainFeatures());
    assertEquals(fivesVsSixes.testFeatures(), copy.testFeatures());
  }
}
