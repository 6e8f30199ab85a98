package org.pathnet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.IdxFiles.IMAGE_MAGIC;
import static org.pathnet.fixtures.IdxFiles.LABEL_MAGIC;
import static org.pathnet.fixtures.IdxFiles.gzip;
import static org.pathnet.fixtures.IdxFiles.hadoopPath;
import static org.pathnet.fixtures.IdxFiles.idx;
import static org.pathnet.fixtures.IdxFiles.images;
import static org.pathnet.fixtures.IdxFiles.labels;
import static org.pathnet.fixtures.IdxFiles.write;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.IdxFiles;

class IdxReaderTest {
  private final FileSystem fs = IdxFiles.localFs();

  @TempDir
  Path dir;

  private ImageSet readImages(Path file) {
    return IdxReader.readImages(fs, hadoopPath(file));
  }

  /** Reads the images file and returns the message of the InvalidInputException it must throw. */
  private String imagesError(Path file) {
    String message = assertThrows(InvalidInputException.class, () -> readImages(file)).getMessage();
    assertTrue(message.startsWith(file.toString() + ": "), message);
    return message;
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), () -> "expected \"" + expected + "\" in: " + message);
  }

  @Test
  void readsPlainFileAsWellAsGzip() {
    byte[] content = images(3, 28, 28);
    ImageSet plain = readImages(write(dir, "plain-idx3-ubyte", content));
    ImageSet gzipped = readImages(write(dir, "gzipped-idx3-ubyte.gz", gzip(content)));

    assertEquals(3, plain.count());
    assertEquals(28, plain.rows());
    assertEquals(28, plain.cols());
    assertEquals(3, gzipped.count());
    for (int image = 0; image < 3; image++) {
      for (int offset = 0; offset < 28 * 28; offset++) {
        int expected = content[16 + image * 784 + offset] & 0xff;
        assertEquals(expected, plain.pixel(image, offset));
        assertEquals(expected, gzipped.pixel(image, offset));
      }
    }
  }

  @Test
  void detectsGzipByContentNotByName() {
    byte[] content = images(2, 28, 28);
    assertEquals(2, readImages(write(dir, "gzipped-without-suffix", gzip(content))).count());
    assertEquals(2, readImages(write(dir, "plain-with-suffix.gz", content)).count());
  }

  @Test
  void readsLabels() {
    byte[] plain = IdxReader.readLabels(fs, hadoopPath(write(dir, "labels", labels(3, 1, 4))));
    byte[] gzipped = IdxReader.readLabels(fs, hadoopPath(write(dir, "labels.gz", gzip(labels(3, 1, 4)))));

    assertArrayEquals(new byte[] {3, 1, 4}, plain);
    assertArrayEquals(new byte[] {3, 1, 4}, gzipped);
  }

  @Test
  void rejectsBadMagic() {
    byte[] content = images(1, 28, 28);
    content[0] = 0x12;

    String message = imagesError(write(dir, "bad-magic", content));

    assertContains("expected an IDX image file with magic number 2051 (0x00000803)", message);
    assertContains("found 301991939 (0x12000803), which is not an IDX magic number", message);
  }

  @Test
  void rejectsLabelFileWhereImagesAreExpected() {
    String message = imagesError(write(dir, "labels-not-images", labels(1, 2)));

    assertContains("magic number 2051 (0x00000803), found 2049 (0x00000801)", message);
    assertContains("dimension byte is 1, not 3", message);
  }

  @Test
  void rejectsDataTypeOtherThanUnsignedByte() {
    byte[] content = idx(0x00000d03, new int[] {1, 28, 28}, new byte[4 * 784]);

    String message = imagesError(write(dir, "floats", content));

    assertContains("data type byte is 0x0d, not 0x08 (unsigned byte)", message);
  }

  @Test
  void rejectsImageSizeOtherThan28x28() {
    String message = imagesError(write(dir, "small-images", images(2, 20, 20)));

    assertContains("expected 28x28 images, found 20x20", message);
  }

  @Test
  void rejectsNegativeCount() {
    String message = imagesError(write(dir, "negative", idx(IMAGE_MAGIC, new int[] {-1, 28, 28}, new byte[0])));

    assertContains("header says -1 images, expected a count of 0 or more", message);
  }

  @Test
  void rejectsFileEndingInsideTheHeader() {
    byte[] content = Arrays.copyOf(images(1, 28, 28), 10);

    String message = imagesError(write(dir, "short-header", content));

    assertContains("the file ends inside the 16-byte IDX header", message);
  }

  @Test
  void rejectsTruncatedData() {
    byte[] content = Arrays.copyOf(images(3, 28, 28), 16 + 1000);

    String plain = imagesError(write(dir, "truncated", content));
    String gzipped = imagesError(write(dir, "truncated.gz", gzip(content)));

    String expected = "header says 3 images (2352 bytes) but the file ends after 1000 bytes";
    assertContains(expected, plain);
    assertContains(expected, gzipped);
  }

  @Test
  void rejectsTrailingBytes() {
    byte[] content = Arrays.copyOf(images(3, 28, 28), 16 + 3 * 784 + 5);

    String plain = imagesError(write(dir, "trailing", content));
    String gzipped = imagesError(write(dir, "trailing.gz", gzip(content)));

    String expected = "header says 3 images (2352 bytes) but 5 trailing bytes follow them";
    assertContains(expected, plain);
    assertContains(expected, gzipped);
  }

  @Test
  void rejectsTrailingBytesInLabelFile() {
    byte[] content = Arrays.copyOf(labels(1, 2), 8 + 3);
    Path file = write(dir, "labels-trailing", content);

    String message = assertThrows(InvalidInputException.class,
        () -> IdxReader.readLabels(fs, hadoopPath(file))).getMessage();

    assertContains(file + ": header says 2 labels (2 bytes) but 1 trailing bytes follow them", message);
  }

  @Test
  void failsFastOnHeaderClaimingABillionImagesInASmallFile() {
    byte[] content = idx(IMAGE_MAGIC, new int[] {1_000_000_000, 28, 28}, new byte[2 * 784]);

    String plain = imagesError(write(dir, "billion", content));
    String gzipped = imagesError(write(dir, "billion.gz", gzip(content)));

    String expected = "header says 1000000000 images (784000000000 bytes) but the file ends after 1568 bytes";
    assertContains(expected, plain);
    assertContains(expected, gzipped);
  }

  @Test
  void aHeaderClaiming2To30ImagesOrLabelsIsRejectedWithoutAllocatingForThem() {
    int claimed = 1 << 30;
    byte[] images = idx(IMAGE_MAGIC, new int[] {claimed, 28, 28}, new byte[784]);
    byte[] labels = idx(LABEL_MAGIC, new int[] {claimed}, new byte[1]);
    Path[] files = {write(dir, "huge-images", images), write(dir, "huge-images.gz", gzip(images)),
        write(dir, "huge-labels", labels), write(dir, "huge-labels.gz", gzip(labels))};
    ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();

    String plainImages = imagesError(files[0]);
    String gzippedImages = imagesError(files[1]);
    for (Path file : new Path[] {files[2], files[3]}) {
      assertContains(file + ": header says 1073741824 labels (1073741824 bytes) but the file ends after 1 bytes",
          assertThrows(InvalidInputException.class, () -> IdxReader.readLabels(fs, hadoopPath(file))).getMessage());
    }

    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    String expected = "header says 1073741824 images (841813590016 bytes) but the file ends after 784 bytes";
    assertContains(expected, plainImages);
    assertContains(expected, gzippedImages);
    assertTrue(allocated < 64 << 20, "allocated " + allocated + " bytes for four tiny files");
  }

  @Test
  void rejectsCorruptGzip() {
    byte[] valid = gzip(images(3, 28, 28));
    byte[] corrupt = Arrays.copyOf(valid, valid.length);
    // Keep the 10-byte gzip header, replace the deflate stream with garbage.
    for (int i = 10; i < corrupt.length; i++) {
      corrupt[i] = (byte) 0xff;
    }

    String message = imagesError(write(dir, "corrupt.gz", corrupt));

    assertContains("corrupt gzip data: ", message);
  }

  @Test
  void rejectsGzipCutShort() {
    byte[] valid = gzip(images(3, 28, 28));

    String message = imagesError(write(dir, "cut.gz", Arrays.copyOf(valid, valid.length / 2)));

    assertContains("corrupt gzip data: ", message);
  }

  @Test
  void rejectsMissingFile() {
    Path file = dir.resolve("absent-idx3-ubyte");

    String message = imagesError(file);

    assertEquals(file + ": file not found", message);
  }

  @Test
  void rejectsImageFileWhereLabelsAreExpected() {
    Path file = write(dir, "images-not-labels", images(1, 28, 28));

    String message = assertThrows(InvalidInputException.class,
        () -> IdxReader.readLabels(fs, hadoopPath(file))).getMessage();

    assertContains(file + ": expected an IDX label file with magic number 2049 (0x00000801), "
        + "found 2051 (0x00000803)", message);
  }
}
