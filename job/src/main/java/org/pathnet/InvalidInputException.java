package org.pathnet;

/**
 * Bad input from the user: a data file, configuration key or command-line value that does not
 * have the expected form.
 *
 * <p>The message is one line that names the offending file, key or value and says what was
 * expected and what was found. The command-line entry point prints just that message and exits
 * with a non-zero status, so it must make sense to a user without a stack trace. Only the message's first line
 * is kept: a lower layer's message quoted at its end (HDFS's, for one) may carry a server-side stack trace.
 */
public final class InvalidInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message one line naming the file, key or value, what was expected and what was found */
  public InvalidInputException(String message) {
    super(firstLine(message));
  }

  /**
   * @param message one line naming the file, key or value, what was expected and what was found
   * @param cause the low-level failure behind it, kept for debugging
   */
  public InvalidInputException(String message, Throwable cause) {
    super(firstLine(message), cause);
  }

  private static String firstLine(String message) {
    return message == null ? null : message.lines().findFirst().orElse("");
  }
}
