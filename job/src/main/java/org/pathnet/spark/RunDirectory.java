package org.pathnet.spark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.pathnet.InvalidInputException;

/**
 * A study's output directory, reached through Hadoop's FileSystem so that file://, hdfs:// and s3a:// all
 * work. It is claimed before any work (it must be absent or empty) and reads as complete only once
 * {@code manifest.json}, written last and atomically, says {@code "status": "complete"}.
 */
public final class RunDirectory {
  public static final String CONFIG = "config.properties";
  public static final String MANIFEST = "manifest.json";

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
