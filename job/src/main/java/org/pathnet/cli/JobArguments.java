package org.pathnet.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.pathnet.InvalidInputException;

/**
 * The job's own arguments, after spark-submit's: {@code [--out DIR] [--overwrite]} for a new study, where
 * {@code --overwrite} lets a complete run in DIR be replaced, or {@code --resume DIR} to continue a study from its
 * last checkpoint. Settings are not arguments: they come as {@code spark.pathnet.*} entries of Spark's
 * configuration ({@code --conf} or {@code --properties-file}).
 */
record JobArguments(String out, boolean overwrite, boolean resume) {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  static JobArguments parse(String[] args) {
    String out = null;
    String resume = null;
    boolean overwrite = false;
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
      } else if (args[i].equals("--overwrite")) {
        overwrite = true;
      } else {
        throw new InvalidInputException("unknown argument " + args[i] + " (expected [--out DIR] [--overwrite] or"
            + " --resume DIR; settings go in --conf spark.pathnet.KEY=VALUE)");
      }
    }
    if (resume != null && (out != null || overwrite)) {
      throw new InvalidInputException("--resume " + resume + " continues the study in its own directory: give it"
          + " without --out or --overwrite");
    }
    if (resume != null) {
      return new JobArguments(resume, false, true);
    }
    return new JobArguments(out != null ? out : "runs/" + LocalDateTime.now().format(STAMP), overwrite, false);
  }
}
