package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Settings;
import org.pathnet.fixtures.DirectorySnapshot;
import org.pathnet.fixtures.StoppedStudy;

/**
 * A checkpoint copied without Hadoop's {@code .crc} side files still checks itself: flipped bytes in the middle of
 * its driver's file are refused on {@code --resume} in one line before Spark starts, flipped bytes in a shard file
 * in one line as the real job's executors read it, and nothing in the run directory changes.
 */
class CorruptCheckpointTest {
  private static final String HOME = System.getProperty(Settings.HOME_PROPERTY);

  /** A run directory at {@code root} holding the checkpoint a 1-seed study writes after its first round. */
  private static String studyWithACheckpoint(Path root) {
    String uri = root.toUri().toString();
    StoppedStudy.afterFirstCheckpoint(uri, Map.of("seeds", "1", "checkpointEvery", "1"), new Configuration());
    return uri;
  }

  /** Flips a bit in the middle of {@code file} of the checkpoint in {@code root}, as if copied alone. */
  private static void damage(Path root, String file) throws IOException {
    List<Path> checkpoints;
    try (var files = Files.list(root)) {
      checkpoints = files.filter(p -> p.getFileName().toString().startsWith("checkpoint-")).toList();
    }
    assertEquals(1, checkpoints.size());
    Path damaged = checkpoints.get(0).resolve(file);
    // Hadoop's own checksum would otherwise catch the damage first
    assertTrue(Files.deleteIfExists(damaged.resolveSibling("." + file + ".crc")));
    byte[] bytes = Files.readAllBytes(damaged);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(damaged, bytes);
  }

  @Test
  void aCheckpointDamagedInTheMiddleIsRefusedAndTheDirectoryStaysAsItWas(@TempDir Path dir) throws IOException {
    Path root = dir.resolve("study");
    String uri = studyWithACheckpoint(root);
    damage(root, "study.bin");
    Map<String, String> before = DirectorySnapshot.of(root);

    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StudyStart.resume(uri, Map.of(), HOME, new Configuration()));
    assertEquals("--resume " + uri + ": cannot read its checkpoint (the checkpoint's contents do not match its"
        + " checksum: the file is damaged or truncated)", e.getMessage());
    assertEquals(before, DirectorySnapshot.of(root));
  }

  @Test
  void aShardFileDamagedInTheMiddleIsRefusedAsExecutorsReadItAndTheCheckpointStays(@TempDir Path dir)
      throws IOException {
    Path root = dir.resolve("study");
    String uri = studyWithACheckpoint(root);
    damage(root, "shard-00000.bin");
    Map<String, String> checkpoint = DirectorySnapshot.of(root.resolve("checkpoint-000001"));

    SparkConf local = new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false");
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> PathnetJob.run(new String[] {"--resume", uri}, local));
    assertEquals("cannot read the checkpoint's shard files in " + root.toUri().toString().replaceAll("/$", "")
        .replace("file:///", "file:/") + "/checkpoint-000001: shard-00000.bin: its contents do not match its"
        + " checksum: the file is damaged or truncated", e.getMessage());
    assertEquals(checkpoint, DirectorySnapshot.of(root.resolve("checkpoint-000001")));
  }
}
