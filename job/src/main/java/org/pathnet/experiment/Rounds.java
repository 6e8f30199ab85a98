package org.pathnet.experiment;

import java.util.List;
import java.util.function.Consumer;

/**
 * Plays a study's rounds where its runs' parameters live: in this process ({@link InProcessRounds}) or on Spark
 * (the spark package). The study keeps copies of its runs without parameters, which follow the runs from the
 * {@link Scores} each round hands back (docs/DESIGN.md, "Data flow (the user's design card)"). A round is
 * {@code generationsPerRound} = G generations of every run (fewer for a run that finishes). Results never depend on
 * where, nor on G: every random stream is keyed by generation. Rounds that only measure or check the core take no
 * checkpoint part ({@link #save}, {@link #restore}).
 */
public interface Rounds {
  /**
   * Takes a new study's runs before its first round: every run of {@code runs}, started where it will play from its
   * index ({@link StudyRuns#start}), its parameters drawn at first use. The study keeps their followers.
   */
  void host(StudyRuns runs);

  /**
   * Plays round {@code round} (numbered from 1, as {@link Study.Listener} is told) of the runs whose followers are
   * {@code runs}, and hands each run's {@link Scores} to {@code done} as soon as they are known, in the runs' order.
   * Returns the bytes that crossed the driver in both directions (0 in-process).
   */
  long advance(int round, List<Run> runs, Consumer<Scores> done);

  /**
   * Takes the unfinished runs of a study resumed from a checkpoint, before its first round here: their
   * {@code followers}' copies given the parameters the {@code shards} in {@code files} hold, read where they will play.
   */
  default void restore(List<Run> followers, List<ShardFile> shards, StudyFiles files, int round) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume a study");
  }

  /**
   * Writes the unfinished runs' parameters as round {@code round} left them into {@code files}, shard by shard where
   * they are kept; only after a round a checkpoint is due. Returns the files' entries.
   */
  default List<ShardFile> save(int round, StudyFiles files) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot write a checkpoint");
  }
}
