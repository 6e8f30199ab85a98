package org.pathnet.rundir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.util.SerializableConfiguration;
import org.pathnet.experiment.StudyFiles;

/**
 * A directory of a run directory (a checkpoint's, or the generation rows'), reached through Hadoop's FileSystem from
 * wherever its files are written or read: the driver's Hadoop configuration travels with it, so that executors reach
 * hdfs:// or s3a:// as the driver does.
 */
final class DirectoryFiles implements StudyFiles {
  private final String directory;
  private final SerializableConfiguration hadoop;

  DirectoryFiles(Path directory, Configuration hadoop) {
    this.directory = directory.toString();
    this.hadoop = new SerializableConfiguration(hadoop);
  }

  /**
   * Never creates the directory: a Spark task of a failed checkpoint's job that writes after the driver has removed
   * the directory then fails, rather than leave it behind.
   */
  @Override
  public OutputStream create(String name) throws IOException {
    Path file = new Path(directory, name);
    FileSystem fs = file.getFileSystem(hadoop.value());
    return fs.createNonRecursive(file, true, fs.getConf().getInt("io.file.buffer.size", 4096),
        fs.getDefaultReplication(file), fs.getDefaultBlockSize(file), null);
  }

  @Override
  public InputStream open(String name) throws IOException {
    Path file = new Path(directory, name);
    return file.getFileSystem(hadoop.value()).open(file);
  }

  /** The directory's URI. */
  @Override
  public String toString() {
    return directory;
  }
}
