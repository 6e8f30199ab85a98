package org.pathnet.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * A checkpoint's directory as seen from wherever the runs play, in this process or in a Spark executor: each shard
 * of runs writes its parameters into a file of its own there ({@link ShardFile}), and a resumed study reads them back
 * the same way, in parallel.
 */
public interface ShardFiles extends Serializable {
  /** A new file {@code name} in the directory, replacing one a failed attempt may have left. */
  OutputStream create(String name) throws IOException;

  /** The file {@code name} in the directory, to read. */
  InputStream open(String name) throws IOException;
}
