package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.CiPrerequisite;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.fixtures.SubmitScript;

/**
 * A study whose disk fills, on a real file system: a small tmpfs mounted for the test (root only; skipped elsewhere,
 * a failure under CI=true). A checkpoint that does not fit ends the study with one line naming it and what to do,
 * the checkpoint before it intact, and {@code --resume} once there is room ends with the undisturbed study's tables;
 * tables that do not fit end a study without checkpoints with one line too, and its final checkpoint, which holds
 * its rows, writes them on {@code --resume}.
 */
class FullDiskIT {
  private static final Path PROBE = Path.of("target", "full-disk-probe").toAbsolutePath();

  @RegisterExtension
  static final CiPrerequisite TMPFS = CiPrerequisite.of("a tmpfs the tests may mount (root)", canMount(),
      "util-linux, run as root");

  @TempDir
  Path work;
  private Path disk;

  /** Whether this process may mount a tmpfs, tried on a scratch folder. */
  private static boolean canMount() {
    try {
      Files.createDirectories(PROBE);
      boolean mounted = command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", PROBE.toString()) == 0;
      return mounted && command("umount", PROBE.toString()) == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static int command(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start().waitFor();
  }

  @BeforeEach
  void makeTheDisk() throws IOException {
    disk = Files.createDirectories(work.resolve("disk"));
  }

  @AfterEach
  void removeTheDisk() throws IOException, InterruptedException {
    command("umount", disk.toString());
  }

  private void mount(String size) throws IOException, InterruptedException {
    assertEquals(0, command("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString()));
  }

  private static String[] study(Path out, String... more) {
    return Stream.concat(Stream.of("--master", "local[2]", "--conf", "spark.pathnet.seeds=2", "--conf",
        "spark.pathnet.maxGenerations=3", "--conf", "spark.pathnet.stopWhenSolved=false", "--out", out.toString()),
        Stream.of(more)).toArray(String[]::new);
  }

  /** The failure's whole account: one line on stderr, which says {@code what}, and no trace anywhere. */
  private static void assertOneLine(SubmitScript.Result r, String... what) {
    assertEquals(PathnetJob.WRITE_FAILED, r.exitCode(), r.stderr());
    assertEquals(1, r.errors().size(), r.stderr());
    for (String part : what) {
      assertTrue(r.errors().get(0).contains(part), r.errors().get(0) + " says " + part);
    }
    // Spark's warning that another application holds the UI's port is no part of the failure
    List<String> noise = Stream.concat(r.stdout().lines(), r.stderr().lines())
        .filter(l -> l.contains("Exception") || l.startsWith("\tat ") || l.contains(" ERROR ")
            || (l.contains(" WARN ") && !l.contains("SparkUI' could not bind"))).toList();
    assertEquals(List.of(), noise, "the failure's lines beside its one");
  }

  @Test
  void aCheckpointThatDoesNotFitEndsInOneLineAndTheStudyResumesOnceThereIsRoom() throws Exception {
    Path whole = work.resolve("whole");
    assertEquals(0, SubmitScript.run(work, study(whole, "--conf", "spark.pathnet.checkpointEvery=1")).exitCode());

    mount("14m"); // room for one checkpoint of the 8 runs (about 10 MB), not for the next beside it
    Path run = disk.resolve("run");
    SubmitScript.Result full = SubmitScript.run(work, study(run, "--conf", "spark.pathnet.checkpointEvery=1"));
    assertOneLine(full, "cannot write file:" + run + "/checkpoint-000002", "No space left on device",
        "./submit.sh --resume file:" + run);
    try (Stream<Path> files = Files.list(run)) {
      List<String> names = files.map(f -> f.getFileName().toString()).sorted().toList();
      assertTrue(names.contains("checkpoint-000001"), "the last good checkpoint stays: " + names);
      assertFalse(names.stream().anyMatch(n -> n.endsWith(".tmp")), "no half-written file is left: " + names);
    }

    assertEquals(0, command("mount", "-o", "remount,size=300m", disk.toString()));
    SubmitScript.Result resumed = SubmitScript.run(work, "--master", "local[2]", "--resume", run.toString());
    assertEquals(0, resumed.exitCode(), resumed.stderr());
    StudyTables.assertEqualStudies(whole.toUri().toString(), run.toUri().toString());
  }

  @Test
  void tablesThatDoNotFitEndAStudyWithoutCheckpointsInOneLineAndItsResultsStayToResume() throws Exception {
    Path whole = work.resolve("whole");
    assertEquals(0, SubmitScript.run(work, study(whole)).exitCode());

    mount("40k"); // room for the study's settings and its final checkpoint, which holds no parameters; not its tables
    Path run = disk.resolve("run");
    assertOneLine(SubmitScript.run(work, study(run)), "cannot write file:" + run + "/runs", "No space left on device",
        "./submit.sh --resume file:" + run);

    assertEquals(0, command("mount", "-o", "remount,size=300m", disk.toString()));
    SubmitScript.Result resumed = SubmitScript.run(work, "--master", "local[2]", "--resume", run.toString());
    assertEquals(0, resumed.exitCode(), resumed.stderr());
    StudyTables.assertEqualStudies(whole.toUri().toString(), run.toUri().toString());
  }
}
