package org.pathnet.experiment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Rounds played in this process, one run after another: for tests of the core and for the benchmark's kernels. The
 * same steps, in the same order, as a Spark task takes with the runs it plays; its checkpoints are one shard.
 */
public final class InProcessRounds implements Rounds {
  private final ExampleSource data;
  private final int generations;
  /** The runs with their parameters, by index. */
  private final Map<Integer, Run> hosted = new TreeMap<>();

  /** Rounds of {@code generations} generations on {@code data}'s examples. */
  public InProcessRounds(ExampleSource data, int generations) {
    this.data = new KeptSamplers(data);
    this.generations = generations;
  }

  @Override
  public void host(StudyRuns runs) {
    hosted.clear();
    for (int index = 0; index < runs.count(); index++) {
      hosted.put(index, runs.start(index));
    }
  }

  @Override
  public void restore(List<Run> followers, List<ShardFile> shards, StudyFiles files, int round) {
    Map<Integer, Run> byIndex = new HashMap<>();
    followers.forEach(run -> byIndex.put(run.index(), run));
    hosted.clear();
    try {
      for (ShardFile shard : shards) {
        shard.read(files, round, byIndex).forEach(run -> hosted.put(run.index(), run));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the checkpoint's shard files in " + files, e);
    }
  }

  @Override
  public long advance(int round, List<Run> runs, Consumer<Scores> done) {
    for (Run follower : runs) {
      Run run = hosted.get(follower.index());
      run.advance(generations, data);
      done.accept(run.takeScores());
    }
    return 0;
  }

  @Override
  public List<ShardFile> save(int round, StudyFiles files) {
    try {
      ShardFile shard = ShardFile.write(files, ShardFile.name(0), round, new ArrayList<>(hosted.values()));
      return shard == null ? List.of() : List.of(shard);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a shard file in " + files, e);
    }
  }
}
