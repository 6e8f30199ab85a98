package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.InvalidInputException;
import org.pathnet.report.Report;

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

  @Test
  void refusesAMissingDirectoryAndWrongArguments(@TempDir Path work) {
    InvalidInputException missing = assertThrows(InvalidInputException.class,
        () -> ReportCommand.run(new String[] {work.resolve("nothing").toString()}, CONF.clone()));
    assertTrue(missing.getMessage().contains("no such run directory"), missing.getMessage());
    assertThrows(InvalidInputException.class, () -> ReportCommand.run(new String[0], CONF.clone()));
  }
}
