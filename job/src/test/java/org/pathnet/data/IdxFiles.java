package org.pathnet.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** Test helper: writes small IDX files (well-formed or not) and reaches them through Hadoop. */
public final class IdxFiles {
  public static final int IMAGE_MAGIC = 0x00000803;
  public static final int LABEL_MAGIC = 0x00000801;

  private IdxFiles() {
  }

  /** An IDX file's bytes: the magic, the dimension sizes as big-endian ints, then {@code data}. */
  public static byte[] idx(int magic, int[] sizes, byte[] data) {
    ByteBuffer buffer = ByteBuffer.allocate(4 * (sizes.length + 1) + data.length);
    buffer.putInt(magic);
    for (int size : sizes) {
      buffer.putInt(size);
    }
    return buffer.put(data).array();
  }

  /** A well-formed image file of {@code count} images of rows x cols with a recognisable pattern. */
  public static byte[] images(int count, int rows, int cols) {
    byte[] pixels = new byte[count * rows * cols];
    for (int i = 0; i < pixels.length; i++) {
      pixels[i] = (byte) (i * 7);
    }
    return idx(IMAGE_MAGIC, new int[] {count, rows, cols}, pixels);
  }

  /** A well-formed label file holding {@code labels}. */
  public static byte[] labels(int... labels) {
    byte[] data = new byte[labels.length];
    for (int i = 0; i < labels.length; i++) {
      data[i] = (byte) labels[i];
    }
    return idx(LABEL_MAGIC, new int[] {labels.length}, data);
  }

  /** {@code data} gzip-compressed. */
  public static byte[] gzip(byte[] data) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static Path write(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes the four MNIST files, gzipped, with one 28x28 image per label; {@code testLabels} go to
   * the t10k files.
   */
  public static void writeMnist(Path dir, int[] trainLabels, int[] testLabels) {
    write(dir, MnistDirectory.TRAIN_IMAGES + ".gz", gzip(images(trainLabels.length, 28, 28)));
    write(dir, MnistDirectory.TRAIN_LABELS + ".gz", gzip(labels(trainLabels)));
    write(dir, MnistDirectory.TEST_IMAGES + ".gz", gzip(images(testLabels.length, 28, 28)));
    write(dir, MnistDirectory.TEST_LABELS + ".gz", gzip(labels(testLabels)));
  }

  /** The Hadoop local file system, the same one a file:// or plain path resolves to. */
  static FileSystem localFs() {
    try {
      return FileSystem.getLocal(new Configuration());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A local file as a plain-path Hadoop Path, as a user would type it. */
  static org.apache.hadoop.fs.Path hadoopPath(Path file) {
    return new org.apache.hadoop.fs.Path(file.toString());
  }
}
