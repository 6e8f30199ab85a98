package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.rundir.RunDirectory;

/**
 * A log that writes row files holds at most a file's worth of rows and the last round's, whatever the number of
 * rounds, and gives every row back in the order it was logged; a file it cannot write names its path.
 */
class GenerationLogTest {
  private static final Settings SETTINGS = StudyFixtures.settings();
  private static final Map<String, org.pathnet.network.Architecture> ARCHITECTURES =
      StudyRuns.of(SETTINGS, 28 * 28).architectures();

  /** Round {@code round}'s rows: {@code runs} runs' generation {@code round}. */
  private static List<GenerationRecord> round(int round, int runs) {
    List<GenerationRecord> rows = new ArrayList<>();
    for (int seed = 0; seed < runs; seed++) {
      rows.add(new GenerationRecord(Variant.BASE_LABEL, "5,6->6,7", seed, "pathnet", "A", round, round / 1000.0,
          seed % 2 == 0 ? null : 0.25, new int[][] {{0, 1, 2}, {3, 4, 5}, {6, 7, seed % 10}}, 1.5));
    }
    return rows;
  }

  @Test
  void aLogHoldsAtMostAFilesWorthAndARoundAndGivesEveryRowBackInOrder(@TempDir Path dir) throws IOException {
    RunDirectory directory = RunDirectory.claim(dir.resolve("study").toUri().toString(), false, new Configuration());
    GenerationLog log = GenerationLog.writingTo(directory.generationRows(), ARCHITECTURES, 100);
    List<GenerationRecord> logged = new ArrayList<>();
    int mostHeld = 0;
    for (int r = 1; r <= 302; r++) {
      List<GenerationRecord> rows = round(r, 7);
      log.add(rows);
      logged.addAll(rows);
      mostHeld = Math.max(mostHeld, (int) (log.count() - log.files().stream().mapToLong(RowFile::rows).sum()));
    }
    assertTrue(mostHeld < 100, mostHeld + " rows held at most");
    assertEquals(2_114, log.count());
    assertEquals(20, log.files().size(), "a file every 15 rounds (105 rows), 14 rows held");
    log.finish();
    assertEquals(21, log.files().size());
    assertEquals(2_114, log.files().stream().mapToLong(RowFile::rows).sum());

    List<GenerationRecord> read = log.rows();
    assertEquals(logged.size(), read.size());
    for (int i = 0; i < logged.size(); i++) {
      GenerationRecord e = logged.get(i);
      GenerationRecord r = read.get(i);
      assertEquals(List.of(e.seed(), e.generation(), e.winnerFitness(), String.valueOf(e.loserFitness()),
          java.util.Arrays.deepToString(e.winnerPath()), e.trainMillis()), List.of(r.seed(), r.generation(),
          r.winnerFitness(), String.valueOf(r.loserFitness()), java.util.Arrays.deepToString(r.winnerPath()),
          r.trainMillis()), "row " + i);
    }
    directory.release();
  }

  @Test
  void aRowFileThatCannotBeWrittenNamesItsPath(@TempDir Path dir) throws IOException {
    RunDirectory directory = RunDirectory.claim(dir.resolve("study").toUri().toString(), false, new Configuration());
    GenerationLog log = GenerationLog.writingTo(directory.generationRows(), ARCHITECTURES, 10);
    // the directory gone: a file system that went away, as a late write finds it
    try (var files = Files.walk(dir.resolve("study").resolve("generation-rows"))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    GenerationLog.WriteFailed e = assertThrows(GenerationLog.WriteFailed.class, () -> log.add(round(1, 10)));
    assertTrue(e.path().endsWith("/study/generation-rows/rows-000000.bin"), e.path());
    directory.release();
  }
}
