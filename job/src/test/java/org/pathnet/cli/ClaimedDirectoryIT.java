package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.ReferenceRuns;
import org.pathnet.fixtures.SubmitScript.Result;
import org.pathnet.fixtures.SubmitScript;
import org.pathnet.rundir.RunDirectory;

/**
 * One driver at a time per run directory, through submit.sh: a second study started against the directory of a
 * running one is refused with one line naming the running driver, which goes on to complete undisturbed.
 */
class ClaimedDirectoryIT {
  private static final Duration LIMIT = Duration.ofMinutes(6);

  @TempDir
  Path work;

  private SubmitScript start(String name, Path out) throws Exception {
    List<String> args = new ArrayList<>(List.of("--master", "local[1]", "--conf", "spark.ui.enabled=false"));
    args.addAll(SubmitScript.conf(ReferenceRuns.SMALL));
    args.addAll(List.of("--out", out.toString()));
    return SubmitScript.start(work, name, Map.of(), args);
  }

  @Test
  void aSecondStudyAgainstTheDirectoryOfARunningOneIsRefusedNamingItAndTheFirstCompletes() throws Exception {
    Path run = work.resolve("run");
    SubmitScript first = start("first", run);
    first.awaitRound(1, LIMIT);

    Result second = start("second", run).await(LIMIT);

    assertEquals(2, second.exitCode(), second.stderr());
    List<String> lines = second.stderr().lines().toList();
    assertEquals(1, lines.size(), "one line on stderr: " + second.stderr());
    assertTrue(lines.get(0).startsWith("pathnet: error: --out " + run + ": another study is writing it (pid "
        + first.pid() + " on "), lines.get(0));
    Result completed = first.await(LIMIT);
    assertEquals(0, completed.exitCode(), completed.stderr());
    assertTrue(RunDirectory.isComplete(run.toString(), new Configuration()));
    assertFalse(Files.exists(run.resolve(RunDirectory.CLAIM)), "the claim is given back");
  }
}
