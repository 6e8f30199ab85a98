package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Something a test class needs from the machine that {@code .ci/run} installs as Debian packages, registered as a
 * static {@code @RegisterExtension} field: where it is absent the class is skipped with a message saying how to
 * install it, except under {@code CI=true}, where its absence fails the class, so that CI never passes by
 * skipping. A condition rather than an assumption in {@code @BeforeAll}, because Surefire reports a class aborted
 * there as no tests at all and drops the message.
 */
final class CiPrerequisite implements ExecutionCondition, BeforeAllCallback {
  private final String what;
  private final boolean present;
  private final String packages;

  private CiPrerequisite(String what, boolean present, String packages) {
    this.what = what;
    this.present = present;
    this.packages = packages;
  }

  /**
   * @param what what is needed, as the messages name it, e.g. "Fashion-MNIST under /usr/share/datasets/..."
   * @param present whether the machine has it
   * @param packages the Debian packages that install it, space-separated
   */
  static CiPrerequisite of(String what, boolean present, String packages) {
    return new CiPrerequisite(what, present, packages);
  }

  private static boolean underCi() {
    return "true".equals(System.getenv("CI"));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    return present || underCi() ? ConditionEvaluationResult.enabled(what + " is installed or required")
        : ConditionEvaluationResult.disabled(what + " is not installed; skipped (apt-get install -y " + packages + ")");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    // Reached only where the condition enabled the class: absent here means CI=true.
    if (!present) {
      fail("CI=true but " + what + " is missing (.ci/run installs " + packages + ")");
    }
  }
}
