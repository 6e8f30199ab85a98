package org.pathnet;

import org.pathnet.InvalidInputException;

/** How every command of the job ends on bad input: one line on stderr, {@code pathnet: error: ...}, exit code 2. */
public final class BadInputExit {
  static final int CODE = 2;

  private BadInputExit() {}

  /** Runs {@code command}; an {@link InvalidInputException} becomes the one line and the exit code. */
  public static void run(Runnable command) {
    try {
      command.run();
    } catch (InvalidInputException e) {
      System.err.println("pathnet: error: " + e.getMessage());
      System.exit(CODE);
    }
  }
}
