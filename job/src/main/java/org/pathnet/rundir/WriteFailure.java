package org.pathnet.rundir;

import java.io.IOException;
import org.apache.hadoop.fs.FSError;

/**
 * A write into a run directory that failed (a full disk, a file system gone away): its message is the one line the
 * job ends with, naming the path, the cause and what to do. The directory's last good checkpoint stays as it was.
 */
public final class WriteFailure extends RuntimeException {
  WriteFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The input or output error that {@code failure} is or was caused by (Hadoop's local file system reports a full
   * disk as an {@link FSError}), null when it is none: a failure a run directory's one line can name.
   */
  public static Throwable inputOutputCause(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof IOException || cause instanceof FSError) {
        return cause;
      }
    }
    return null;
  }
}
