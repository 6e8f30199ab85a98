package org.pathnet.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.pathnet.InvalidInputException;

/**
 * The job's own arguments, after spark-submit's: {@code [--out DIR]} for a new study, or {@code --resume DIR} to
 * continue one from its last checkpoint. Settings are not arguments: they come as {@code spark.pathnet.*}
 * entries of Spark's configuration ({@code --conf} or {@code --properties-file}).
 */
record JobArguments(String out, boolean resume) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  static JobArguments parse(String[] args) {
    String out = null;
    String resume = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out") || args[i].equals("--resume")) {
        if (i + 1 >= args.length || args[i + 1].isBlank()) {
          throw new InvalidInputException(args[i] + " needs a directory");
        }
        if (args[i].equals("--out")) {
          out = args[++i];
        } else {
          resume = args[++i];
        }
      } else {
        throw new InvalidInputException("unknown argument " + args[i] + " (expected [--out DIR] or --resume DIR;"
            + " settings go in --conf spark.pathnet.KEY=VALUE)");
      }
    }
    if (out != null && resume != null) {
      throw new InvalidInputException("--out " + out + " and --resume " + resume + ": give one (--resume continues"
          + " the study in its own directory)");
    }
    if (resume != null) {
      return new JobArguments(resume, true);
    }
    return new JobArguments(out != null ? out : "runs/" + LocalDateTime.now().format(STAMP), false);
  }
}
