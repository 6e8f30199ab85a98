package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.fixtures.DirectorySnapshot;
import org.pathnet.fixtures.TinyStudy;
import org.pathnet.report.Report;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/** {@code ./submit.sh report DIR}'s main class: rebuilds report/ from a finished study, refuses anything else. */
class ReportCommandTest {
  private static final SparkConf CONF = new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false");

  private static Set<String> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return new TreeSet<>(files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).toList());
    }
  }

  @Test
  void rebuildsTheReportTheStudyWroteAndLeavesTheTablesAlone(@TempDir Path work) throws IOException {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    Set<String> written = files(run.resolve("report"));
    assertTrue(written.contains(Report.PAGE), written.toString());
    byte[] runsTable = Files.readAllBytes(onlyParquet(run.resolve("runs")));
    String html = Files.readString(run.resolve("report").resolve(Report.PAGE));

    Files.writeString(run.resolve("report").resolve("stale.png"), "from an earlier build");
    ReportCommand.run(new String[] {run.toString()}, CONF.clone());

    assertEquals(written, files(run.resolve("report")), "the same files, the stale one replaced");
    assertEquals(html, Files.readString(run.resolve("report").resolve(Report.PAGE)), "the same page");
    assertArrayEquals(runsTable, Files.readAllBytes(onlyParquet(run.resolve("runs"))));
  }

  private static Path onlyParquet(Path table) throws IOException {
    try (Stream<Path> files = Files.list(table)) {
      List<Path> parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
      assertEquals(1, parquet.size(), parquet.toString());
      return parquet.get(0);
    }
  }

  @Test
  void refusesADirectoryWhoseStudyDidNotFinish(@TempDir Path work) throws IOException {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    Files.delete(run.resolve("manifest.json"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ReportCommand.run(new String[] {run.toString()}, CONF.clone()));
    assertTrue(e.getMessage().contains("no complete manifest.json"), e.getMessage());

    Files.writeString(run.resolve("manifest.json"), "{\"status\": \"running\"}");
    assertThrows(InvalidInputException.class, () -> ReportCommand.run(new String[] {run.toString()}, CONF.clone()));
  }

  @Test
  void refusesADirectoryWithoutItsTables(@TempDir Path work) {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    TinyStudy.delete(run.resolve("generations"));
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ReportCommand.run(new String[] {run.toString()}, CONF.clone()));
    assertTrue(e.getMessage().contains("has no generations/ table"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line");
  }

  /** The one Parquet file of {@code table} in the run directory {@code run}. */
  private static Path tableFile(Path run, String table) throws IOException {
    return onlyParquet(run.resolve(table));
  }

  /** Runs the command on {@code run}, asserts it is refused and changes nothing there, and returns the message. */
  private static String refusal(Path run) throws IOException {
    Map<String, String> before = DirectorySnapshot.of(run);
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> ReportCommand.run(new String[] {run.toString()}, CONF.clone()));
    assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    assertEquals(before, DirectorySnapshot.of(run), "nothing written");
    return e.getMessage();
  }

  @Test
  void refusesATruncatedTableFileByName(@TempDir Path work) throws IOException {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    Path file = tableFile(run, RunDirectory.RUNS);
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
    assertTrue(refusal(run).startsWith("file:" + file + ": not a whole Parquet file, the runs table is damaged"));
  }

  @Test
  void refusesAnEmptyTableFileByName(@TempDir Path work) throws IOException {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    Path file = tableFile(run, RunDirectory.GENERATIONS);
    Files.write(file, new byte[0]);
    Files.delete(file.resolveSibling("." + file.getFileName() + ".crc"));
    assertTrue(refusal(run).contains("is not a Parquet file (length is too low: 0)"));
  }

  @Test
  void refusesATableWithFewerRowsThanTheManifestCounts(@TempDir Path work) throws IOException {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    Files.delete(tableFile(run, RunDirectory.GENERATIONS));
    assertTrue(refusal(run).matches(".*/generations: holds 0 rows but manifest.json counts \\d+ .*"));
  }

  @Test
  void refusesATableDamagedInsideAFileNamingTheFile(@TempDir Path work) throws IOException {
    Path run = TinyStudy.copyTo(work.resolve("run"));
    Path file = tableFile(run, RunDirectory.GENERATIONS);
    byte[] bytes = Files.readAllBytes(file);
    // in the first column's data, the variant, which the report reads (it reads only the columns it draws)
    bytes[8] ^= (byte) 0xff;
    Files.write(file, bytes);
    String message = refusal(run);
    assertTrue(message.contains("/generations: cannot be read, the table is damaged (Checksum error: file:" + file),
        message);
  }

  @Test
  void refusesAMissingDirectoryAndWrongArguments(@TempDir Path work) {
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> ReportCommand.run(new String[] {work.resolve("nothing").toString()}, CONF.clone()));
    assertTrue(missing.getMessage().contains("no such run directory"), missing.getMessage());
    assertThrows(InvalidInputException.class, () -> ReportCommand.run(new String[0], CONF.clone()));
  }
}
