package org.pathnet.experiment;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pathnet.network.Architecture;

/**
 * The generation rows a study logs, a round at a time, on the driver. A log that writes into row files holds at most
 * {@link #ROWS_PER_FILE} of them: each full batch goes into a {@link RowFile}, so the driver's memory does not grow
 * with the generations a study plays, and the {@code generations} table is built from the files. A log without files
 * (an in-process study, a benchmark) holds every row.
 */
public final class GenerationLog {
  /**
   * Rows held before they are written: a few MB of file, some 16 MB of heap (a row is about 250 bytes there), and
   * few files for a Spark task each to read when the table is built.
   */
  public static final int ROWS_PER_FILE = 1 << 16;

  private final StudyFiles files;
  /** Each variant's architecture, by its label: what a row's path is checked against as it is read back. */
  private final Map<String, Architecture> architectures;
  private final int rowsPerFile;
  private final List<RowFile> written;
  private final List<GenerationRecord> held;

  private GenerationLog(StudyFiles files, Map<String, Architecture> architectures, int rowsPerFile,
      List<RowFile> written, List<GenerationRecord> held) {
    this.files = files;
    this.architectures = Map.copyOf(architectures);
    this.rowsPerFile = rowsPerFile;
    this.written = written;
    this.held = held;
  }

  /** A log that holds every row. */
  public static GenerationLog inMemory() {
    return new GenerationLog(null, Map.of(), Integer.MAX_VALUE, new ArrayList<>(), new ArrayList<>());
  }

  /**
   * A log that writes its rows into {@code files}, {@link #ROWS_PER_FILE} to a file, of a study whose variants have
   * {@code architectures} (by label).
   */
  public static GenerationLog writingTo(StudyFiles files, Map<String, Architecture> architectures) {
    return writingTo(files, architectures, ROWS_PER_FILE);
  }

  static GenerationLog writingTo(StudyFiles files, Map<String, Architecture> architectures, int rowsPerFile) {
    return new GenerationLog(files, architectures, rowsPerFile, new ArrayList<>(), new ArrayList<>());
  }

  /** A row file that could not be written: a full disk, a file system gone away. */
  public static final class WriteFailed extends UncheckedIOException {
    private final String path;

    WriteFailed(String path, IOException cause) {
      super("cannot write " + path, cause);
      this.path = path;
    }

    /** The row file's path. */
    public String path() {
      return path;
    }
  }

  /**
   * Logs {@code rows}, writing a row file once the log holds its worth.
   *
   * @throws WriteFailed when the file cannot be written
   */
  public void add(List<GenerationRecord> rows) {
    held.addAll(rows);
    if (held.size() >= rowsPerFile) {
      writeHeld();
    }
  }

  /**
   * Writes the rows the log holds into a last row file, so that every row is in {@link #files()}: once the study has
   * finished, before its table is built. A log without files keeps them.
   *
   * @return this log
   * @throws WriteFailed when the file cannot be written
   */
  public GenerationLog finish() {
    if (files != null && !held.isEmpty()) {
      writeHeld();
    }
    return this;
  }

  private void writeHeld() {
    String name = RowFile.name(written.size());
    try {
      written.add(RowFile.write(files, name, held));
    } catch (IOException e) {
      throw new WriteFailed(files + "/" + name, e);
    }
    held.clear();
  }

  /** The row files written so far, in the order of their rows. */
  public List<RowFile> files() {
    return List.copyOf(written);
  }

  /** Where the row files are; null for a log without files. */
  public StudyFiles directory() {
    return files;
  }

  /** The architecture of each variant, by label, that the rows' paths fit. */
  public Map<String, Architecture> architectures() {
    return architectures;
  }

  /** Rows logged in all. */
  public long count() {
    return written.stream().mapToLong(RowFile::rows).sum() + held.size();
  }

  /**
   * Every row logged, in order, read back from the files where need be: for a small study, whose rows fit in memory.
   */
  public List<GenerationRecord> rows() throws IOException {
    List<GenerationRecord> rows = new ArrayList<>();
    for (RowFile file : written) {
      rows.addAll(file.read(files, architectures));
    }
    rows.addAll(held);
    return rows;
  }

  /** Writes what a checkpoint keeps of the log: each row file's entry (name, rows, checksum), then the rows held. */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(written.size());
    for (RowFile file : written) {
      out.writeUTF(file.name());
      out.writeInt(file.rows());
      out.writeLong(file.checksum());
    }
    out.writeInt(held.size());
    for (GenerationRecord row : held) {
      row.writeTo(out);
    }
  }

  /**
   * The log a checkpoint kept ({@link #writeTo}), continuing into {@code files}. Each row
   * file it lists is read and checked now, one at a time, so that a damaged one is refused before any round plays
   * rather than when the table is built.
   */
  static GenerationLog readFrom(DataInput in, StudyFiles files, Map<String, Architecture> architectures)
      throws IOException {
    int count = in.readInt();
    if (count < 0) {
      throw new IOException("checkpoint lists " + count + " row files");
    }
    List<RowFile> written = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String name = in.readUTF();
      if (!name.equals(RowFile.name(i))) {
        throw new IOException("checkpoint lists row file " + name + " where " + RowFile.name(i) + " belongs");
      }
      int rows = in.readInt();
      if (rows < 1) {
        throw new IOException("checkpoint lists " + rows + " rows in " + name);
      }
      written.add(new RowFile(name, rows, in.readLong()));
    }
    int heldCount = in.readInt();
    if (heldCount < 0) {
      throw new IOException("checkpoint holds " + heldCount + " rows");
    }
    List<GenerationRecord> held = new ArrayList<>();
    for (int i = 0; i < heldCount; i++) {
      held.add(GenerationRecord.readFrom(in, architectures));
    }
    for (RowFile file : written) {
      file.read(files, architectures);
    }
    return new GenerationLog(files, architectures, ROWS_PER_FILE, written, held);
  }
}
