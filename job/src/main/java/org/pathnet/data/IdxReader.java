package org.pathnet.data;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pathnet.InvalidInputException;

/**
 * Reads the MNIST flavour of the IDX format: unsigned-byte 28x28 images and unsigned-byte labels,
 * plain or gzip-compressed, through Hadoop's {@link FileSystem} so that local paths, {@code file://}
 * and {@code hdfs://} URIs all work.
 *
 * <p>Every malformed file is reported as an {@link InvalidInputException} whose message starts
 * with the file's path and says what was expected and what was found.
 */
public final class IdxReader {

  /** Height and width of an MNIST image; PathNet's input layer is sized for exactly this. */
  private static final int IMAGE_SIDE = 28;

  private static final int IMAGE_MAGIC = 0x00000803;
  private static final int LABEL_MAGIC = 0x00000801;
  private static final int UNSIGNED_BYTE = 0x08;
  /** The largest byte[] every JVM allocates; a few header words are reserved by some VMs. */
  private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;
  /** First buffer size when only the (untrusted) header vouches for the amount of data. */
  private static final int FIRST_CHUNK = 1 << 20;

  private IdxReader() {
  }

  /** Reads an IDX image file (magic 2051) of 28x28 unsigned-byte images. */
  public static ImageSet readImages(FileSystem fs, Path file) {
    try (Source source = Source.open(fs, file)) {
      int[] sizes = source.readHeader(IMAGE_MAGIC, "image");
      int count = source.checkCount(sizes[0], "images");
      if (sizes[1] != IMAGE_SIDE || sizes[2] != IMAGE_SIDE) {
        throw source.invalid("expected " + IMAGE_SIDE + "x" + IMAGE_SIDE + " images, found "
            + sizes[1] + "x" + sizes[2]);
      }
      // long arithmetic: a hostile count times 784 overflows int.
      byte[] pixels = source.readData((long) count * IMAGE_SIDE * IMAGE_SIDE, count + " images");
      return new ImageSet(count, IMAGE_SIDE, IMAGE_SIDE, pixels);
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  /** Reads an IDX label file (magic 2049): one unsigned byte per example, values unchecked. */
  public static byte[] readLabels(FileSystem fs, Path file) {
    try (Source source = Source.open(fs, file)) {
      int count = source.checkCount(source.readHeader(LABEL_MAGIC, "label")[0], "labels");
      return source.readData(count, count + " labels");
    } catch (IOException e) {
      throw cannotRead(file, e);
    }
  }

  private static InvalidInputException cannotRead(Path file, IOException e) {
    return new InvalidInputException(file + ": cannot read: " + e.getMessage(), e);
  }

  private static String describeMagic(int magic) {
    return String.format("%d (0x%08x)", magic, magic);
  }

  /** One opened IDX file: its (decompressed) content plus what is known about its size. */
  private static final class Source implements Closeable {
    private final String name;
    private final DataInputStream in;
    /** Length of a plain file, or -1 for gzip, whose content size is unknown until read. */
    private final long plainLength;
    private long headerBytes;

    private Source(String name, InputStream content, long plainLength) {
      this.name = name;
      this.in = new DataInputStream(content);
      this.plainLength = plainLength;
    }

    static Source open(FileSystem fs, Path file) throws IOException {
      String name = file.toString();
      FileStatus status;
      try {
        status = fs.getFileStatus(file);
      } catch (FileNotFoundException e) {
        throw new InvalidInputException(name + ": file not found", e);
      }
      if (status.isDirectory()) {
        throw new InvalidInputException(name + ": expected an IDX file, found a directory");
      }
      BufferedInputStream raw = new BufferedInputStream(fs.open(file));
      try {
        return startsWithGzipMagic(raw)
            ? new Source(name, GzipContent.open(name, raw), -1)
            : new Source(name, raw, status.getLen());
      } catch (IOException | RuntimeException e) {
        raw.close();
        throw e;
      }
    }

    /** Decides by content, not by name; an IDX magic starts with two zero bytes, so no clash. */
    private static boolean startsWithGzipMagic(BufferedInputStream raw) throws IOException {
      raw.mark(2);
      byte[] start = raw.readNBytes(2);
      raw.reset();
      return start.length == 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b;
    }

    /** Checks the magic number and returns the dimension sizes that follow it. */
    int[] readHeader(int expectedMagic, String kind) throws IOException {
      int dimensions = expectedMagic & 0xff;
      int size = 4 * (dimensions + 1);
      checkMagic(readHeaderInt(size), expectedMagic, kind);
      int[] sizes = new int[dimensions];
      for (int i = 0; i < dimensions; i++) {
        sizes[i] = readHeaderInt(size);
      }
      headerBytes = size;
      return sizes;
    }

    private int readHeaderInt(int headerSize) throws IOException {
      try {
        return in.readInt();
      } catch (EOFException e) {
        throw invalid("the file ends inside the " + headerSize + "-byte IDX header", e);
      }
    }

    private void checkMagic(int found, int expected, String kind) {
      if (found == expected) {
        return;
      }
      String problem;
      if ((found >>> 16) != 0) {
        problem = "which is not an IDX magic number";
      } else if (((found >>> 8) & 0xff) != UNSIGNED_BYTE) {
        problem = String.format("whose data type byte is 0x%02x, not 0x%02x (unsigned byte)",
            (found >>> 8) & 0xff, UNSIGNED_BYTE);
      } else {
        problem = String.format("whose dimension byte is %d, not %d",
            found & 0xff, expected & 0xff);
      }
      throw invalid("expected an IDX " + kind + " file with magic number " + describeMagic(expected)
          + ", found " + describeMagic(found) + ", " + problem);
    }

    int checkCount(int count, String what) {
      if (count < 0) {
        throw invalid("header says " + count + " " + what + ", expected a count of 0 or more");
      }
      return count;
    }

    /**
     * Reads exactly {@code size} bytes of data and checks that nothing follows. The header is
     * trusted for allocation only when the file's length vouches for it; otherwise the buffer
     * grows as bytes actually arrive, so a lying header fails on truncation, not on memory.
     */
    byte[] readData(long size, String declared) throws IOException {
      String claim = "header says " + declared + " (" + size + " bytes)";
      boolean plain = plainLength >= 0;
      long available = plainLength - headerBytes;
      if (plain && available < size) {
        throw truncated(claim, available);
      }
      if (plain && size > MAX_ARRAY) {
        throw tooLarge(claim);
      }
      int limit = (int) Math.min(size, MAX_ARRAY);
      byte[] data = readUpTo(limit, plain ? limit : Math.min(limit, FIRST_CHUNK));
      if (data.length < limit) {
        throw truncated(claim, data.length);
      }
      if (size > limit) {
        throw tooLarge(claim);
      }
      long trailing = plain ? available - size : in.transferTo(OutputStream.nullOutputStream());
      if (trailing > 0) {
        throw invalid(claim + " but " + trailing + " trailing bytes follow them");
      }
      return data;
    }

    private byte[] readUpTo(int limit, int initialCapacity) throws IOException {
      byte[] buffer = new byte[initialCapacity];
      int filled = 0;
      while (filled < limit) {
        if (filled == buffer.length) {
          buffer = Arrays.copyOf(buffer, (int) Math.min(2L * buffer.length, limit));
        }
        int read = in.read(buffer, filled, buffer.length - filled);
        if (read < 0) {
          break;
        }
        filled += read;
      }
      return filled == buffer.length ? buffer : Arrays.copyOf(buffer, filled);
    }

    private InvalidInputException truncated(String claim, long found) {
      return invalid(claim + " but the file ends after " + found + " bytes of data");
    }

    private InvalidInputException tooLarge(String claim) {
      return invalid(claim + ", more than the " + MAX_ARRAY + " bytes one array can hold");
    }

    InvalidInputException invalid(String problem) {
      return new InvalidInputException(name + ": " + problem);
    }

    private InvalidInputException invalid(String problem, Throwable cause) {
      return new InvalidInputException(name + ": " + problem, cause);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * The decompressed content of a gzip file. A damaged stream surfaces from {@link GZIPInputStream}
   * as ZipException or EOFException; here it becomes bad input naming the file, so that it is
   * never confused with the IDX content itself ending early.
   */
  private static final class GzipContent extends FilterInputStream {
    private final String name;

    private GzipContent(String name, InputStream gzip) {
      super(gzip);
      this.name = name;
    }

    static GzipContent open(String name, InputStream raw) throws IOException {
      try {
        return new GzipContent(name, new GZIPInputStream(raw));
      } catch (ZipException | EOFException e) {
        throw corrupt(name, e);
      }
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (ZipException | EOFException e) {
        throw corrupt(name, e);
      }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      try {
        return super.read(buffer, offset, length);
      } catch (ZipException | EOFException e) {
        throw corrupt(name, e);
      }
    }

    private static InvalidInputException corrupt(String name, IOException e) {
      return new InvalidInputException(name + ": corrupt gzip data: " + e.getMessage(), e);
    }
  }
}
