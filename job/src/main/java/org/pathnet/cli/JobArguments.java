package org.pathnet.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.pathnet.InvalidInputException;

/**
 * The job's own arguments, after spark-submit's: {@code [--out DIR] [--overwrite]}, where {@code --overwrite}
 * lets a complete run in DIR be replaced. Settings are not arguments: they come as {@code spark.pathnet.*}
 * entries of Spark's configuration ({@code --conf} or {@code --properties-file}).
 */
record JobArguments(String out, boolean overwrite) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  static JobArguments parse(String[] args) {
    String out = null;
    boolean overwrite = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new InvalidInputException("--out needs a directory");
        }
        out = args[++i];
      } else if (args[i].equals("--overwrite")) {
        overwrite = true;
      } else {
        throw new InvalidInputException("unknown argument " + args[i] + " (expected [--out DIR] [--overwrite]; "
            + "settings go in --conf spark.pathnet.KEY=VALUE)");
      }
    }
    return new JobArguments(out != null ? out : "runs/" + LocalDateTime.now().format(STAMP), overwrite);
  }
}
