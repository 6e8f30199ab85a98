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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.fixtures.DirectorySnapshot;
import org.pathnet.rundir.RunDirectory;

/**
 * A checkpoint copied without Hadoop's {@code .crc} side file still checks itself: flipped bytes in the middle are
 * refused on {@code --resume} in one line, and nothing in the run directory changes.
 */
class CorruptCheckpointTest {
  @Test
  void aCheckpointDamagedInTheMiddleIsRefusedAndTheDirectoryStaysAsItWas(@TempDir Path dir) throws IOException {
    String home = System.getProperty(Settings.HOME_PROPERTY);
    Configuration hadoop = new Configuration();
    Settings settings = Settings.resolve(Map.of("seeds", "1", "checkpointEvery", "1"), home);
    StudyData data = StudyData.load(settings, hadoop);
    Study study = new Study(settings, data);
    String uri = dir.resolve("study").toUri().toString();
    RunDirectory directory = RunDirectory.claim(uri, false, hadoop);
    directory.writeConfig(settings.toProperties());
    directory.writeCheckpoint(1, out -> study.writeCheckpoint(out, settings, data.checksums()));
    directory.release();

    Path root = dir.resolve("study");
    List<Path> checkpoints;
    try (var files = Files.list(root)) {
      checkpoints = files.filter(p -> p.getFileName().toString().startsWith("checkpoint-")).toList();
    }
    assertEquals(1, checkpoints.size());
    Path checkpoint = checkpoints.get(0);
    // as if copied alone: Hadoop's own checksum would otherwise catch the damage first
    assertTrue(Files.deleteIfExists(root.resolve("." + checkpoint.getFileName() + ".crc")));
    byte[] bytes = Files.readAllBytes(checkpoint);
    bytes[bytes.length / 2] ^= 0x01;
    Files.write(checkpoint, bytes);
    Map<String, String> before = DirectorySnapshot.of(root);

    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> StudyStart.resume(uri, Map.of(), home, hadoop));
    assertEquals("--resume " + uri + ": cannot read its checkpoint (the checkpoint's contents do not match its"
        + " checksum: the file is damaged or truncated)", e.getMessage());
    assertEquals(before, DirectorySnapshot.of(root));
  }
}
