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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.rundir.RunDirectory;

/**
 * A study continued from a checkpoint ends exactly as the uninterrupted study: the checkpoint holds populations,
 * paths, progress and the rows logged so far (or the row files they went into) in the driver's file, and the
 * unfinished runs' parameters and optimiser moments in shard files beside it, each checked against its own checksum
 * and the driver's.
 */
class CheckpointTest {
  private static final Settings SETTINGS = StudyFixtures.settings("seeds", "2", "threshold", "0.985",
      "maxGenerations", "7");

  @TempDir
  Path dir;
  /** The run directory {@link #directory} claimed last. */
  private Path study;

  /** A new run directory for a study, in this test's temporary directory. */
  private RunDirectory directory() {
    study = dir.resolve("study-" + dir.toFile().list().length);
    return RunDirectory.claim(study.toUri().toString(), false, new Configuration());
  }

  /** Runs the whole study, writing its checkpoint into {@code directory} after round {@code at}. */
  private static Study.Results runKeeping(Study study, Rounds runner, int at, RunDirectory directory,
      StudyData data) {
    return study.run(runner, round -> {
      if (round.number() == at) {
        write(study, directory, at, data);
      }
    });
  }

  private static void write(Study study, RunDirectory directory, int round, StudyData data) {
    try {
      directory.writeCheckpoint(round, (files, out) -> study.writeCheckpoint(files, out, SETTINGS,
          data.checksums()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The study that {@code directory}'s latest checkpoint continues, under {@code settings}. */
  private static Study resume(RunDirectory directory, Settings settings, StudyData data) throws IOException {
    org.apache.hadoop.fs.Path latest = directory.latestCheckpoint();
    try (InputStream in = directory.openCheckpoint(latest)) {
      Checkpoint checkpoint = Checkpoint.read(in);
      return Study.resume(checkpoint, directory.checkpointShards(latest), directory.generationRows(), settings, data);
    }
  }

  /** The one checkpoint directory the study left, and its files. */
  private Path checkpointDirectory() throws IOException {
    try (var files = Files.list(study)) {
      List<Path> checkpoints = files.filter(p -> p.getFileName().toString().startsWith("checkpoint-")).toList();
      assertEquals(1, checkpoints.size(), "one checkpoint: " + checkpoints);
      return checkpoints.get(0);
    }
  }

  /** Replaces {@code file} with {@code bytes}, as a copy made without Hadoop's {@code .crc} side file would. */
  private static void overwrite(Path file, byte[] bytes) throws IOException {
    Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    Files.write(file, bytes);
  }

  @Test
  void aResumedStudyEndsExactlyAsTheUninterruptedOne() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    for (int perRound : new int[] {1, 2}) {
      Rounds runner = new InProcessRounds(data, perRound);
      RunDirectory directory = directory();
      Study.Results uninterrupted = runKeeping(new Study(SETTINGS, data), runner, 2, directory, data);
      try (var files = Files.list(checkpointDirectory())) {
        assertEquals(List.of("shard-00000.bin", "study.bin"), files.map(p -> p.getFileName().toString())
            .filter(name -> !name.startsWith(".")).sorted().toList());
      }

      Study resumed = resume(directory, SETTINGS, data);
      assertEquals(2, resumed.rounds());
      Study.Results continued = resumed.run(new InProcessRounds(data, perRound), round -> { });

      assertEquals(StudyFixtures.generationRows(uninterrupted), StudyFixtures.generationRows(continued));
      assertEquals(StudyFixtures.runRows(uninterrupted), StudyFixtures.runRows(continued));
      assertTrue(uninterrupted.runs().stream().anyMatch(r -> r.task().equals("B")), "the study reaches task B");
    }
  }

  /**
   * Runs the whole study, a generation a round, its log writing a row file into {@code directory} whenever it holds
   * 5 rows, and its checkpoint after round 3; {@code filesAtCheckpoint[0]} is then how many row files there were.
   */
  private Study.Results writingRowFiles(RunDirectory directory, StudyData data, int[] filesAtCheckpoint)
      throws IOException {
    Study playing = new Study(SETTINGS, data, GenerationLog.writingTo(directory.generationRows(),
        StudyRuns.of(SETTINGS, data.inputSize()).architectures(), 5));
    return playing.run(new InProcessRounds(data, 1), round -> {
      if (round.number() == 3) {
        write(playing, directory, 3, data);
        filesAtCheckpoint[0] = study.resolve("generation-rows").toFile().list((d, name) -> !name.startsWith("."))
            .length;
      }
    });
  }

  @Test
  void aStudyWhoseRowsWentIntoFilesResumesToTheSameRows() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    RunDirectory directory = directory();
    int[] filesAtCheckpoint = new int[1];
    Study.Results uninterrupted = writingRowFiles(directory, data, filesAtCheckpoint);
    // the uninterrupted study wrote more files after the checkpoint, which the resumed one writes again
    assertTrue(filesAtCheckpoint[0] > 1, filesAtCheckpoint[0] + " row files at the checkpoint");
    assertTrue(uninterrupted.generations().files().size() > filesAtCheckpoint[0]);

    Study resumed = resume(directory, SETTINGS, data);
    Study.Results continued = resumed.run(new InProcessRounds(data, 1), round -> { });

    assertEquals(StudyFixtures.generationRows(uninterrupted), StudyFixtures.generationRows(continued));
    assertEquals(StudyFixtures.runRows(uninterrupted), StudyFixtures.runRows(continued));
  }

  @Test
  void aDamagedRowFileIsRefusedByNameBeforeAnyRoundPlays() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    RunDirectory directory = directory();
    writingRowFiles(directory, data, new int[1]);
    Path file = study.resolve("generation-rows").resolve("rows-000001.bin");
    byte[] damaged = Files.readAllBytes(file);
    damaged[damaged.length / 2] ^= 0x08;
    overwrite(file, damaged);
    IOException e = assertThrows(IOException.class, () -> resume(directory, SETTINGS, data));
    assertEquals("rows-000001.bin: its contents do not match its checksum: the file is damaged or truncated",
        e.getMessage());
  }

  @Test
  void aFinishedStudysCheckpointHoldsNoParametersAndResumesToItsTables() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    RunDirectory directory = directory();
    Study study = new Study(SETTINGS, data);
    Study.Results results = study.run(new InProcessRounds(data, 3), round -> { });
    write(study, directory, study.rounds(), data);
    try (var files = Files.list(checkpointDirectory())) {
      assertEquals(List.of("study.bin"), files.map(p -> p.getFileName().toString())
          .filter(name -> !name.startsWith(".")).toList());
    }

    Study resumed = resume(directory, SETTINGS, data);
    Study.Results again = resumed.run(new InProcessRounds(data, 3), round -> {
      throw new AssertionError("a finished study plays no round");
    });
    assertEquals(StudyFixtures.generationRows(results), StudyFixtures.generationRows(again));
    assertEquals(StudyFixtures.runRows(results), StudyFixtures.runRows(again));
  }

  @Test
  void aCheckpointWrittenBeforeAKeyExistedResumesWithThatKeyAtItsDefault() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    RunDirectory directory = directory();
    Study.Results uninterrupted = runKeeping(new Study(SETTINGS, data), new InProcessRounds(data, 2), 2, directory,
        data);
    Path file = checkpointDirectory().resolve("study.bin");
    byte[] older = withoutSetting(Files.readAllBytes(file), "spark.pathnet.noise");
    Checkpoint.verify(new ByteArrayInputStream(older));
    overwrite(file, older);

    Checkpoint checkpoint = Checkpoint.read(new ByteArrayInputStream(older));
    assertFalse(checkpoint.settings().containsKey("spark.pathnet.noise"));
    Settings continuing = Settings.continuing(checkpoint.settings(), Map.of(), null);
    Study.Results continued = resume(directory, continuing, data).run(new InProcessRounds(data, 2), round -> { });

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
  void aCheckpointOfAnEarlierFormatIsRefusedInOneLine() throws IOException {
    for (int format : new int[] {3, 4}) {
      ByteArrayOutputStream earlier = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(earlier);
      out.write("PATHNET-CHECKPOINT".getBytes(StandardCharsets.US_ASCII));
      out.writeInt(format);
      IOException e = assertThrows(IOException.class,
          () -> Checkpoint.read(new ByteArrayInputStream(earlier.toByteArray())));
      assertEquals("a pathnet checkpoint of format " + format + ", written by another version of pathnet-spark; this"
          + " version reads format 5 only (rerun the study)", e.getMessage());
    }
  }

  @Test
  void aCheckpointForOtherSettingsIsRefused() {
    StudyData data = StudyFixtures.data(SETTINGS);
    RunDirectory directory = directory();
    runKeeping(new Study(SETTINGS, data), new InProcessRounds(data, 3), 1, directory, data);
    Settings moreSeeds = StudyFixtures.settings("seeds", "3", "threshold", "0.985", "maxGenerations", "7");
    IOException e = assertThrows(IOException.class, () -> resume(directory, moreSeeds, data));
    assertEquals("checkpoint holds 8 runs, the settings make 12", e.getMessage());
  }

  /** The files of the checkpoint a 2-seed study writes after its first round: study.bin, then its shard's. */
  private byte[][] aCheckpoint() throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    runKeeping(new Study(SETTINGS, data), new InProcessRounds(data, 3), 1, directory(), data);
    Path checkpoint = checkpointDirectory();
    return new byte[][] {Files.readAllBytes(checkpoint.resolve("study.bin")),
        Files.readAllBytes(checkpoint.resolve("shard-00000.bin"))};
  }

  @Test
  void anIntactCheckpointPassesItsOwnChecksum() throws IOException {
    Checkpoint.verify(new ByteArrayInputStream(aCheckpoint()[0]));
  }

  @Test
  void aSingleFlippedBitAnywhereFailsTheChecksumBeforeAnythingIsRead() throws IOException {
    byte[] bytes = aCheckpoint()[0];
    for (int at : new int[] {40, bytes.length / 2, bytes.length - 9}) {
      byte[] damaged = bytes.clone();
      damaged[at] ^= 0x10;
      IOException e = assertThrows(IOException.class, () -> Checkpoint.verify(new ByteArrayInputStream(damaged)));
      assertEquals("the checkpoint's contents do not match its checksum: the file is damaged or truncated",
          e.getMessage(), "byte " + at);
    }
  }

  @Test
  void aTruncatedOrForeignFileFailsTheCheck() throws IOException {
    byte[] bytes = aCheckpoint()[0];
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 3);
    assertThrows(IOException.class, () -> Checkpoint.verify(new ByteArrayInputStream(truncated)));
    IOException e = assertThrows(IOException.class,
        () -> Checkpoint.verify(new ByteArrayInputStream("PAR1 a Parquet file, say".getBytes())));
    assertEquals("not a pathnet checkpoint: it does not start with PATHNET-CHECKPOINT", e.getMessage());
  }

  /** What resuming says of the checkpoint's shard file once {@code damage} has changed it. */
  private String resumedWithShard(java.util.function.UnaryOperator<byte[]> damage) throws IOException {
    StudyData data = StudyFixtures.data(SETTINGS);
    RunDirectory directory = directory();
    runKeeping(new Study(SETTINGS, data), new InProcessRounds(data, 3), 1, directory, data);
    Path shard = checkpointDirectory().resolve("shard-00000.bin");
    overwrite(shard, damage.apply(Files.readAllBytes(shard)));
    Study resumed = resume(directory, SETTINGS, data);
    UncheckedIOException e = assertThrows(UncheckedIOException.class,
        () -> resumed.start(new InProcessRounds(data, 3)));
    assertTrue(e.getMessage().startsWith("cannot read the checkpoint's shard files in "), e.getMessage());
    return e.getCause().getMessage();
  }

  @Test
  void aShardFileDamagedAnywhereIsRefusedByNameBeforeAnyRunPlays() throws IOException {
    for (double where : new double[] {0.2, 0.5, 0.99}) {
      assertEquals("shard-00000.bin: its contents do not match its checksum: the file is damaged or truncated",
          resumedWithShard(bytes -> {
            byte[] damaged = bytes.clone();
            damaged[(int) (where * (bytes.length - 8))] ^= 0x04;
            return damaged;
          }), "byte at " + where);
    }
    assertEquals("shard-00000.bin: it is shorter than its runs: the file is truncated",
        resumedWithShard(bytes -> java.util.Arrays.copyOf(bytes, bytes.length / 2)));
    assertEquals("shard-00000.bin: it does not start with PATHNET-SHARD",
        resumedWithShard(bytes -> "PAR1 a Parquet file".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void aShardFileFromAnotherCheckpointIsRefused() throws IOException {
    byte[] otherRound = aCheckpoint()[1];
    java.nio.ByteBuffer.wrap(otherRound).putInt("PATHNET-SHARD".length() + Integer.BYTES, 5);
    assertEquals("shard-00000.bin: it is of format 5 and round 5, the checkpoint of format 5 and round 1",
        resumedWithShard(bytes -> otherRound));
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
