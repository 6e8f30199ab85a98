package org.pathnet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A bad-input message stays one line even when it quotes a lower layer's message that is not. */
class InvalidInputExceptionTest {
  @Test
  void keepsOnlyTheFirstLine() {
    IOException remote = new IOException("Permission denied: user=me, access=WRITE\n\tat org.apache.hadoop.hdfs");
    InvalidInputException e = new InvalidInputException("--out hdfs://nn/runs: cannot be written, expected a "
        + "directory the job can create and write: " + remote.getMessage(), remote);

    assertEquals("--out hdfs://nn/runs: cannot be written, expected a directory the job can create and write: "
        + "Permission denied: user=me, access=WRITE", e.getMessage());
    assertEquals(remote, e.getCause());
  }
}
