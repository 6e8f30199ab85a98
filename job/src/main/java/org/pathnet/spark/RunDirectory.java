package org.pathnet.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pathnet.InvalidInputException;

/**
 * A study's output directory, reached through Hadoop's FileSystem so that file://, hdfs:// and s3a:// all
 * work. It is claimed before any work (absent, empty, or with --overwrite a complete run) and reads as complete
 * only once {@code manifest.json}, written last and atomically, says {@code "status": "complete"}.
 */
public final class RunDirectory {
  public static final String CONFIG = "config.properties";
  public static final String MANIFEST = "manifest.json";
  /** The manifest's field, and its value once the study has finished writing everything. */
  public static final String STATUS = "status";
  public static final String COMPLETE = "complete";

  private final FileSystem fs;
  private final Path root;

  private RunDirectory(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  /**
   * Claims {@code uri} for a new study; call it only once every other input has been checked. An absent or empty
   * directory is used. One that holds a complete run is refused, or with {@code overwrite} emptied (its manifest
   * first, so that an interrupted delete never leaves it reading as complete). Anything else, such as the remains
   * of an interrupted study, is refused and never deleted.
   */
  public static RunDirectory claim(String uri, boolean overwrite, Configuration hadoop) {
    try {
      Path path = new Path(uri);
      FileSystem fs = path.getFileSystem(hadoop);
      Path root = fs.makeQualified(path);
      if (!fs.exists(root)) {
        if (!fs.mkdirs(root)) {
          throw new InvalidInputException("--out " + uri + ": cannot create the directory (expected a path the job"
              + " can create)");
        }
        return new RunDirectory(fs, root);
      }
      if (!fs.getFileStatus(root).isDirectory()) {
        throw new InvalidInputException("--out " + uri + ": exists and is not a directory (expected a directory)");
      }
      FileStatus[] content = fs.listStatus(root);
      if (content.length == 0) {
        return new RunDirectory(fs, root);
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
      return new RunDirectory(fs, root);
    } catch (IOException | IllegalArgumentException e) {
      // Hadoop reports a malformed URI or an unknown hdfs:// host as IllegalArgumentException.
      throw new InvalidInputException("--out " + uri + ": cannot be written, expected a directory the job can create"
          + " and write: " + e.getMessage(), e);
    }
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
