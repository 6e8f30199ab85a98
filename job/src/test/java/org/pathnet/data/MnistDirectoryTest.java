package org.pathnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.IdxFiles.gzip;
import static org.pathnet.fixtures.IdxFiles.images;
import static org.pathnet.fixtures.IdxFiles.labels;
import static org.pathnet.fixtures.IdxFiles.write;
import static org.pathnet.fixtures.IdxFiles.writeMnist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.IdxFiles;

class MnistDirectoryTest {
  /** The embedded MNIST subset; Surefire runs in the job module, next to ../data. */
  static final Path EMBEDDED = Path.of("..", "data").toAbsolutePath();

  /** Per-digit counts 0..9 from data/README.md. */
  private static final int[] TRAIN_PER_DIGIT = {851, 958, 842, 877, 833, 734, 862, 910, 802, 831};
  private static final int[] TEST_PER_DIGIT = {150, 169, 149, 155, 147, 129, 152, 160, 142, 147};

  @TempDir
  Path dir;

  private static MnistData read(Path directory) {
    return MnistDirectory.read(directory.toString(), new Configuration());
  }

  private static String error(Path directory) {
    return assertThrows(InvalidInputException.class, () -> read(directory)).getMessage();
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), () -> "expected \"" + expected + "\" in: " + message);
  }

  private static int[] perDigit(LabelledImages split) {
    int[] counts = new int[10];
    for (int c = 0; c < 10; c++) {
      counts[c] = split.countOf(c);
    }
    return counts;
  }

  @Test
  void readsTheEmbeddedData() {
    MnistData data = read(EMBEDDED);

    assertEquals(EMBEDDED.toString(), data.directory());
    assertEquals(8500, data.train().count());
    assertEquals(1500, data.test().count());
    for (LabelledImages split : List.of(data.train(), data.test())) {
      assertEquals(split.count(), split.images().count());
      assertEquals(28, split.images().rows());
      assertEquals(28, split.images().cols());
    }
    assertArrayEquals(TRAIN_PER_DIGIT, perDigit(data.train()), "see data/README.md");
    assertArrayEquals(TEST_PER_DIGIT, perDigit(data.test()), "see data/README.md");
  }

  @Test
  void checksumsTheEmbeddedFilesAsListedInTheReadme() {
    Map<String, String> checksums = read(EMBEDDED).checksums();

    assertEquals(Map.of(
        "train-images-idx3-ubyte.gz", "ff2324400dd979a44363d0945fd829282efe947ced1c005aad3fe97029bf04c5",
        "train-labels-idx1-ubyte.gz", "f2351472e34f71203de55470853bfa3d3bf0dc06e46f813e2c903ecf8ea4f583",
        "t10k-images-idx3-ubyte.gz", "682d2604f6ce3a0087f45e636f6eded8b5ebffdedae5fbb2883d3325b5f15b2e",
        "t10k-labels-idx1-ubyte.gz", "4b4deb19df100822f82e25d4d102db448ac44fe85b2959702e0c9065e406674e"),
        checksums);
    assertEquals(List.of("t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz",
        "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"),
        new ArrayList<>(checksums.keySet()), "sorted by name");
  }

  @Test
  void readsPlainFilesThroughAFileUri() throws Exception {
    write(dir, MnistDirectory.TRAIN_IMAGES, images(3, 28, 28));
    write(dir, MnistDirectory.TRAIN_LABELS, labels(0, 1, 2));
    write(dir, MnistDirectory.TEST_IMAGES, images(2, 28, 28));
    write(dir, MnistDirectory.TEST_LABELS, labels(9, 8));

    MnistData data = MnistDirectory.read(dir.toUri().toString(), new Configuration());

    assertEquals(3, data.train().count());
    assertEquals(9, data.test().label(0));
    assertEquals(sha256(dir.resolve(MnistDirectory.TRAIN_IMAGES)),
        data.checksums().get(MnistDirectory.TRAIN_IMAGES));
    assertEquals(4, data.checksums().size());
  }

  @Test
  void rejectsMissingDirectory() {
    Path absent = dir.resolve("no-such-dir");

    assertEquals("data directory " + absent + " does not exist", error(absent));
  }

  @Test
  void rejectsDirectoryMissingOneFile() throws IOException {
    writeMnist(dir, new int[] {0, 1}, new int[] {0, 1});
    Files.delete(dir.resolve(MnistDirectory.TEST_LABELS + ".gz"));

    assertEquals("data directory " + dir + " has no t10k-labels-idx1-ubyte (nor t10k-labels-idx1-ubyte.gz)",
        error(dir));
  }

  @Test
  void rejectsImageAndLabelCountMismatch() {
    writeMnist(dir, new int[] {0, 1}, new int[] {0, 1});
    write(dir, MnistDirectory.TRAIN_LABELS + ".gz", gzip(labels(0, 1, 2)));

    String message = error(dir);

    assertContains(dir.resolve("train-images-idx3-ubyte.gz") + " has 2 images but "
        + dir.resolve("train-labels-idx1-ubyte.gz") + " has 3 labels", message);
  }

  @Test
  void rejectsLabelOutOfRange() {
    writeMnist(dir, new int[] {0, 1}, new int[] {0, 12, 1});

    assertEquals(dir.resolve("t10k-labels-idx1-ubyte.gz") + ": label 1 is 12, expected a digit 0..9",
        error(dir));
  }

  @Test
  void reportsMalformedFileByItsPathInTheDirectory() {
    writeMnist(dir, new int[] {0, 1}, new int[] {0, 1});
    write(dir, MnistDirectory.TEST_IMAGES + ".gz", gzip(images(2, 20, 20)));

    assertEquals(dir.resolve("t10k-images-idx3-ubyte.gz") + ": expected 28x28 images, found 20x20",
        error(dir));
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
