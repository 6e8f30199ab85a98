package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.IdxFiles.IMAGE_MAGIC;
import static org.pathnet.fixtures.IdxFiles.gzip;
import static org.pathnet.fixtures.IdxFiles.idx;
import static org.pathnet.fixtures.IdxFiles.images;
import static org.pathnet.fixtures.IdxFiles.labels;
import static org.pathnet.fixtures.IdxFiles.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pathnet.InvalidInputException;
import org.pathnet.data.MnistDirectory;
import org.pathnet.fixtures.DirectorySnapshot;
import org.pathnet.fixtures.IdxFiles;
import org.pathnet.rundir.RunDirectory;

/**
 * Every bad input the issue lists, through the whole job (PathnetJob.run, in process): each is refused with one line
 * that names the file or key and what was expected, before anything is written. The job is pointed, with
 * --overwrite, at the directory of a complete earlier run, which must stay byte for byte as it was. The readers'
 * own tests (IdxReaderTest, MnistDirectoryTest, SettingsTest) check each message in detail; BadInputIT checks exit
 * code and stderr through submit.sh.
 */
class BadInputTest {
  @TempDir
  static Path shared;
  private static Path complete;
  private static Map<String, String> completeSnapshot;

  @TempDir
  Path dir;

  /** A tiny real study: the earlier run that bad input must not touch. */
  @BeforeAll
  static void runAnEarlierStudy() throws IOException {
    complete = shared.resolve("complete");
    PathnetJob.run(new String[] {"--out", complete.toString()}, conf());
    assertTrue(RunDirectory.isComplete(complete.toString(), new Configuration()));
    completeSnapshot = DirectorySnapshot.of(complete);
  }

  /** A one-round study in local[1] with {@code settings} (KEY, VALUE, ... without the spark.pathnet. prefix). */
  private static SparkConf conf(String... settings) {
    SparkConf conf = new SparkConf().setMaster("local[1]").set("spark.ui.enabled", "false")
        .set("spark.pathnet.seeds", "1").set("spark.pathnet.arms", "denovo").set("spark.pathnet.T", "2")
        .set("spark.pathnet.maxGenerations", "1");
    for (int i = 0; i < settings.length; i += 2) {
      conf.set("spark.pathnet." + settings[i], settings[i + 1]);
    }
    return conf;
  }

  /** Runs the job over the earlier run with --overwrite and returns its refusal. */
  private static String refused(String... settings) throws IOException {
    return refused(List.of("--out", complete.toString(), "--overwrite"), settings);
  }

  private static String refused(List<String> args, String... settings) throws IOException {
    String message = assertThrows(InvalidInputException.class,
        () -> PathnetJob.run(args.toArray(String[]::new), conf(settings))).getMessage();
    assertEquals(1, message.lines().count(), message);
    assertEquals(completeSnapshot, DirectorySnapshot.of(complete), "the earlier run is untouched");
    return message;
  }

  private static void assertContains(String expected, String message) {
    assertTrue(message.contains(expected), () -> "expected \"" + expected + "\" in: " + message);
  }

  /** Well-formed gzipped MNIST files in a fresh directory: both splits hold classes 5, 6 and 7 (task pair 5,6->6,7). */
  private Path mnist() throws IOException {
    Path data = Files.createDirectories(dir.resolve("mnist"));
    IdxFiles.writeMnist(data, new int[] {5, 6, 7, 5, 6, 7}, new int[] {5, 6, 7});
    return data;
  }

  /** Replaces the training images of a fresh {@link #mnist()} directory with {@code content}; returns the file. */
  private Path withTrainImages(byte[] content) throws IOException {
    return write(mnist(), MnistDirectory.TRAIN_IMAGES + ".gz", content);
  }

  private String refusedData(Path file) throws IOException {
    String message = refused("data", file.getParent().toString());
    assertTrue(message.startsWith(file + ": "), message);
    return message;
  }

  @Test
  void aMissingDataDirectory() throws IOException {
    Path absent = dir.resolve("absent");
    assertEquals("data directory " + absent + " does not exist", refused("data", absent.toString()));
  }

  @Test
  void oneOfTheFourFilesMissing() throws IOException {
    Path data = mnist();
    Files.delete(data.resolve(MnistDirectory.TEST_IMAGES + ".gz"));
    assertEquals("data directory " + data + " has no t10k-images-idx3-ubyte (nor t10k-images-idx3-ubyte.gz)",
        refused("data", data.toString()));
  }

  @Test
  void aCorruptGzip() throws IOException {
    byte[] corrupt = gzip(images(6, 28, 28));
    Arrays.fill(corrupt, 10, corrupt.length, (byte) 0xff);
    assertContains("corrupt gzip data", refusedData(withTrainImages(corrupt)));
  }

  @Test
  void aBadIdxMagic() throws IOException {
    byte[] content = images(6, 28, 28);
    content[2] = 0x0d;
    assertContains("expected an IDX image file with magic number 2051 (0x00000803), found 3331 (0x00000d03)",
        refusedData(withTrainImages(gzip(content))));
  }

  @Test
  void aTruncatedFile() throws IOException {
    byte[] content = Arrays.copyOf(images(6, 28, 28), 16 + 1000);
    assertContains("header says 6 images (4704 bytes) but the file ends after 1000 bytes",
        refusedData(withTrainImages(gzip(content))));
  }

  @Test
  void aHeaderClaimingFarMoreImagesThanTheFileHolds() throws IOException {
    byte[] content = idx(IMAGE_MAGIC, new int[] {1 << 30, 28, 28}, new byte[6 * 784]);
    assertContains("header says 1073741824 images (841813590016 bytes) but the file ends after 4704 bytes",
        refusedData(withTrainImages(gzip(content))));
  }

  @Test
  void imagesThatAreNot28x28() throws IOException {
    assertContains("expected 28x28 images, found 20x20", refusedData(withTrainImages(gzip(images(6, 20, 20)))));
  }

  @Test
  void imageAndLabelCountsThatDiffer() throws IOException {
    Path data = mnist();
    write(data, MnistDirectory.TEST_LABELS + ".gz", gzip(labels(5, 6, 7, 5)));
    assertEquals(data.resolve("t10k-images-idx3-ubyte.gz") + " has 3 images but " + data.resolve(
        "t10k-labels-idx1-ubyte.gz") + " has 4 labels; expected one label per image", refused("data", data.toString()));
  }

  @Test
  void aRequestedClassAbsent() throws IOException {
    Path data = mnist();
    write(data, MnistDirectory.TEST_LABELS + ".gz", gzip(labels(5, 6, 5)));
    assertEquals("class 7 has no examples in " + data.resolve("t10k-labels-idx1-ubyte.gz") + " (task 6,7 needs "
        + "examples of both classes in the train and the test files)", refused("data", data.toString()));
  }

  @Test
  void aLabelOutOfRange() throws IOException {
    Path data = mnist();
    write(data, MnistDirectory.TRAIN_LABELS + ".gz", gzip(labels(5, 6, 7, 5, 10, 7)));
    assertEquals(data.resolve("train-labels-idx1-ubyte.gz") + ": label 4 is 10, expected a digit 0..9",
        refused("data", data.toString()));
  }

  /** The settings: an unknown key, numeric keys out of range (SettingsTest has every one), profiles, arms, pairs. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "poplation      | 10        | unknown setting spark.pathnet.poplation (known: ",
      "N              | 11        | spark.pathnet.N=11 is out of range: expected an integer from 1 to M (10)",
      "population     | 1         | spark.pathnet.population=1 is out of range: expected an integer from 2 to",
      "maxGenerations | 0         | spark.pathnet.maxGenerations=0 is out of range: expected an integer from 1",
      "learningRate   | -1        | spark.pathnet.learningRate=-1 is out of range: expected a number greater than 0",
      "profile        | fast      | spark.pathnet.profile=fast: unknown profile, expected one of [paper, seed]",
      "arms           | pathnet,x | spark.pathnet.arms=pathnet,x: unknown arm 'x', expected a comma list of pathnet",
      "pairs          | 5,6->6    | spark.pathnet.pairs=6: expected two classes as a,b (digits 0-9)",
      "pairs          | 5,6;6,7   | spark.pathnet.pairs=5,6;6,7: expected pairs as a,b->c,d separated by ';'",
  })
  void aBadSetting(String key, String value, String expected) throws IOException {
    assertTrue(refused(key, value).startsWith(expected), expected);
  }

  @Test
  void anOutputDirectoryHoldingACompleteRunWithoutOverwrite() throws IOException {
    assertContains("holds a complete run; choose another directory, or add --overwrite to replace it",
        refused(List.of("--out", complete.toString())));
  }

  @Test
  void anOutputDirectoryHoldingAnIncompleteRun() throws IOException {
    Path incomplete = dir.resolve("incomplete");
    FileUtils.copyDirectory(complete.toFile(), incomplete.toFile());
    Files.delete(incomplete.resolve(RunDirectory.MANIFEST));
    Map<String, String> before = DirectorySnapshot.of(incomplete);

    for (boolean overwrite : new boolean[] {false, true}) {
      List<String> args = new ArrayList<>(List.of("--out", incomplete.toString()));
      if (overwrite) {
        args.add("--overwrite");
      }
      assertContains("continue an interrupted study with ./submit.sh --resume " + incomplete, refused(args));
    }
    assertEquals(before, DirectorySnapshot.of(incomplete));
  }

  @Test
  void anOutputPathThatCannotBeWritten() throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "the parent is a regular file");
    Path out = file.resolve("run");
    assertContains("--out " + out + ": cannot be written, expected a directory the job can create and write",
        refused(List.of("--out", out.toString())));
  }

  @Test
  void overwriteReplacesACompleteRunOnceTheInputIsGood() throws IOException {
    Path copy = dir.resolve("copy");
    FileUtils.copyDirectory(complete.toFile(), copy.toFile());
    String before = Files.readString(copy.resolve(RunDirectory.MANIFEST));

    PathnetJob.run(new String[] {"--out", copy.toString(), "--overwrite"}, conf("seeds", "2"));

    String after = Files.readString(copy.resolve(RunDirectory.MANIFEST));
    assertTrue(RunDirectory.isComplete(copy.toString(), new Configuration()));
    assertNotEquals(before, after, "a new manifest");
    assertTrue(Files.readString(copy.resolve(RunDirectory.CONFIG)).contains("spark.pathnet.seeds=2"));
  }
}
