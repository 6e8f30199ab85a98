package org.pathnet.cli;

import static org.pathnet.experiment.SettingKey.DATA;
import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.PARTITIONS;
import static org.pathnet.experiment.SettingKey.STOP_WHEN_SOLVED;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Checkpoint;
import org.pathnet.experiment.GenerationLog;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ExecutorMemory;

/**
 * How a job begins, everything checked before Spark starts: a new study in a claimed directory, or a study
 * resumed in its own directory from the last checkpoint there (docs/PATHNET.md's checkpointEvery).
 */
final class StudyStart {
  final Settings settings;
  final StudyData data;
  final RunDirectory directory;
  final Study study;

  private StudyStart(Settings settings, StudyData data, RunDirectory directory, Study study) {
    this.settings = settings;
    this.data = data;
    this.directory = directory;
    this.study = study;
  }

  /**
   * A new study of the settings in {@code conf}, in the directory {@code out}: absent or empty, or holding a
   * complete study that {@code overwrite} allows to be replaced.
   */
  static StudyStart fresh(String out, boolean overwrite, Map<String, String> conf, String home,
      Configuration hadoop) {
    Settings settings = Settings.fromSparkConf(conf, home);
    StudyData data = StudyData.load(settings, hadoop);
    ExecutorMemory executors = ExecutorMemory.of(conf, null);
    if (executors != null) {
      StudyRuns runs = StudyRuns.of(settings, data.inputSize());
      executors.check(runs.count(), runs.stateBytes(), runs.largestRunBytes(), settings.integer(PARTITIONS));
    }
    RunDirectory directory = RunDirectory.claim(out, overwrite, hadoop);
    GenerationLog rows;
    try {
      writeConfig(directory, settings);
      rows = GenerationLog.writingTo(directory.generationRows(),
          StudyRuns.of(settings, data.inputSize()).architectures());
    } catch (IOException e) {
      directory.release();
      throw new InvalidInputException("run directory " + directory.uri() + ": cannot be written ("
          + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      directory.release();
      throw e;
    }
    return new StudyStart(settings, data, directory, new Study(settings, data, rows));
  }

  /**
   * The study in {@code dir}, continued from its last checkpoint under its own settings ({@code conf}'s
   * spark.pathnet.* entries may only repeat them, or raise maxGenerations while no task has reached the old cap),
   * on the same data files.
   */
  static StudyStart resume(String dir, Map<String, String> conf, String home, Configuration hadoop) {
    RunDirectory directory = RunDirectory.forResume(dir, hadoop);
    try {
      Path latest = directory.latestCheckpoint();
      // the whole file is checked against its own checksum before any of it is used
      try (InputStream whole = directory.openCheckpoint(latest)) {
        Checkpoint.verify(whole);
      }
      try (InputStream in = directory.openCheckpoint(latest)) {
        Checkpoint checkpoint = Checkpoint.read(in);
        Settings settings = Settings.continuing(checkpoint.settings(), conf, home);
        StudyData data = StudyData.load(settings, hadoop);
        if (!data.checksums().equals(checkpoint.dataChecksums())) {
          throw new InvalidInputException("--resume " + dir + ": the data files in " + settings.text(DATA)
              + " are not the ones the study was reading (SHA-256 differs)");
        }
        Study study = Study.resume(checkpoint, directory.checkpointShards(latest), directory.generationRows(),
            settings, data);
        int cap = Integer.parseInt(checkpoint.settings().get(Settings.PREFIX + "maxGenerations"));
        if (settings.integer(MAX_GENERATIONS) != cap && study.anyTaskReachedTheCap(settings.flag(STOP_WHEN_SOLVED))) {
          throw new InvalidInputException("--resume " + dir + ": maxGenerations cannot be raised from " + cap
              + ", a task has already run to that cap");
        }
        directory.removeUnfinishedOutputs();
        writeConfig(directory, settings);
        System.out.printf("pathnet: resuming %s after round %d%n", directory.uri(), study.rounds());
        return new StudyStart(settings, data, directory, study);
      }
    } catch (IOException e) {
      directory.release();
      throw new InvalidInputException("--resume " + dir + ": cannot read its checkpoint (" + e.getMessage() + ")", e);
    } catch (RuntimeException e) {
      directory.release();
      throw e;
    }
  }

  private static void writeConfig(RunDirectory directory, Settings settings) {
    try {
      directory.writeConfig(settings.toProperties());
    } catch (IOException e) {
      throw new InvalidInputException("run directory " + directory.uri() + ": cannot be written ("
          + e.getMessage() + ")", e);
    }
  }
}
