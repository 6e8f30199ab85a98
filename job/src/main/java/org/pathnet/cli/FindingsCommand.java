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
import java.util.stream.Stream;
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
import org.pathnet.report.TransferMap;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * {@code ./submit.sh findings [--out DIR] RUN_DIR...}: writes {@code FINDINGS.md} and its charts (default: the
 * project's {@code docs/}) from finished studies, each run directory named after its study file
 * ({@code runs/seed-profile} for {@code studies/seed-profile.properties}), whose comment says the question, or
 * after a folder of study files run in parts ({@code runs/transfer-map/adam} for
 * {@code studies/transfer-map/adam.properties}), whose README says it. The
 * tables are only read, as {@code report} reads them; a directory that is not a complete study, or has no study
 * file, is refused with one line and exit code 2 before anything is written.
 */
public final class FindingsCommand {
  private static final String STUDIES = "studies";
  /** The line of a study file's comment where its question ends. */
  private static final String RUN_LINE = "Run:";
  private static final String PROPERTIES = ".properties";
  private static final String README = "README.md";
  private static final String QUESTION = "Question:";

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
    List<Source> sources = new ArrayList<>();
    for (String directory : directories) {
      sources.add(source(directory, home));
    }
    SparkSession spark = SparkSession.builder().config(sparkConf.setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.app.name", "pathnet-findings").setIfMissing("spark.ui.enabled", "false")).getOrCreate();
    Map<String, String> embedded = MnistDirectory.read(home.resolve("data").toUri().toString(), new Configuration())
        .checksums();
    List<StudyResults> studies = new ArrayList<>();
    try {
      for (Source source : sources) {
        studies.add(source.read(spark, embedded));
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
      for (StudyResults part : s.parts()) {
        System.out.printf("pathnet: findings: %s, tables digest %s%n", part.name(), TableDigest.of(part.runs(),
            part.generations()));
      }
      System.out.printf("pathnet: findings: %s, tables digest %s%n", s.name(), TableDigest.of(s.runs(),
          s.generations()));
    }
    Path page = out.resolve(Findings.PAGE);
    System.out.printf("pathnet: findings written: %s%n", page);
    return page;
  }

  /**
   * A finished study to read: one run directory and its study file, or a folder of parts ({@code readme} set) at
   * {@code uri}.
   */
  private record Source(String name, String uri, Path readme, List<Part> parts) {
    /**
     * The study's results; a study in parts whose map no part holds gets its {@code transferMap} table written into
     * the folder, once, where Spark SQL and the Zeppelin note read a run directory's.
     */
    StudyResults read(SparkSession spark, Map<String, String> embeddedChecksums) {
      List<StudyResults> read = new ArrayList<>();
      for (Part part : parts) {
        read.add(part.read(spark, embeddedChecksums));
      }
      if (readme == null) {
        return read.get(0);
      }
      StudyResults joined = StudyResults.joined(name, partsQuestion(readme), read);
      org.apache.hadoop.fs.Path table = new org.apache.hadoop.fs.Path(uri, RunDirectory.TRANSFER_MAP);
      try {
        if (!table.getFileSystem(new Configuration()).exists(table)) {
          TransferMap map = TransferMap.ifAny(joined.runs(), joined.settings(), joined.summary());
          if (map != null) {
            ResultTables.write(ResultTables.transferMap(spark, map), uri, RunDirectory.TRANSFER_MAP);
          }
        }
      } catch (IOException e) {
        throw new InvalidInputException(uri + ": cannot write its transferMap table (" + e.getMessage() + ")", e);
      }
      return joined;
    }
  }

  /** One study file and the directory it ran into. */
  private record Part(String name, RunDirectory directory, Path studyFile) {
    StudyResults read(SparkSession spark, Map<String, String> embeddedChecksums) {
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
  }

  /**
   * The run directory {@code uri} with its study: the file {@code studies/NAME.properties}, or a folder
   * {@code studies/NAME/} of parts, each file {@code PART.properties} run into {@code uri/PART}; NAME is the
   * directory's own name. Each directory is opened, so that one that is no finished study is refused before any
   * is read.
   */
  private static Source source(String uri, Path home) {
    String trimmed = uri.replaceAll("/+$", "");
    String name = trimmed.substring(trimmed.lastIndexOf('/') + 1);
    Path studyFile = home.resolve(STUDIES).resolve(name + ".properties");
    Path folder = home.resolve(STUDIES).resolve(name);
    if (Files.isRegularFile(studyFile)) {
      return new Source(name, uri, null, List.of(new Part(name, open(uri), studyFile)));
    }
    if (!Files.isDirectory(folder)) {
      throw new InvalidInputException(uri + ": no study file " + studyFile + " nor folder " + folder + " of parts"
          + " (expected a run directory named after its study in studies/)");
    }
    List<Part> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.getFileName().toString().endsWith(PROPERTIES)).sorted().toList()) {
        String part = file.getFileName().toString().replaceFirst("\\.properties$", "");
        parts.add(new Part(name + "/" + part, open(trimmed + "/" + part), file));
      }
    } catch (IOException e) {
      throw new InvalidInputException(folder + ": cannot be read (" + e.getMessage() + ")", e);
    }
    if (parts.isEmpty()) {
      throw new InvalidInputException(folder + ": no study files (expected the parts of " + name + ", PART"
          + PROPERTIES + ")");
    }
    return new Source(name, trimmed, folder.resolve(README), parts);
  }

  private static RunDirectory open(String uri) {
    return RunDirectory.open(uri, new Configuration(), List.of(RunDirectory.RUNS, RunDirectory.GENERATIONS));
  }

  /** The question of a study in parts: the paragraph of its folder's README that starts with "Question:". */
  static String partsQuestion(Path readme) {
    try {
      List<String> paragraph = new ArrayList<>();
      for (String line : Files.readAllLines(readme)) {
        if (paragraph.isEmpty() ? line.startsWith(QUESTION) : !line.isBlank()) {
          paragraph.add(line.strip());
        } else if (!paragraph.isEmpty()) {
          break;
        }
      }
      if (paragraph.isEmpty()) {
        throw new InvalidInputException(readme + ": no paragraph starting \"" + QUESTION + "\" (expected the"
            + " question the study's parts answer together)");
      }
      return String.join(" ", paragraph);
    } catch (IOException e) {
      throw new InvalidInputException(readme + ": cannot be read (" + e.getMessage() + "; expected the question"
          + " the study's parts answer together)", e);
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
