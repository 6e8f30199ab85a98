package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.pathnet.InvalidInputException;

/** The job's own arguments: --out DIR and --overwrite, or --resume DIR, nothing else. */
class JobArgumentsTest {
  @Test
  void outAndOverwrite() {
    JobArguments plain = JobArguments.parse(new String[] {"--out", "runs/a"});
    assertEquals("runs/a", plain.out());
    assertFalse(plain.overwrite());
    assertTrue(JobArguments.parse(new String[] {"--overwrite", "--out", "runs/a"}).overwrite());
    assertTrue(JobArguments.parse(new String[] {}).out().startsWith("runs/"), "a fresh timestamped directory");
  }

  @Test
  void anUnknownArgumentNamesItAndWhatIsExpected() {
    String message = assertThrows(InvalidInputException.class,
        () -> JobArguments.parse(new String[] {"--overwrit"})).getMessage();
    assertEquals("unknown argument --overwrit (expected [--out DIR] [--overwrite] or --resume DIR; settings go in"
        + " --conf spark.pathnet.KEY=VALUE)", message);
  }

  @Test
  void resumeNamesTheStudysOwnDirectoryAndTakesNoOut() {
    JobArguments resume = JobArguments.parse(new String[] {"--resume", "runs/a"});
    assertTrue(resume.resume());
    assertEquals("runs/a", resume.out());
    String message = assertThrows(InvalidInputException.class,
        () -> JobArguments.parse(new String[] {"--resume", "runs/a", "--out", "runs/b"})).getMessage();
    assertEquals("--resume runs/a continues the study in its own directory: give it without --out or --overwrite",
        message);
  }
}
