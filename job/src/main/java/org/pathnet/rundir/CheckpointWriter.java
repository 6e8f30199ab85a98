package org.pathnet.rundir;

import static org.pathnet.experiment.SettingKey.CHECKPOINT_EVERY;
import static org.pathnet.experiment.SettingKey.GENERATIONS_PER_ROUND;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;

/**
 * Writes the study's checkpoint into its run directory every {@code checkpointEvery} generations: after each
 * round that reaches the next multiple (a round is {@code generationsPerRound} generations); and once the study has
 * finished, before its tables.
 */
public final class CheckpointWriter implements Study.Listener {
  private final Study study;
  private final Settings settings;
  private final StudyData data;
  private final RunDirectory directory;

  public CheckpointWriter(Study study, Settings settings, StudyData data, RunDirectory directory) {
    this.study = study;
    this.settings = settings;
    this.data = data;
    this.directory = directory;
  }

  /** Whether a checkpoint is due after round {@code round}: it reaches the next multiple of checkpointEvery. */
  public static boolean due(Settings settings, int round) {
    long every = settings.integer(CHECKPOINT_EVERY);
    long perRound = settings.integer(GENERATIONS_PER_ROUND);
    return every > 0 && round * perRound / every != (round - 1) * perRound / every;
  }

  @Override
  public void roundFinished(Round round) {
    if (due(settings, round.number())) {
      write(round.number());
    }
  }

  /**
   * Writes the finished study's checkpoint, whatever checkpointEvery says: its rows without any parameters, small, so
   * that a study whose tables cannot be written loses nothing and {@code --resume} writes them.
   */
  public void finished() {
    write(study.rounds());
  }

  private void write(int round) {
    try {
      directory.writeCheckpoint(round, (files, out) -> study.writeCheckpoint(files, out, settings, data.checksums()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a checkpoint into " + directory.uri(), e);
    }
  }
}
