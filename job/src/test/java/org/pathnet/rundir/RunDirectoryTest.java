package org.pathnet.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.DirectorySnapshot;

/**
 * The run directory's rules: an absent or empty directory is used, a complete run is replaced only with
 * --overwrite, anything else is refused untouched; one driver at a time has it; and only a study that finished reads
 * as complete.
 */
class RunDirectoryTest {
  private static final Configuration HADOOP = new Configuration();

  @TempDir
  Path dir;

  /** A complete run as the job leaves it: tables, config.properties and, last, the manifest. */
  private Path completeRun() throws IOException {
    Path run = dir.resolve("complete");
    RunDirectory directory = RunDirectory.claim(run.toString(), false, HADOOP);
    Files.writeString(Files.createDirectories(run.resolve("runs")).resolve("part-00000.parquet"), "rows");
    directory.writeConfig(Map.of("spark.pathnet.seeds", "2"));
    directory.writeManifest(Map.of(RunDirectory.STATUS, RunDirectory.COMPLETE));
    directory.release();
    return run;
  }

  /** A claim as a driver of {@code pid} on {@code host}, started at {@code start}, would leave it. */
  private static void claimedBy(Path run, long pid, String host, String start) throws IOException {
    Files.writeString(Files.createDirectories(run).resolve(DirectoryClaim.FILE),
        "pid " + pid + " on " + host + " since " + start + "\n");
  }

  private static String thisHost() throws IOException {
    return InetAddress.getLocalHost().getHostName();
  }

  private static String refusal(Path out, boolean overwrite) {
    String message = assertThrows(InvalidInputException.class,
        () -> RunDirectory.claim(out.toString(), overwrite, HADOOP)).getMessage();
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("--out " + out + ": "), message);
    return message;
  }

  private static boolean isComplete(Path run) throws IOException {
    return RunDirectory.isComplete(run.toString(), HADOOP);
  }

  @Test
  void anAbsentDirectoryIsCreatedAndAnEmptyOneUsed() throws IOException {
    Path absent = dir.resolve("a").resolve("b");
    RunDirectory created = RunDirectory.claim(absent.toString(), false, HADOOP);
    assertEquals("file:" + absent, created.uri());
    assertTrue(Files.isDirectory(absent));
    created.release();
    assertEquals(List.of(), List.of(absent.toFile().list()), "released: the claim is gone");
    assertEquals("file:" + absent, RunDirectory.claim(absent.toString(), false, HADOOP).uri(), "empty: used");
  }

  @Test
  void aDirectoryClaimedByARunningDriverIsRefusedNamingIt() throws IOException {
    Path run = dir.resolve("run");
    RunDirectory.claim(run.toString(), false, HADOOP);
    ProcessHandle me = ProcessHandle.current();
    String holder = "pid " + me.pid() + " on " + thisHost() + " since " + me.info().startInstant().orElseThrow();
    assertEquals("--out " + run + ": another study is writing it (" + holder + "); wait for it to end or choose"
        + " another directory", refusal(run, false));
    assertTrue(assertThrows(InvalidInputException.class, () -> RunDirectory.forResume(run.toString(), HADOOP))
        .getMessage().startsWith("--resume " + run + ": another study is writing it (" + holder + ")"));
  }

  @Test
  void ofDriversClaimingADirectoryAtOnceExactlyOneHasIt() throws Exception {
    Path run = dir.resolve("run");
    int drivers = 8;
    CyclicBarrier start = new CyclicBarrier(drivers);
    ExecutorService pool = Executors.newFixedThreadPool(drivers);
    try {
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < drivers; i++) {
        claims.add(pool.submit(() -> {
          start.await();
          try {
            RunDirectory.claim(run.toString(), false, HADOOP);
            return true;
          } catch (InvalidInputException e) {
            assertTrue(e.getMessage().contains("another study is writing it"), e.getMessage());
            return false;
          }
        }));
      }
      int won = 0;
      for (Future<Boolean> claim : claims) {
        won += claim.get() ? 1 : 0;
      }
      assertEquals(1, won);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aClaimLeftByADriverThatNoLongerRunsIsTakenOver() throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path run = dir.resolve("run");
    claimedBy(run, gone.pid(), thisHost(), "2026-01-01T00:00:00Z");
    RunDirectory.claim(run.toString(), false, HADOOP).release();
    assertEquals(List.of(), List.of(run.toFile().list()));
  }

  @Test
  void aClaimWhoseProcessIdNowBelongsToAnotherProcessIsTakenOver() throws IOException {
    Path run = dir.resolve("run");
    claimedBy(run, ProcessHandle.current().pid(), thisHost(), "2000-01-01T00:00:00Z");
    RunDirectory.claim(run.toString(), false, HADOOP).release();
    assertEquals(List.of(), List.of(run.toFile().list()));
  }

  @Test
  void aClaimFromAnotherHostIsKeptAndTheRefusalSaysHowToRemoveIt() throws IOException {
    Path run = dir.resolve("run");
    claimedBy(run, 1, "elsewhere", "2026-01-01T00:00:00Z");
    assertTrue(refusal(run, false).endsWith("(if that driver is gone, remove file:" + run.resolve(DirectoryClaim.FILE)
        + ")"));
    assertTrue(Files.exists(run.resolve(DirectoryClaim.FILE)));
  }

  @Test
  void aCompleteRunIsRefusedWithoutOverwriteAndLeftUntouched() throws IOException {
    Path run = completeRun();
    Map<String, String> before = DirectorySnapshot.of(run);

    assertTrue(refusal(run, false).contains("holds a complete run; choose another directory, or add --overwrite"));
    assertEquals(before, DirectorySnapshot.of(run));
  }

  @Test
  void overwriteEmptiesACompleteRun() throws IOException {
    Path run = completeRun();

    RunDirectory.claim(run.toString(), true, HADOOP);

    assertEquals(List.of(DirectoryClaim.FILE), List.of(run.toFile().list()), "but for the claim");
    assertFalse(isComplete(run));
  }

  @Test
  void anIncompleteRunIsRefusedWithAPointerToResumeEvenWithOverwrite() throws IOException {
    Path run = completeRun();
    Files.delete(run.resolve(RunDirectory.MANIFEST));
    Map<String, String> before = DirectorySnapshot.of(run);

    assertTrue(refusal(run, false).contains("holds no complete run (no manifest.json saying complete); continue an "
        + "interrupted study with ./submit.sh --resume " + run + ", or choose an absent or empty directory"));
    assertTrue(refusal(run, true).endsWith("(--overwrite replaces only a complete run)"));
    assertEquals(before, DirectorySnapshot.of(run));
  }

  @Test
  void onlyAFinishedStudyReadsAsComplete() throws IOException {
    Path run = completeRun();
    assertTrue(isComplete(run));
    Path manifest = run.resolve(RunDirectory.MANIFEST);

    // Stopped before the manifest's rename: only its temporary file exists.
    Files.move(manifest, run.resolve("." + RunDirectory.MANIFEST + ".tmp"));
    assertFalse(isComplete(run), "tables and config without a manifest");
    // Written by hand from here on: without Hadoop's checksum file.
    Files.delete(run.resolve("." + RunDirectory.MANIFEST + ".crc"));
    Files.writeString(manifest, "{\"status\" : \"compl");
    assertFalse(isComplete(run), "a manifest cut short");
    Files.writeString(manifest, "{\"status\" : \"running\"}");
    assertFalse(isComplete(run), "a manifest with another status");
    Files.writeString(manifest, "{\"status\" : \"complete\"}");
    assertTrue(isComplete(run), "the same file saying complete");
    assertFalse(isComplete(dir.resolve("absent")));
  }

  @Test
  void aMalformedUriIsRefused() {
    String message = assertThrows(InvalidInputException.class,
        () -> RunDirectory.claim("hdfs://no such host/runs", false, HADOOP)).getMessage();
    assertTrue(message.startsWith("--out hdfs://no such host/runs: cannot be written, expected a directory the job "
        + "can create and write: "), message);
  }

  @Test
  void aPathBelowARegularFileIsRefused() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");

    assertTrue(refusal(file.resolve("run"), false).contains("cannot be written, expected a directory the job can "
        + "create and write"));
    assertTrue(refusal(file, false).contains("exists and is not a directory"));
    assertEquals("not a directory", Files.readString(file));
  }
}
