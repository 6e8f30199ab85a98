package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.experiment.SettingKey.POPULATION;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.pathnet.fixtures.StudyFixtures;

/**
 * A study continued from a checkpoint ends exactly as the uninterrupted study: the checkpoint holds populations,
 * parameters, optimiser moments, paths and progress, and the rows logged so far.
 */
class CheckpointTest {
  private static final Settings SETTINGS = StudyFixtures.settings("seeds", "2", "threshold", "0.985",
      "maxGenerations", "7");

  /** Runs the whole study, keeping the checkpoint written after round {@code at}. */
  private static Study.Results runKeeping(Study study, Rounds runner, int at, ByteArrayOutputStream checkpoint,
      StudyData data) {
    return study.run(runner, round -> {
      if (round.number() == at) {
        try {
          study.writeCheckpoint(checkpoint, SETTINGS, data.checksums());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
  }

  @Test
  void aResumedStudyEndsExactlyAsTheUninterruptedOne() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    for (Rounds runner : new Rounds[] {new InProcessRounds(data, 1), new InProcessRounds(data, 2)}) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      Study.Results uninterrupted = runKeeping(new Study(SETTINGS, data), runner, 2, bytes, data);

      Checkpoint checkpoint = Checkpoint.read(new ByteArrayInputStream(bytes.toByteArray()));
      assertEquals(2, checkpoint.round());
      assertEquals(SETTINGS.toProperties(), checkpoint.settings());
      assertEquals(data.checksums(), checkpoint.dataChecksums());
      Study resumed = Study.resume(checkpoint, SETTINGS, data);
      assertEquals(2, resumed.rounds());
      Study.Results continued = resumed.run(runner, round -> { });

      assertEquals(StudyFixtures.generationRows(uninterrupted), StudyFixtures.generationRows(continued));
      assertEquals(StudyFixtures.runRows(uninterrupted), StudyFixtures.runRows(continued));
      assertTrue(uninterrupted.runs().stream().anyMatch(r -> r.task().equals("B")), "the study reaches task B");
    }
  }

  @Test
  void aCheckpointWrittenBeforeAKeyExistedResumesWithThatKeyAtItsDefault() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    Rounds runner = new InProcessRounds(data, 2);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Study.Results uninterrupted = runKeeping(new Study(SETTINGS, data), runner, 2, bytes, data);
    byte[] older = withoutSetting(bytes.toByteArray(), "spark.pathnet.noise");
    Checkpoint.verify(new ByteArrayInputStream(older));

    Checkpoint checkpoint = Checkpoint.read(new ByteArrayInputStream(older));
    assertFalse(checkpoint.settings().containsKey("spark.pathnet.noise"));
    Settings continuing = Settings.continuing(checkpoint.settings(), Map.of(), null);
    Study.Results continued = Study.resume(checkpoint, continuing, data).run(runner, round -> { });

    assertEquals(StudyFixtures.generationRows(uninterrupted), StudyFixtures.generationRows(continued));
    assertEquals(StudyFixtures.runRows(uninterrupted), StudyFixtures.runRows(continued));
  }

  /**
   * {@code checkpoint} as a version without the setting {@code key} would have written it: the settings lack the
   * key, and the checksum (the layout on {@link Checkpoint}) covers the bytes as they now are.
   */
  private static byte[] withoutSetting(byte[] checkpoint, String key) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint, 0, checkpoint.length - Long.BYTES));
    ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(rewritten);
    out.write(in.readNBytes("PATHNET-CHECKPOINT".length()));
    out.writeInt(in.readInt());
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      settings.put(in.readUTF(), in.readUTF());
    }
    assertNotNull(settings.remove(key), key + " is in the checkpoint to begin with");
    out.writeInt(settings.size());
    for (Map.Entry<String, String> e : settings.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    in.transferTo(out);
    CRC32C checksum = new CRC32C();
    checksum.update(rewritten.toByteArray());
    out.writeLong(checksum.getValue());
    return rewritten.toByteArray();
  }

  @Test
  void somethingElseIsNotReadAsACheckpoint() {
    IOException e = assertThrows(IOException.class,
        () -> Checkpoint.read(new ByteArrayInputStream("PAR1 not a checkpoint at all".getBytes())));
    assertEquals("not a pathnet checkpoint: it does not start with PATHNET-CHECKPOINT", e.getMessage());
    e = assertThrows(IOException.class, () -> Checkpoint.read(new ByteArrayInputStream("PATH".getBytes())));
    assertEquals("not a pathnet checkpoint: shorter than its header", e.getMessage());
  }

  @Test
  void aCheckpointForOtherSettingsIsRefused() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    runKeeping(new Study(SETTINGS, data), new InProcessRounds(data, 3), 1, bytes, data);
    Checkpoint checkpoint = Checkpoint.read(new ByteArrayInputStream(bytes.toByteArray()));
    Settings moreSeeds = StudyFixtures.settings("seeds", "3", "threshold", "0.985", "maxGenerations", "7");
    IOException e = assertThrows(IOException.class, () -> Study.resume(checkpoint, moreSeeds, data));
    assertEquals("checkpoint holds 8 runs, the settings make 12", e.getMessage());
  }

  /** The checkpoint a 2-seed study writes after its first round. */
  private static byte[] aCheckpoint() {
    StudyData data = StudyFixtures.data(SETTINGS);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    runKeeping(new Study(SETTINGS, data), new InProcessRounds(data, 3), 1, bytes, data);
    return bytes.toByteArray();
  }

  @Test
  void anIntactCheckpointPassesItsOwnChecksum() throws IOException {
    Checkpoint.verify(new ByteArrayInputStream(aCheckpoint()));
  }

  @Test
  void aSingleFlippedBitAnywhereFailsTheChecksumBeforeAnythingIsRead() {
    byte[] bytes = aCheckpoint();
    for (int at : new int[] {40, bytes.length / 2, bytes.length - 9}) {
      byte[] damaged = bytes.clone();
      damaged[at] ^= 0x10;
      IOException e = assertThrows(IOException.class, () -> Checkpoint.verify(new ByteArrayInputStream(damaged)));
      assertEquals("the checkpoint's contents do not match its checksum: the file is damaged or truncated",
          e.getMessage(), "byte " + at);
    }
  }

  @Test
  void aTruncatedOrForeignFileFailsTheCheck() {
    byte[] bytes = aCheckpoint();
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 3);
    assertThrows(IOException.class, () -> Checkpoint.verify(new ByteArrayInputStream(truncated)));
    IOException e = assertThrows(IOException.class,
        () -> Checkpoint.verify(new ByteArrayInputStream("PAR1 a Parquet file, say".getBytes())));
    assertEquals("not a pathnet checkpoint: it does not start with PATHNET-CHECKPOINT", e.getMessage());
  }

  @Test
  void aCountTheSettingsCannotHaveIsRefusedBeforeAnythingIsAllocated() throws IOException {
    // a population of 2^31 - 1 pathways where the settings give 64, behind an otherwise valid header
    java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate(64);
    IOException e = assertThrows(IOException.class, () -> org.pathnet.evolution.Population.readFrom(
        new java.io.DataInputStream(new ByteArrayInputStream(out.putInt(Integer.MAX_VALUE).array())),
        org.pathnet.experiment.TrainingPlan.of(SETTINGS, 784).architecture(), SETTINGS.integer(POPULATION)));
    assertEquals("a population of 2147483647 where the settings give 64", e.getMessage());
  }
}
