package org.pathnet.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pathnet.InvalidInputException;

/**
 * Reads a directory laid out like the original MNIST distribution: the four files
 * {@value #TRAIN_IMAGES}, {@value #TRAIN_LABELS}, {@value #TEST_IMAGES} and {@value #TEST_LABELS},
 * each plain or with a ".gz" suffix, on any file system Hadoop can reach. Checks that images and
 * labels agree and that every label is a digit, and records each file's SHA-256 for provenance.
 */
public final class MnistDirectory {

  /** File name of the training images, without the optional ".gz". */
  public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
  /** File name of the training labels, without the optional ".gz". */
  public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
  /** File name of the held-out test images, without the optional ".gz". */
  public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
  /** File name of the held-out test labels, without the optional ".gz". */
  public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

  private static final String GZIP_SUFFIX = ".gz";
  /** Labels are digits 0..DIGITS-1. */
  static final int DIGITS = 10;

  private MnistDirectory() {
  }

  /** The images and labels file of one split, located in the directory. */
  private record SplitFiles(Path images, Path labels) {
  }

  /**
   * Reads and validates the four MNIST files of a directory.
   *
   * @param directoryUri a local path, {@code file://} or {@code hdfs://} URI of the directory
   * @param conf Hadoop configuration used to reach the directory's file system
   * @throws InvalidInputException if the directory or a file is missing or malformed
   */
  public static MnistData read(String directoryUri, Configuration conf) {
    Path directory = directoryPath(directoryUri);
    FileSystem fs = fileSystem(directory, directoryUri, conf);
    checkIsDirectory(fs, directory, directoryUri);
    // Locate all four first so a missing file is reported before any large read.
    SplitFiles trainFiles = new SplitFiles(
        locate(fs, directory, directoryUri, TRAIN_IMAGES), locate(fs, directory, directoryUri, TRAIN_LABELS));
    SplitFiles testFiles = new SplitFiles(
        locate(fs, directory, directoryUri, TEST_IMAGES), locate(fs, directory, directoryUri, TEST_LABELS));
    LabelledImages train = readSplit(fs, trainFiles);
    LabelledImages test = readSplit(fs, testFiles);
    Map<String, String> checksums = new TreeMap<>();
    for (Path file : List.of(trainFiles.images(), trainFiles.labels(), testFiles.images(), testFiles.labels())) {
      checksums.put(file.getName(), sha256(fs, file));
    }
    return new MnistData(directoryUri, train, test, checksums);
  }

  private static Path directoryPath(String directoryUri) {
    try {
      return new Path(directoryUri);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("data directory '" + directoryUri
          + "' is not a valid path or URI: " + e.getMessage(), e);
    }
  }

  private static FileSystem fileSystem(Path directory, String directoryUri, Configuration conf) {
    try {
      return directory.getFileSystem(conf);
    } catch (IOException | IllegalArgumentException e) {
      // Hadoop reports an unknown hdfs:// host as IllegalArgumentException.
      throw new InvalidInputException("data directory " + directoryUri
          + ": cannot open its file system: " + e.getMessage(), e);
    }
  }

  private static void checkIsDirectory(FileSystem fs, Path directory, String directoryUri) {
    FileStatus status;
    try {
      status = fs.getFileStatus(directory);
    } catch (FileNotFoundException e) {
      throw new InvalidInputException("data directory " + directoryUri + " does not exist", e);
    } catch (IOException e) {
      throw new InvalidInputException("data directory " + directoryUri + ": cannot read: " + e.getMessage(), e);
    }
    if (!status.isDirectory()) {
      throw new InvalidInputException("data directory " + directoryUri
          + " is a file, expected a directory holding the MNIST files");
    }
  }

  /** Finds {@code name}, else {@code name.gz}; the plain file wins if both are present. */
  private static Path locate(FileSystem fs, Path directory, String directoryUri, String name) {
    for (String candidate : List.of(name, name + GZIP_SUFFIX)) {
      Path file = new Path(directory, candidate);
      try {
        if (fs.exists(file)) {
          return file;
        }
      } catch (IOException e) {
        throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
      }
    }
    throw new InvalidInputException("data directory " + directoryUri + " has no " + name
        + " (nor " + name + GZIP_SUFFIX + ")");
  }

  private static LabelledImages readSplit(FileSystem fs, SplitFiles files) {
    ImageSet images = IdxReader.readImages(fs, files.images());
    byte[] labels = IdxReader.readLabels(fs, files.labels());
    if (images.count() != labels.length) {
      throw new InvalidInputException(files.images() + " has " + images.count() + " images but "
          + files.labels() + " has " + labels.length + " labels; expected one label per image");
    }
    checkDigits(files.labels(), labels);
    return new LabelledImages(images, labels, files.labels().toString());
  }

  private static void checkDigits(Path file, byte[] labels) {
    for (int i = 0; i < labels.length; i++) {
      int label = labels[i] & 0xff;
      if (label >= DIGITS) {
        throw new InvalidInputException(file + ": label " + i + " is " + label
            + ", expected a digit 0.." + (DIGITS - 1));
      }
    }
  }

  /** SHA-256 of the file's bytes as stored, so that it matches {@code sha256sum} of the file. */
  private static String sha256(FileSystem fs, Path file) {
    MessageDigest digest = newSha256();
    try (InputStream in = new DigestInputStream(fs.open(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform is required to provide SHA-256.
      throw new IllegalStateException(e);
    }
  }
}
