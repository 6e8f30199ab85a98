package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.IdxFiles.IMAGE_MAGIC;
import static org.pathnet.fixtures.IdxFiles.gzip;
import static org.pathnet.fixtures.IdxFiles.idx;
import static org.pathnet.fixtures.IdxFiles.images;
import static org.pathnet.fixtures.IdxFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.data.MnistDirectory;
import org.pathnet.fixtures.DirectorySnapshot;
import org.pathnet.fixtures.IdxFiles;
import org.pathnet.fixtures.SubmitScript.Result;
import org.pathnet.fixtures.SubmitScript;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * Bad input as a user meets it, through submit.sh, for a representative subset of BadInputTest's inputs and those
 * only submit.sh sees (the properties file, the other commands): exit code 2, nothing on stdout, and stderr exactly
 * one line, {@code pathnet: error: ...}, naming the file or key and what was expected; a complete earlier run
 * offered for --overwrite stays byte for byte as it was.
 */
class BadInputIT {
  private static final String ERROR = "pathnet: error: ";

  @TempDir
  static Path shared;
  private static Path complete;
  private static Map<String, String> completeSnapshot;
  private static Result earlier;

  @TempDir
  Path dir;

  @BeforeAll
  static void runAnEarlierStudy() throws IOException, InterruptedException {
    complete = shared.resolve("complete");
    earlier = submit(shared, List.of("--out", complete.toString()));
    assertEquals(0, earlier.exitCode(), earlier.stderr());
    completeSnapshot = DirectorySnapshot.of(complete);
  }

  /**
   * A one-round study in local[1] with {@code args} after the settings. Without the web UI: another Spark driver on
   * the machine would have its port, and Spark warns when it takes the next one.
   */
  private static Result submit(Path work, List<String> args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--master", "local[1]", "--conf", "spark.ui.enabled=false",
        "--conf", "spark.pathnet.seeds=1", "--conf", "spark.pathnet.arms=denovo", "--conf", "spark.pathnet.T=2",
        "--conf", "spark.pathnet.maxGenerations=1"));
    all.addAll(args);
    return submitAsIs(work, all);
  }

  /** submit.sh with exactly {@code args}. */
  private static Result submitAsIs(Path work, List<String> args) throws IOException, InterruptedException {
    return SubmitScript.start(work, "submit", Map.of(), args).await(Duration.ofMinutes(5));
  }

  /** Runs submit.sh with {@code args} over the earlier run and returns its error message, checked as above. */
  private String refused(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("--out", complete.toString(), "--overwrite"));
    all.addAll(List.of(args));
    return refused(all);
  }

  private String refused(List<String> args) throws IOException, InterruptedException {
    return checkedRefusal(submit(dir, args));
  }

  /** The error message of a refusal, checked as above. */
  private static String checkedRefusal(Result r) throws IOException {
    assertEquals(2, r.exitCode(), r.stderr());
    assertEquals("", r.stdout());
    List<String> lines = r.stderr().lines().toList();
    assertEquals(1, lines.size(), "exactly one line on stderr: " + r.stderr());
    assertTrue(lines.get(0).startsWith(ERROR), lines.get(0));
    assertEquals(completeSnapshot, DirectorySnapshot.of(complete), "the earlier run is untouched");
    return lines.get(0).substring(ERROR.length());
  }

  @Test
  void aStudyOnALocalMasterPrintsNothingOnStderr() {
    assertEquals("", earlier.stderr());
  }

  @Test
  void aMissingPropertiesFile() throws Exception {
    Path absent = dir.resolve("absent.conf");
    assertEquals("--properties-file " + absent + ": no such file (expected a spark-defaults properties file)",
        refused("--properties-file", absent.toString()));
  }

  @Test
  void aPropertiesFileThatIsADirectory() throws Exception {
    assertTrue(refused("--properties-file", dir.toString())
        .startsWith("--properties-file " + dir + ": not a regular file"));
  }

  @Test
  void aPropertiesFileWithAMalformedUnicodeEscape() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.conf"), "# \\u is fine in a comment: \\uXYZ\n"
        + "spark.app.name pathnet\nspark.pathnet.taskA 5,\\u00G6\n");
    assertTrue(refused("--properties-file", file.toString())
        .startsWith("--properties-file " + file + ": line 3: malformed \\uXXXX escape"));
  }

  @Test
  void aResumeWithAMissingPropertiesFile() throws Exception {
    Path absent = dir.resolve("absent.conf");
    assertTrue(checkedRefusal(submitAsIs(dir, List.of("--resume", complete.toString(), "--properties-file",
        absent.toString()))).startsWith("--properties-file " + absent + ": no such file"));
  }

  @Test
  void shardsTooLargeForTheClustersExecutorsAreRefusedBeforeSparkStarts() throws Exception {
    // 40 PathNet runs of about 1.9 MB in one shard, twice in play, against (512 - 300) MB x 0.6 a task: refused before
    // the driver connects to the master (none listens there)
    String refusal = refused("--master", "spark://127.0.0.1:7", "--executor-memory", "512m", "--conf",
        "spark.pathnet.seeds=40", "--conf", "spark.pathnet.arms=pathnet", "--conf", "spark.pathnet.partitions=1");
    assertTrue(refusal.startsWith("spark.pathnet.partitions=1 deals shards of up to "), refusal);
    assertTrue(refusal.contains("spark.executor.memory 512m leaves 128 MB to each of its 1 tasks at once: set"
        + " spark.pathnet.partitions to at least 2, or to 0 to let the job deal shards that fit"), refusal);
  }

  @Test
  void aDriverMemoryTooSmallForTheStudyIsRefusedBeforeAnyWork() throws Exception {
    // a thousand seeds of denovo, every task to its cap of 1,000 generations: 1,000 run rows and at most 65,536 + a
    // round's 1,000 generation rows held, of 352 B, followers of 2,176 B, and in local[1] a quarter of the state in
    // play (8 shards, one played into a new one): at least 512 + 166.9 MB, rounded up
    String refusal = refused("--conf", "spark.pathnet.seeds=1000", "--conf", "spark.pathnet.maxGenerations=1000",
        "--conf", "spark.pathnet.stopWhenSolved=false", "--driver-memory", "512m");
    assertTrue(refusal.startsWith("driver memory 512m (--driver-memory or PATHNET_DRIVER_MEMORY) is below the 679 MB"
        + " this study's driver needs"), refusal);
  }

  @Test
  void clusterWithoutStartOrStop() throws Exception {
    assertEquals("usage: ./submit.sh cluster start [--workers N] [--cores C] [--memory M] | cluster stop",
        checkedRefusal(submitAsIs(dir, List.of("cluster", "begin"))));
  }

  @Test
  void benchWithAnUnknownOption() throws Exception {
    assertTrue(checkedRefusal(submitAsIs(dir, List.of("bench", "--help")))
        .startsWith("unknown option --help (expected --reps N"));
  }

  @Test
  void reportOnADamagedTable() throws Exception {
    Path copy = dir.resolve("copy");
    TinyStudy.copy(complete, copy);
    Path generations;
    try (var files = Files.list(copy.resolve(RunDirectory.GENERATIONS))) {
      generations = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(generations);
    bytes[bytes.length / 2] ^= (byte) 0xff;
    Files.write(generations, bytes);
    Map<String, String> damaged = DirectorySnapshot.of(copy);

    // Where the damage lies decides which check finds it (the footer's, or Spark's read): either names the table.
    String refusal = checkedRefusal(submitAsIs(dir, List.of("report", copy.toString())));
    assertTrue(refusal.contains(copy + "/" + RunDirectory.GENERATIONS) && refusal.contains("damaged"), refusal);
    assertEquals(damaged, DirectorySnapshot.of(copy), "report/ and the tables are as they were");
  }

  private Path mnist() throws IOException {
    Path data = Files.createDirectories(dir.resolve("mnist"));
    IdxFiles.writeMnist(data, new int[] {5, 6, 7, 5, 6, 7}, new int[] {5, 6, 7});
    return data;
  }

  @Test
  void aMissingDataDirectory() throws Exception {
    Path absent = dir.resolve("absent");
    assertEquals("data directory " + absent + " does not exist",
        refused("--conf", "spark.pathnet.data=" + absent));
  }

  @Test
  void aCorruptGzip() throws Exception {
    byte[] corrupt = gzip(images(6, 28, 28));
    Arrays.fill(corrupt, 10, corrupt.length, (byte) 0xff);
    Path file = write(mnist(), MnistDirectory.TRAIN_IMAGES + ".gz", corrupt);
    assertTrue(refused("--conf", "spark.pathnet.data=" + file.getParent()).startsWith(file + ": corrupt gzip data"));
  }

  @Test
  void aHeaderClaimingFarMoreImagesThanTheFileHolds() throws Exception {
    Path file = write(mnist(), MnistDirectory.TRAIN_IMAGES,
        idx(IMAGE_MAGIC, new int[] {1 << 30, 28, 28}, new byte[6 * 784]));
    Files.delete(file.resolveSibling(MnistDirectory.TRAIN_IMAGES + ".gz"));
    assertEquals(file + ": header says 1073741824 images (841813590016 bytes) but the file ends after 4704 bytes of "
        + "data", refused("--conf", "spark.pathnet.data=" + file.getParent()));
  }

  @Test
  void anUnknownSetting() throws Exception {
    assertTrue(refused("--conf", "spark.pathnet.poplation=10").startsWith("unknown setting spark.pathnet.poplation"));
  }

  @Test
  void anUnknownSettingInSparkSubmitsEqualsForm() throws Exception {
    assertTrue(refused("--conf=spark.pathnet.poplation=10").startsWith("unknown setting spark.pathnet.poplation"));
  }

  @Test
  void anOptionNeitherSparkSubmitNorTheJobKnows() throws Exception {
    String expected = "unknown option --output (expected spark-submit options, --out DIR, --overwrite, --resume DIR)";
    assertEquals(expected, refused("--output", dir.resolve("elsewhere").toString()));
    assertEquals(expected, refused("--output=" + dir.resolve("elsewhere")));
  }

  @Test
  void helpPrintsTheUsage() throws Exception {
    Result r = submitAsIs(dir, List.of("--help"));
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith("Launches the pathnet-spark job: ./submit.sh [spark-submit options]"), r.stdout());
  }

  @Test
  void moreActiveModulesThanModules() throws Exception {
    assertEquals("spark.pathnet.N=11 is out of range: expected an integer from 1 to M (10)",
        refused("--conf", "spark.pathnet.N=11"));
  }

  @Test
  void aMalformedPairList() throws Exception {
    assertTrue(refused("--conf", "spark.pathnet.pairs=5,6;6,7")
        .startsWith("spark.pathnet.pairs=5,6;6,7: expected pairs as a,b->c,d"));
  }

  @Test
  void aCompleteRunWithoutOverwrite() throws Exception {
    assertEquals("--out " + complete + ": holds a complete run; choose another directory, or add --overwrite to "
        + "replace it", refused(List.of("--out", complete.toString())));
  }

  @Test
  void anIncompleteRun() throws Exception {
    Path incomplete = Files.createDirectories(dir.resolve("incomplete"));
    Files.writeString(incomplete.resolve(RunDirectory.CONFIG), "spark.pathnet.seeds=1\n");
    assertTrue(refused(List.of("--out", incomplete.toString()))
        .contains("continue an interrupted study with ./submit.sh --resume " + incomplete));
  }

  @Test
  void anOutputPathThatCannotBeWritten() throws Exception {
    Path out = Files.writeString(dir.resolve("a-file"), "the parent is a regular file").resolve("run");
    assertTrue(refused(List.of("--out", out.toString()))
        .startsWith("--out " + out + ": cannot be written, expected a directory the job can create and write"));
  }
}
