package org.pathnet.rundir;

/**
 * A write into a run directory that failed (a full disk, a file system gone away): its message is the one line the
 * job ends with, naming the path, the cause and what to do. The directory's last good checkpoint stays as it was.
 */
public final class WriteFailure extends RuntimeException {
  WriteFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
