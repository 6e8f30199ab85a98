package org.pathnet.experiment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The framing a checkpoint's shard and row files share, so that each checks itself wherever it is copied (Hadoop's
 * {@code .crc} side file stays behind): ASCII magic bytes, the file's own content, then the CRC32C of every byte
 * before it (long), which the checkpoint's entry for the file repeats. A file that cannot be read is refused by
 * name: an IOException whose message starts with it.
 */
final class CheckedFile {
  private CheckedFile() {}

  /** Writes a file's content. */
  @FunctionalInterface
  interface Content {
    void writeTo(DataOutputStream out) throws IOException;
  }

  /** Reads a file's content, throwing an IOException that says what is wrong with it. */
  @FunctionalInterface
  interface Reader<T> {
    T readFrom(DataInputStream in) throws IOException;
  }

  /** Writes {@code magic}, {@code content} and their checksum into {@code files} as {@code name}; the checksum. */
  static long write(StudyFiles files, String name, byte[] magic, Content content) throws IOException {
    CRC32C checksum = new CRC32C();
    try (OutputStream target = files.create(name)) {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(target, checksum),
          1 << 16));
      out.write(magic);
      content.writeTo(out);
      out.flush();
      new DataOutputStream(target).writeLong(checksum.getValue());
    }
    return checksum.getValue();
  }

  /**
   * Reads {@code name} from {@code files} with {@code reader}, after its {@code magic}, and checks its checksum
   * against the file's own and the {@code expected} one the checkpoint lists; a file cut short lacks some of its
   * {@code items}.
   */
  static <T> T read(StudyFiles files, String name, byte[] magic, long expected, String items, Reader<T> reader)
      throws IOException {
    try {
      CRC32C computed = new CRC32C();
      T read;
      try (InputStream source = new BufferedInputStream(files.open(name), 1 << 16)) {
        DataInputStream in = new DataInputStream(new CheckedInputStream(source, computed));
        if (!Arrays.equals(magic, in.readNBytes(magic.length))) {
          throw new IOException("it does not start with " + new String(magic, StandardCharsets.US_ASCII));
        }
        read = reader.readFrom(in);
        long own = computed.getValue();
        long stored = new DataInputStream(source).readLong();
        if (own != stored || stored != expected) {
          throw new IOException("its contents do not match its checksum: the file is damaged or truncated");
        }
      }
      return read;
    } catch (EOFException e) {
      throw new IOException(name + ": it is shorter than its " + items + ": the file is truncated", e);
    } catch (IOException e) {
      throw new IOException(name + ": " + e.getMessage(), e);
    }
  }
}
