package org.pathnet.spark;

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
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pathnet.InvalidInputException;

/**
 * A study's output directory, reached through Hadoop's FileSystem so that file://, hdfs:// and s3a:// all
 * work. It is claimed before any work (it must be absent or empty) and reads as complete only once
 * {@code manifest.json}, written last and atomically, says {@code "status": "complete"}. A complete directory can
 * be opened again to rebuild its {@code report/} sub-directory; its tables are never touched.
 */
public final class RunDirectory {
  public static final String CONFIG = "config.properties";
  public static final String MANIFEST = "manifest.json";
  public static final String REPORT = "report";
  private static final String CHECKPOINT_PREFIX = "checkpoint-";
  private static final String CHECKPOINT_SUFFIX = ".bin";

  private final FileSystem fs;
  private final Path root;

  private RunDirectory(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /** Claims {@code uri}: creates it, or accepts it when it is an empty directory; refuses anything else. */
  public static RunDirectory claim(String uri, Configuration hadoop) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(path);
      if (fs.exists(root)) {
        FileStatus status = fs.getFileStatus(root);
        if (!status.isDirectory()) {
          throw new InvalidInputException("--out " + uri + ": exists and is not a directory");
        }
        if (fs.listStatus(root).length > 0) {
          throw new InvalidInputException("--out " + uri + ": directory is not empty (expected absent or empty)");
        }
      } else if (!fs.mkdirs(root)) {
        throw new InvalidInputException("--out " + uri + ": cannot create the directory");
      }
      return new RunDirectory(fs, root);
    } catch (IOException e) {
      throw new InvalidInputException("--out " + uri + ": cannot be written (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Opens {@code uri} to continue the study in it: it must hold a study that is not complete and has a
   * checkpoint. A complete study, or one without a checkpoint, is refused with the reason.
   */
  public static RunDirectory forResume(String uri, Configuration hadoop) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(path);
      if (!fs.isDirectory(root)) {
        throw new InvalidInputException("--resume " + uri + ": no such run directory");
      }
      RunDirectory directory = new RunDirectory(fs, root);
      if (directory.isComplete()) {
        throw new InvalidInputException("--resume " + uri + ": the study is already complete (its manifest.json says"
            + " so); there is nothing to resume");
      }
      if (directory.latestCheckpoint() == null) {
        throw new InvalidInputException("--resume " + uri + ": no checkpoint to resume from (set"
            + " spark.pathnet.checkpointEvery > 0 to write them; this study stopped before its first)");
      }
      return directory;
    } catch (IOException e) {
      throw new InvalidInputException("--resume " + uri + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** True when {@code manifest.json} exists and says {@code "status": "complete"}. */
  public boolean isComplete() throws IOException {
    Path manifest = new Path(root, MANIFEST);
    return fs.isFile(manifest) && "complete".equals(status(fs, manifest));
  }

  /**
   * Writes a checkpoint for round {@code round}: {@code checkpoint-ROUND.bin} via a hidden temporary file and a
   * rename, so a kill at any moment leaves the previous checkpoint or the new one whole; then removes older ones.
   */
  public void writeCheckpoint(int round, CheckpointContent content) throws IOException {
    String name = String.format(Locale.ROOT, "%s%06d%s", CHECKPOINT_PREFIX, round, CHECKPOINT_SUFFIX);
    Path target = new Path(root, name);
    Path temporary = new Path(root, "." + name + ".tmp");
    try (OutputStream out = fs.create(temporary, true)) {
      content.writeTo(out);
    }
    if (!fs.rename(temporary, target)) {
      throw new IOException("cannot rename " + temporary + " to " + target);
    }
    for (FileStatus old : checkpoints()) {
      if (!old.getPath().getName().equals(name)) {
        fs.delete(old.getPath(), false);
      }
    }
  }

  /** Writes a checkpoint's bytes. */
  @FunctionalInterface
  public interface CheckpointContent {
    void writeTo(OutputStream out) throws IOException;
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

  /** Opens {@code checkpoint} for reading. */
  public InputStream openCheckpoint(Path checkpoint) throws IOException {
    return fs.open(checkpoint);
  }

  /**
   * Before a resumed study writes its outputs: removes what a killed study may have left half-written (tables,
   * temporary files), keeping the configuration and the checkpoints. Nothing there was complete.
   */
  public void removeUnfinishedOutputs() throws IOException {
    for (FileStatus status : fs.listStatus(root)) {
      String name = status.getPath().getName();
      boolean keep = name.equals(CONFIG) || (name.startsWith(CHECKPOINT_PREFIX) && name.endsWith(CHECKPOINT_SUFFIX));
      if (!keep) {
        fs.delete(status.getPath(), true);
      }
    }
  }

  /** Removes every checkpoint: a complete study does not need them (they hold every run's parameters). */
  public void removeCheckpoints() throws IOException {
    for (FileStatus status : checkpoints()) {
      fs.delete(status.getPath(), false);
    }
  }

  private FileStatus[] checkpoints() throws IOException {
    return fs.listStatus(root, p -> p.getName().startsWith(CHECKPOINT_PREFIX)
        && p.getName().endsWith(CHECKPOINT_SUFFIX));
  }

  /**
   * Opens the complete run directory {@code uri}: its manifest says complete and it holds the {@code tables}.
   * Anything else is refused with a one-line {@link InvalidInputException}.
   */
  public static RunDirectory open(String uri, Configuration hadoop, List<String> tables) {
    Path path = new Path(uri);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(path);
      if (!fs.isDirectory(root)) {
        throw new InvalidInputException(uri + ": no such run directory");
      }
      Path manifest = new Path(root, MANIFEST);
      if (!fs.isFile(manifest) || !"complete".equals(status(fs, manifest))) {
        throw new InvalidInputException(uri + ": no complete " + MANIFEST + " (expected the directory of a "
            + "finished study)");
      }
      for (String table : tables) {
        if (!fs.isDirectory(new Path(root, table))) {
          throw new InvalidInputException(uri + ": has no " + table + "/ table (expected " + String.join(", ", tables)
              + ")");
        }
      }
      return new RunDirectory(fs, root);
    } catch (IOException e) {
      throw new InvalidInputException(uri + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  private static String status(FileSystem fs, Path manifest) throws IOException {
    try (InputStream in = fs.open(manifest)) {
      JsonNode status = new ObjectMapper().readTree(in).get("status");
      return status == null ? null : status.asText();
    } catch (JsonProcessingException e) {
      return null;
    }
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
  }

  /** Write to a hidden temporary name, then rename: readers never see a half-written file. */
  private void writeAtomically(String name, String content) throws IOException {
    Path target = new Path(root, name);
    Path temporary = new Path(root, "." + name + ".tmp");
    try (OutputStream out = fs.create(temporary, false)) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    if (!fs.rename(temporary, target)) {
      throw new IOException("cannot rename " + temporary + " to " + target);
    }
  }
}
