package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.ReferenceRuns;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.fixtures.SubmitScript.Result;
import org.pathnet.fixtures.SubmitScript;
import org.pathnet.rundir.RunDirectory;

/**
 * Ctrl-C as a terminal sends it, SIGINT to submit.sh's whole process group, while a study that writes a checkpoint
 * every generation runs: the study stops within 10 s with exit code 130 and one line on stderr saying in which round
 * it stopped and how to continue it; its directory does not read as complete; the command it printed continues it to
 * the tables of the uninterrupted study.
 */
class InterruptedStudyIT {
  private static final Duration LIMIT = Duration.ofMinutes(6);
  private static final Pattern LINE = Pattern.compile(
      "pathnet: interrupted \\(SIGINT\\) in round (\\d+); \\S+ is incomplete: continue it with \\./submit\\.sh "
          + "--resume (\\S+)");

  @TempDir
  Path work;

  @Test
  void aStudyInterruptedByCtrlCStopsWithinTenSecondsAndThePrintedCommandResumesItToTheUninterruptedTables()
      throws Exception {
    Path run = work.resolve("run");
    List<String> args = new ArrayList<>(List.of("--master", "local[2]", "--conf", "spark.ui.enabled=false"));
    args.addAll(SubmitScript.conf(ReferenceRuns.LONG));
    args.addAll(List.of("--conf", "spark.pathnet.checkpointEvery=1", "--out", run.toString()));
    SubmitScript study = SubmitScript.start(work, "study", Map.of(), args);
    int round = study.awaitRound(3, LIMIT);

    study.signalProcessGroup("INT");
    Result interrupted = study.await(Duration.ofSeconds(10));

    assertEquals(130, interrupted.exitCode(), interrupted.stderr());
    List<String> lines = interrupted.stderr().lines().toList();
    assertEquals(1, lines.size(), "one line on stderr: " + interrupted.stderr());
    Matcher line = LINE.matcher(lines.get(0));
    assertTrue(line.matches(), lines.get(0));
    assertTrue(Integer.parseInt(line.group(1)) > round, "stopped in a round after " + round + ": " + lines.get(0));
    assertFalse(RunDirectory.isComplete(run.toString(), new Configuration()));
    assertTrue(ResumeIT.hasCheckpoint(run), "a checkpoint to continue from");

    Result resumed = SubmitScript.run(work, "--resume", line.group(2));
    assertEquals(0, resumed.exitCode(), resumed.stderr());
    StudyTables.assertEqualStudies(ReferenceRuns.local2(ReferenceRuns.LONG), run.toUri().toString());
  }
}
