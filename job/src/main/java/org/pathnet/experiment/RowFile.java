package org.pathnet.experiment;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnet.network.Architecture;

/**
 * One file of a study's generation rows, in the order they were logged: the driver writes one whenever it holds
 * {@link GenerationLog}'s worth, so that it never holds them all, and the table is built from the files in Spark
 * tasks. A checkpoint lists every file written by this entry: its name, its rows and its checksum; a file is never
 * written again under a name a checkpoint lists. A documented binary layout written with
 * {@link java.io.DataOutput}; no Java object is ever deserialized:
 * <pre>
 *   the 12 ASCII bytes "PATHNET-ROWS", format version (int, the checkpoint's)
 *   rows: count, then each row ({@code GenerationRecord.writeTo})
 *   checksum: the CRC32C of every byte above (long), which the checkpoint's entry repeats
 * </pre>
 * Reading checks the header, the count and the checksum against both the file's and the entry's; a file damaged
 * on the way, or written again by a study killed after the checkpoint, is refused by name.
 */
public record RowFile(String name, int rows, long checksum) implements Serializable {
  private static final byte[] MAGIC = "PATHNET-ROWS".getBytes(StandardCharsets.US_ASCII);

  /** The name of the study's row file number {@code number}, counted from 0. */
  static String name(int number) {
    return String.format(Locale.ROOT, "rows-%06d.bin", number);
  }

  /** Writes {@code rows} into {@code files} as {@code name}, replacing a file of that name that no checkpoint lists. */
  static RowFile write(StudyFiles files, String name, List<GenerationRecord> rows) throws IOException {
    long checksum = CheckedFile.write(files, name, MAGIC, out -> {
      out.writeInt(Checkpoint.VERSION);
      out.writeInt(rows.size());
      for (GenerationRecord row : rows) {
        row.writeTo(out);
      }
    });
    return new RowFile(name, rows.size(), checksum);
  }

  /** The file's rows, read from {@code files}; each row's path must fit its variant's architecture. */
  public List<GenerationRecord> read(StudyFiles files, Map<String, Architecture> architectures) throws IOException {
    return CheckedFile.read(files, name, MAGIC, checksum, "rows", in -> {
      int version = in.readInt();
      if (version != Checkpoint.VERSION) {
        throw new IOException("it is of format " + version + ", the checkpoint of format " + Checkpoint.VERSION);
      }
      int count = in.readInt();
      if (count != rows) {
        throw new IOException("it holds " + count + " rows, the checkpoint lists " + rows);
      }
      List<GenerationRecord> read = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        read.add(GenerationRecord.readFrom(in, architectures));
      }
      return read;
    });
  }
}
