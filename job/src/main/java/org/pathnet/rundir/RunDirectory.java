package org.pathnet.rundir;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.StudyFiles;

/**
 * A study's output directory, reached through Hadoop's FileSystem so that file://, hdfs:// and s3a:// all
 * work. It is claimed before any work (absent, empty, or with --overwrite a complete run), by one driver at a time
 * ({@link DirectoryClaim}, given back with {@link #release}), and reads as complete
 * only once {@code manifest.json}, written last and atomically, says {@code "status": "complete"}. A complete directory can
 * be opened again to rebuild its {@code report/} sub-directory; its tables are never touched.
 */
public final class RunDirectory {
  /** The result tables, each a Parquet directory. */
  public static final String RUNS = "runs";
  public static final String GENERATIONS = "generations";
  public static final String SUMMARY = "summary";
  /** The transfer map's cells, in a study that has a map (several variants on several pairs). */
  public static final String TRANSFER_MAP = "transferMap";
  public static final String CONFIG = "config.properties";
  public static final String MANIFEST = "manifest.json";
  public static final String REPORT = "report";
  /** The manifest's field, and its value once the study has finished writing everything. */
  public static final String STATUS = "status";
  public static final String COMPLETE = "complete";
  /** The file that names the driver writing the directory while it runs ({@link DirectoryClaim}). */
  public static final String CLAIM = DirectoryClaim.FILE;
  /** The manifest's fields that count the rows of the runs and generations tables. */
  public static final String RUN_ROWS = "runRows";
  public static final String GENERATION_ROWS = "generationRows";
  private static final Map<String, String> ROW_COUNTS = Map.of(RUNS, RUN_ROWS, GENERATIONS,
      GENERATION_ROWS);
  private static final String CHECKPOINT_PREFIX = "checkpoint-";
  /** The driver's file in a checkpoint directory, beside the shard files executors write ({@code Checkpoint}). */
  private static final String CHECKPOINT_STUDY = "study.bin";
  /** Where Spark cuts the runs' lineage on a cluster, while the study runs (docs/DESIGN.md, "Data flow"). */
  private static final String LINEAGE = "lineage";
  /** Where the study writes its generation rows as it logs them, until its table is written. */
  private static final String GENERATION_ROWS_DIRECTORY = "generation-rows";
  /** How long a failed write keeps trying to remove its temporary. */
  private static final long TEMPORARY_REMOVAL_SECONDS = 10;

  private final FileSystem fs;
  private final Path root;
  /** This driver's claim on the directory; null when it only reads it (a report rebuilt). */
  private final DirectoryClaim claim;

  private RunDirectory(FileSystem fs, Path root, DirectoryClaim claim) {
    this.fs = fs;
    this.root = root;
    this.claim = claim;
  }

  /**
   * Claims {@code uri} for a new study; call it only once every other input has been checked. An absent or empty
   * directory is used. One that holds a complete run is refused, or with {@code overwrite} emptied (its manifest
   * first, so that an interrupted delete never leaves it reading as complete). Anything else, such as the remains
   * of an interrupted study, is refused and never deleted. The claim ({@link DirectoryClaim}) is taken before the
   * directory is looked into, so that of two studies started against it at once one is refused; a refusal gives it
   * back.
   */
  public static RunDirectory claim(String uri, boolean overwrite, Configuration hadoop) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(path);
      if (fs.exists(root) && !fs.getFileStatus(root).isDirectory()) {
        throw new InvalidInputException("--out " + uri + ": exists and is not a directory (expected a directory)");
      }
      if (!fs.mkdirs(root)) {
        throw new InvalidInputException("--out " + uri + ": cannot create the directory (expected a path the job"
            + " can create)");
      }
      RunDirectory directory = new RunDirectory(fs, root, DirectoryClaim.take(fs, root, "--out", uri));
      try {
        directory.empty(uri, overwrite);
      } catch (IOException | RuntimeException e) {
        directory.release();
        throw e;
      }
      return directory;
    } catch (IOException | IllegalArgumentException e) {
      // Hadoop reports a malformed URI or an unknown hdfs:// host as IllegalArgumentException.
      throw new InvalidInputException("--out " + uri + ": cannot be written, expected a directory the job can create"
          + " and write: " + e.getMessage(), e);
    }
  }

  /**
   * Leaves the claimed directory empty but for the claim: it is so already, or it holds a complete run that
   * {@code overwrite} allows to be deleted. Anything else is refused.
   */
  private void empty(String uri, boolean overwrite) throws IOException {
    FileStatus[] content = fs.listStatus(root, p -> !p.getName().equals(DirectoryClaim.FILE));
    if (content.length == 0) {
      return;
    }
    if (!isComplete(fs, root)) {
      throw new InvalidInputException("--out " + uri + ": directory is not empty and holds no complete run (no "
          + MANIFEST + " saying complete); continue an interrupted study with ./submit.sh --resume " + uri
          + ", or choose an absent or empty directory" + (overwrite ? " (--overwrite replaces only a complete run)"
          : ""));
    }
    if (!overwrite) {
      throw new InvalidInputException("--out " + uri + ": holds a complete run; choose another directory, or add"
          + " --overwrite to replace it");
    }
    fs.delete(new Path(root, MANIFEST), false);
    for (FileStatus entry : content) {
      if (!fs.delete(entry.getPath(), true) && fs.exists(entry.getPath())) {
        throw new IOException("cannot delete " + entry.getPath());
      }
    }
  }

  /**
   * Opens and claims {@code uri} to continue the study in it: it must hold a study that is not complete and has a
   * checkpoint, and no other driver may be writing it. A complete study, or one without a checkpoint, is refused with
   * the reason.
   */
  public static RunDirectory forResume(String uri, Configuration hadoop) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(path);
      if (!fs.isDirectory(root)) {
        throw new InvalidInputException("--resume " + uri + ": no such run directory");
      }
      RunDirectory directory = new RunDirectory(fs, root, DirectoryClaim.take(fs, root, "--resume", uri));
      try {
        if (directory.isComplete()) {
          throw new InvalidInputException("--resume " + uri + ": the study is already complete (its manifest.json"
              + " says so); there is nothing to resume");
        }
        if (directory.latestCheckpoint() == null) {
          throw new InvalidInputException("--resume " + uri + ": no checkpoint to resume from (set"
              + " spark.pathnet.checkpointEvery > 0 to write them; this study stopped before its first)");
        }
      } catch (IOException | RuntimeException e) {
        directory.release();
        throw e;
      }
      return directory;
    } catch (IOException e) {
      throw new InvalidInputException("--resume " + uri + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Opens the complete run directory {@code uri}: its manifest says complete and it holds the {@code tables}, each
   * file of them whole Parquet and, where the manifest counts a table's rows, holding that many rows between them.
   * Anything else (a table damaged, truncated or emptied after the study) is refused with a one-line
   * {@link InvalidInputException}.
   */
  public static RunDirectory open(String uri, Configuration hadoop, List<String> tables) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(path);
      if (!fs.isDirectory(root)) {
        throw new InvalidInputException(uri + ": no such run directory");
      }
      if (!isComplete(fs, root)) {
        throw new InvalidInputException(uri + ": no complete " + MANIFEST + " (expected the directory of a "
            + "finished study)");
      }
      for (String table : tables) {
        if (!fs.isDirectory(new Path(root, table))) {
          throw new InvalidInputException(uri + ": has no " + table + "/ table (expected " + String.join(", ", tables)
              + ")");
        }
      }
      RunDirectory directory = new RunDirectory(fs, root, null);
      JsonNode manifest = directory.readManifest();
      for (String table : tables) {
        long rows = directory.parquetRows(table);
        JsonNode counted = manifest.path(ROW_COUNTS.getOrDefault(table, ""));
        if (counted.isIntegralNumber() && counted.asLong() != rows) {
          throw new InvalidInputException(uri + "/" + table + ": holds " + rows + " rows but " + MANIFEST + " counts "
              + counted.asLong() + " (expected the table the study wrote; was it changed or truncated?)");
        }
      }
      return directory;
    } catch (IOException e) {
      throw new InvalidInputException(uri + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** Whether the directory holds the table {@code table}. */
  public boolean hasTable(String table) throws IOException {
    return fs.isDirectory(new Path(root, table));
  }

  /** A top-level field of {@code manifest.json} as text, "" when the manifest lacks it. */
  public String manifestField(String name) throws IOException {
    return readManifest().path(name).asText("");
  }

  /** The SHA-256 of each data file the study read, by file name, as its manifest records them. */
  public Map<String, String> dataChecksums() throws IOException {
    Map<String, String> checksums = new TreeMap<>();
    readManifest().path("data").path("sha256").fields()
        .forEachRemaining(file -> checksums.put(file.getKey(), file.getValue().asText()));
    return checksums;
  }

  private JsonNode readManifest() throws IOException {
    try (InputStream in = fs.open(new Path(root, MANIFEST))) {
      return new ObjectMapper().readTree(in);
    }
  }

  /**
   * The rows of {@code table} by its Parquet files' footers (the data files: Spark skips names starting with _ or
   * .); a file that is not whole Parquet is refused by name.
   */
  private long parquetRows(String table) throws IOException {
    long rows = 0;
    for (FileStatus file : fs.listStatus(new Path(root, table), p -> !p.getName().startsWith("_")
        && !p.getName().startsWith("."))) {
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromStatus(file, fs.getConf()))) {
        rows += reader.getRecordCount();
      } catch (IOException | RuntimeException e) {
        throw new InvalidInputException(file.getPath() + ": not a whole Parquet file, the " + table + " table is"
            + " damaged (" + e.getMessage() + ")", e);
      }
    }
    return rows;
  }

  /**
   * Gives up this driver's claim on the directory (see {@link DirectoryClaim}), so another study may write it; a
   * failure to do so is only reported, as the study's own outcome matters more.
   */
  public void release() {
    if (claim == null) {
      return;
    }
    try {
      claim.release();
    } catch (IOException e) {
      System.err.println("pathnet: warning: cannot remove the claim " + DirectoryClaim.FILE + " from " + uri() + " ("
          + e.getMessage() + "); remove it before another study writes there");
    }
  }

  /** True when {@code manifest.json} exists and says {@code "status": "complete"}. */
  public boolean isComplete() throws IOException {
    return isComplete(fs, root);
  }

  /**
   * Whether {@code uri} holds a complete run: a {@code manifest.json} that says {@code "status": "complete"}. A
   * study that was stopped at any moment before its end leaves no such file.
   */
  public static boolean isComplete(String uri, Configuration hadoop) throws IOException {
    Path path = new Path(uri);
    FileSystem fs = path.getFileSystem(hadoop);
    return isComplete(fs, fs.makeQualified(path));
  }

  private static boolean isComplete(FileSystem fs, Path root) throws IOException {
    Path manifest = new Path(root, MANIFEST);
    if (!fs.exists(manifest)) {
      return false;
    }
    try (InputStream in = fs.open(manifest)) {
      return COMPLETE.equals(new ObjectMapper().readTree(in).path(STATUS).asText());
    } catch (JsonProcessingException | ChecksumException e) {
      // Cut short, or changed behind Hadoop's back: nothing to trust, so nothing to replace either.
      return false;
    }
  }

  /**
   * Writes a checkpoint for round {@code round}, the directory {@code checkpoint-ROUND}: the shard files and the
   * driver's {@code study.bin} go into a hidden temporary directory, which one rename commits, so a kill at any
   * moment leaves the previous checkpoint or the new one whole; then older ones are removed. A checkpoint of that
   * round already written is kept as it is (the study's last round, which a final checkpoint would repeat).
   */
  public void writeCheckpoint(int round, CheckpointContent content) throws IOException {
    String name = String.format(Locale.ROOT, "%s%06d", CHECKPOINT_PREFIX, round);
    Path target = new Path(root, name);
    if (fs.exists(target)) {
      return;
    }
    Path temporary = new Path(root, "." + name + ".tmp");
    writing(target, temporary, () -> {
      fs.delete(temporary, true); // what an attempt killed before its rename left
      if (!fs.mkdirs(temporary)) {
        throw new IOException("cannot create " + temporary);
      }
      try (OutputStream study = fs.create(new Path(temporary, CHECKPOINT_STUDY), false)) {
        content.writeTo(new DirectoryFiles(temporary, fs.getConf()), study);
      }
      if (!fs.rename(temporary, target)) {
        throw new IOException("cannot rename " + temporary + " to " + target);
      }
    });
    for (FileStatus old : checkpoints()) {
      if (!old.getPath().getName().equals(name)) {
        fs.delete(old.getPath(), true);
      }
    }
  }

  /** Writes a checkpoint: the runs' parameters into the shard {@code files}, the rest into {@code study}. */
  @FunctionalInterface
  public interface CheckpointContent {
    void writeTo(StudyFiles files, OutputStream study) throws IOException;
  }

  /** The newest checkpoint's path, or null when there is none. */
  public Path latestCheckpoint() throws IOException {
    Path latest = null;
    for (FileStatus status : checkpoints()) {
      if (latest == null || status.getPath().getName().compareTo(latest.getName()) > 0) {
        latest = status.getPath();
      }
    }
    return latest;
  }

  /**
   * Opens {@code checkpoint}'s driver file for reading. A checkpoint of format 3 or older is one file, which opens
   * as it is: its header then says which format it is, and reading it refuses it in one line.
   */
  public InputStream openCheckpoint(Path checkpoint) throws IOException {
    return fs.open(fs.getFileStatus(checkpoint).isDirectory() ? new Path(checkpoint, CHECKPOINT_STUDY) : checkpoint);
  }

  /** The shard files of {@code checkpoint}, as wherever the runs play reads them. */
  public StudyFiles checkpointShards(Path checkpoint) {
    return new DirectoryFiles(checkpoint, fs.getConf());
  }

  /**
   * Before a resumed study writes its outputs: removes what a killed study may have left half-written (tables,
   * temporary files), keeping the configuration, the checkpoints and the row files they list. Nothing else there was
   * complete.
   */
  public void removeUnfinishedOutputs() throws IOException {
    for (FileStatus status : fs.listStatus(root)) {
      String name = status.getPath().getName();
      boolean keep = name.equals(CONFIG) || name.equals(DirectoryClaim.FILE) || name.startsWith(CHECKPOINT_PREFIX)
          || name.equals(GENERATION_ROWS_DIRECTORY);
      if (!keep) {
        fs.delete(status.getPath(), true);
      }
    }
  }

  /**
   * Removes every checkpoint and the row files: a complete study does not need them (its tables hold the rows, and
   * the checkpoints every unfinished run's parameters).
   */
  public void removeCheckpoints() throws IOException {
    for (FileStatus status : checkpoints()) {
      fs.delete(status.getPath(), true);
    }
    fs.delete(new Path(root, LINEAGE), true);
    fs.delete(new Path(root, GENERATION_ROWS_DIRECTORY), true);
  }

  /**
   * The directory the study writes its generation rows into as it logs them ({@code GenerationLog}), created if need
   * be, as the driver and the Spark tasks that build the table reach it.
   */
  public StudyFiles generationRows() throws IOException {
    Path rows = new Path(root, GENERATION_ROWS_DIRECTORY);
    if (!fs.mkdirs(rows)) {
      throw new IOException("cannot create " + rows);
    }
    return new DirectoryFiles(rows, fs.getConf());
  }

  /** The directory under which Spark keeps the runs' state it cuts from their lineage, a cluster's executors too. */
  public String lineage() {
    return new Path(root, LINEAGE).toString();
  }

  private FileStatus[] checkpoints() throws IOException {
    return fs.listStatus(root, p -> p.getName().startsWith(CHECKPOINT_PREFIX));
  }


  /** The directory's fully qualified URI, e.g. {@code file:/home/me/runs/20261126-190000}. */
  public String uri() {
    return root.toString();
  }

  /** Writes {@code config.properties}: the resolved settings, usable again as {@code --properties-file}. */
  public void writeConfig(Map<String, String> settings) throws IOException {
    StringBuilder text = new StringBuilder("# The resolved settings of this study (spark-submit --properties-file)\n");
    settings.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    writeAtomically(CONFIG, text.toString());
  }

  /** Writes {@code manifest.json}; call it last, so the directory reads as complete only when it is. */
  public void writeManifest(Map<String, Object> manifest) throws IOException {
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    writeAtomically(MANIFEST, json.writeValueAsString(manifest) + "\n");
  }

  /** The settings {@code config.properties} records, {@code spark.pathnet.KEY -> VALUE}. */
  public Map<String, String> readConfig() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = fs.open(new Path(root, CONFIG))) {
      properties.load(in);
    }
    Map<String, String> config = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(k -> config.put(k, properties.getProperty(k)));
    return config;
  }

  /**
   * Writes {@code files} (name to content) as the {@code report/} sub-directory, replacing an existing one: they
   * are written into a hidden sibling first, so a failed rebuild leaves the old report in place.
   */
  public void writeReport(Map<String, byte[]> files) throws IOException {
    Path report = new Path(root, REPORT);
    Path temporary = new Path(root, "." + REPORT + ".tmp");
    fs.delete(temporary, true);
    writing(report, temporary, () -> {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        try (OutputStream out = fs.create(new Path(temporary, file.getKey()), false)) {
          out.write(file.getValue());
        }
      }
      if (fs.exists(report) && !fs.delete(report, true)) {
        throw new IOException("cannot replace " + report);
      }
      if (!fs.rename(temporary, report)) {
        throw new IOException("cannot rename " + temporary + " to " + report);
      }
    });
  }

  /** Write to a hidden temporary name, then rename: readers never see a half-written file. */
  private void writeAtomically(String name, String content) {
    Path target = new Path(root, name);
    Path temporary = new Path(root, "." + name + ".tmp");
    writing(target, temporary, () -> {
      try (OutputStream out = fs.create(temporary, true)) {
        out.write(content.getBytes(StandardCharsets.UTF_8));
      }
      // FileSystem's rename replaces an existing file on a local disk but not on HDFS (a resumed study's config)
      FileContext.getFileContext(root.toUri(), fs.getConf()).rename(temporary, target, Options.Rename.OVERWRITE);
    });
  }

  /** A write into the directory: what it does, which may fail. */
  @FunctionalInterface
  private interface Write {
    void run() throws IOException;
  }

  /**
   * Runs {@code write} of {@code target} by way of {@code temporary}; when it fails, the temporary goes and the
   * failure is a {@link WriteFailure}. Hadoop's local file system reports a full disk as an {@link FSError}.
   */
  private void writing(Path target, Path temporary, Write write) {
    try {
      write.run();
    } catch (Exception | FSError e) { // a Spark job's failure too, when executors write: checked, thrown undeclared
      Throwable io = WriteFailure.inputOutputCause(e);
      if (io == null) {
        throw e instanceof RuntimeException unexpected ? unexpected : new IllegalStateException(e);
      }
      removeTemporary(temporary);
      throw failure(target.toString(), io);
    }
  }

  /**
   * Removes what a failed write left at {@code temporary}, trying again for a moment: the shard files of a checkpoint
   * are written by Spark tasks, and those of a failed job's other tasks may still be writing into it. A temporary
   * that stays is hidden, and replaced by the next write.
   */
  private void removeTemporary(Path temporary) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TEMPORARY_REMOVAL_SECONDS);
    try {
      while (!fs.delete(temporary, true) && fs.exists(temporary) && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
    } catch (IOException | FSError e) {
      // the file system that failed the write may fail this too
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The failure to write {@code path} into this directory, for {@code cause}: one line naming both and what to do,
   * which depends on whether a checkpoint is left to continue from.
   */
  public WriteFailure failure(String path, Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    boolean resumable;
    try {
      resumable = checkpoints().length > 0;
    } catch (IOException | FSError e) {
      resumable = false;
    }
    return new WriteFailure("cannot write " + path + ": " + root.getMessage() + "; free space there or mend the"
        + " file system, then " + (resumable ? "continue the study with ./submit.sh --resume " + uri()
        : "run the study again into an empty directory (it has no checkpoint to continue from)"), cause);
  }
}
