package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Something a test needs from the machine that {@code .ci/run} installs as Debian packages: where it is absent
 * the test is skipped with a message saying how to install it, except under {@code CI=true}, where its absence
 * is a failure, so that CI never passes by skipping.
 */
final class CiPrerequisite {
  private CiPrerequisite() {}

  /**
   * Skips the calling test, or fails it under {@code CI=true}, unless {@code present}.
   *
   * @param what what is needed, as the messages name it, e.g. "Fashion-MNIST under /usr/share/datasets/..."
   * @param packages the Debian packages that install it, space-separated
   */
  static void require(String what, boolean present, String packages) {
    if (!present && "true".equals(System.getenv("CI"))) {
      fail("CI=true but " + what + " is missing (.ci/run installs " + packages + ")");
    }
    Assumptions.assumeTrue(present, what + " is not installed; skipped (apt-get install -y " + packages + ")");
  }
}
