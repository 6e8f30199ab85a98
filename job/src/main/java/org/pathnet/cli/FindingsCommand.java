package org.pathnet.cli;

import static org.pathnet.experiment.SettingKey.DATA;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.pathnet.BadInputExit;
import org.pathnet.InvalidInputException;
import org.pathnet.data.MnistDirectory;
import org.pathnet.experiment.GenerationRecord;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.report.Findings;
import org.pathnet.report.StudyResults;
import org.pathnet.report.TableDigest;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * {@code ./submit.sh findings [--out DIR] RUN_DIR...}: writes {@code FINDINGS.md} and its charts (default: the
 * project's {@code docs/}) from finished studies, each run directory named after its study file
 * ({@code runs/seed-profile} for {@code studies/seed-profile.properties}), whose comment says the question. The
 * tables are only read, as {@code report} reads them; a directory that is not a complete study, or has no study
 * file, is refused with one line and exit code 2 before anything is written.
 */
public final class FindingsCommand {
  private static final String STUDIES = "studies";
  /** The line of a study file's comment where its question ends. */
  private static final String RUN_LINE = "Run:";

  private FindingsCommand() {}

  public static void main(String[] args) {
    BadInputExit.run(() -> run(args, new SparkConf()));
  }

  /** Writes the findings of the run directories in {@code args}; returns the page's path. */
  public static Path run(String[] args, SparkConf sparkConf) {
    Path home = Path.of(home());
    Path out = home.resolve("docs");
    List<String> directories = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out")) {
        if (i + 1 == args.length) {
          throw new InvalidInputException("findings: --out needs a directory");
        }
        out = Path.of(args[++i]);
      } else {
        directories.add(args[i]);
      }
    }
    if (directories.isEmpty()) {
      throw new InvalidInputException("findings needs the run directories of finished studies (usage: ./submit.sh"
          + " findings [--out DIR] RUN_DIR...)");
    }
    List<RunDirectory> opened = new ArrayList<>();
    for (String directory : directories) {
      opened.add(RunDirectory.open(directory, new Configuration(), List.of(RunDirectory.RUNS,
          RunDirectory.GENERATIONS)));
    }
    SparkSession spark = SparkSession.builder().config(sparkConf.setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.app.name", "pathnet-findings").setIfMissing("spark.ui.enabled", "false")).getOrCreate();
    Map<String, String> embedded = MnistDirectory.read(home.resolve("data").toUri().toString(), new Configuration())
        .checksums();
    List<StudyResults> studies = new ArrayList<>();
    try {
      for (RunDirectory directory : opened) {
        studies.add(read(spark, directory, home, embedded));
      }
    } finally {
      spark.stop();
    }
    Map<String, byte[]> files = Findings.render(studies);
    try {
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Path target = out.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.write(target, file.getValue());
      }
    } catch (IOException e) {
      throw new InvalidInputException("findings: cannot write " + out + " (" + e.getMessage() + ")", e);
    }
    for (StudyResults s : studies) {
      System.out.printf("pathnet: findings: %s, tables digest %s%n", s.name(), TableDigest.of(s.runs(),
          s.generations()));
    }
    Path page = out.resolve(Findings.PAGE);
    System.out.printf("pathnet: findings written: %s%n", page);
    return page;
  }

  private static StudyResults read(SparkSession spark, RunDirectory directory, Path home,
      Map<String, String> embeddedChecksums) {
    String uri = directory.uri().replaceAll("/+$", "");
    String name = uri.substring(uri.lastIndexOf('/') + 1);
    Path studyFile = home.resolve(STUDIES).resolve(name + ".properties");
    if (!Files.isRegularFile(studyFile)) {
      throw new InvalidInputException(directory.uri() + ": no study file " + studyFile + " (expected a run directory"
          + " named after its study file in studies/)");
    }
    try {
      Settings settings = Settings.fromSparkConf(directory.readConfig(), null);
      Map<String, String> facts = new LinkedHashMap<>();
      for (String field : List.of("commit", "master", "cores", "wallMillis")) {
        facts.put(field, directory.manifestField(field));
      }
      // by content, not by path: studies run in other clones (or worktrees) of the project read the same files
      boolean embedded = directory.dataChecksums().equals(embeddedChecksums);
      facts.put("data", embedded ? "the embedded MNIST subset (`data/`)" : "`" + settings.text(DATA) + "`");
      List<TaskOutcome> runs = ReportCommand.read(directory, RunDirectory.RUNS,
          () -> ResultTables.readRuns(spark, directory.uri()));
      List<GenerationRecord> generations = ReportCommand.read(directory, RunDirectory.GENERATIONS,
          () -> ResultTables.readGenerations(spark, directory.uri()));
      return new StudyResults(name, question(studyFile), settings, facts, runs, generations);
    } catch (IOException e) {
      throw new InvalidInputException(directory.uri() + ": cannot be read (" + e.getMessage() + ")", e);
    }
  }

  /** The question a study file's opening comment asks: its lines up to the one that says how to run it. */
  static String question(Path studyFile) {
    try {
      List<String> lines = new ArrayList<>();
      for (String line : Files.readAllLines(studyFile)) {
        String text = line.strip();
        if (!text.startsWith("#") || text.substring(1).strip().startsWith(RUN_LINE)) {
          break;
        }
        lines.add(text.substring(1).strip());
      }
      return String.join(" ", lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String home() {
    String home = System.getProperty(Settings.HOME_PROPERTY, System.getenv(Settings.HOME_VARIABLE));
    if (home == null || home.isBlank()) {
      throw new InvalidInputException("findings needs the project folder in " + Settings.HOME_VARIABLE
          + " (submit.sh sets it) or -D" + Settings.HOME_PROPERTY);
    }
    return home;
  }
}
