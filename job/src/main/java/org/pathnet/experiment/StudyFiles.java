package org.pathnet.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * A directory of a study's own files as seen from wherever they are written or read, the driver or a Spark executor:
 * a checkpoint's, where each shard of runs writes its parameters into a file of its own ({@link ShardFile}) and a
 * resumed study reads them back the same way, in parallel; and the one the driver writes its generation rows into
 * ({@link RowFile}), which the Spark tasks that build the table read.
 */
public interface StudyFiles extends Serializable {
  /** A new file {@code name} in the directory, replacing one a failed attempt may have left. */
  OutputStream create(String name) throws IOException;

  /** The file {@code name} in the directory, to read. */
  InputStream open(String name) throws IOException;
}
