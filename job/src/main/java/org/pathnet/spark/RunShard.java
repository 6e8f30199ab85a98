package org.pathnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.util.KnownSizeEstimation;
import org.pathnet.experiment.ExampleSource;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.ShardFile;
import org.pathnet.experiment.ShardFiles;

/**
 * The runs of one partition of a study's state, with their parameters, as one round left them, and the scores they
 * played in it: what an executor keeps between rounds (docs/DESIGN.md, "Data flow (the user's design card)").
 */
final class RunShard implements Serializable, KnownSizeEstimation {
  private final ArrayList<Run> runs;
  private final ArrayList<Scores> scores;

  private RunShard(ArrayList<Run> runs, ArrayList<Scores> scores) {
    this.runs = runs;
    this.scores = scores;
  }

  /**
   * {@code runs} dealt into {@code count} shards like cards, after sorting them by what sets a run's cost (its arm,
   * then its variant), so that every shard holds each kind alike and no core is left with the dearest runs. (Dealing
   * them in the study's order would give each arm a shard of its own whenever the count is a multiple of the arms.)
   */
  static List<RunShard> deal(List<Run> runs, int count) {
    List<RunShard> shards = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      shards.add(new RunShard(new ArrayList<>(), new ArrayList<>()));
    }
    List<Run> byCost = runs.stream().sorted(Comparator.comparing((Run run) -> run.id().arm())
        .thenComparing(run -> run.id().variant()).thenComparingInt(Run::index)).toList();
    for (int i = 0; i < byCost.size(); i++) {
      shards.get(i % count).runs.add(byCost.get(i));
    }
    return shards;
  }

  /**
   * The shard a checkpoint's {@code file} in {@code files} holds, after round {@code round}: its runs' {@code
   * followers} given the parameters the file holds for them.
   */
  static RunShard read(ShardFile file, List<Run> followers, ShardFiles files, int round) throws IOException {
    Map<Integer, Run> byIndex = new HashMap<>();
    followers.forEach(run -> byIndex.put(run.index(), run));
    return new RunShard(new ArrayList<>(file.read(files, round, byIndex)), new ArrayList<>());
  }

  /**
   * Writes the parameters of the shard's unfinished runs, as round {@code round} left them, into {@code files} as
   * shard {@code number}'s file; null when every run of the shard has finished.
   */
  ShardFile save(ShardFiles files, int round, int number) throws IOException {
    return ShardFile.write(files, ShardFile.name(number), round, runs);
  }

  /**
   * The shard after one more round: each unfinished run, copied so that this shard stays as the round found it
   * (Spark may compute the round again from it), advanced by {@code generations} with {@code data}'s examples.
   * A finished run is the same object in both: nothing changes it any more.
   */
  RunShard advance(int generations, ExampleSource data) {
    ArrayList<Run> next = new ArrayList<>(runs.size());
    ArrayList<Scores> played = new ArrayList<>();
    for (Run run : runs) {
      if (run.finished()) {
        next.add(run);
        continue;
      }
      TaskContext.get().killTaskIfInterrupted();
      Run copy = run.copy();
      copy.advance(generations, data);
      played.add(copy.takeScores());
      next.add(copy);
    }
    return new RunShard(next, played);
  }

  /**
   * What Spark counts the shard as in its storage: its runs' parameters, which are nearly all of it. Spark would
   * otherwise walk every object of the shard each time it keeps one.
   */
  @Override
  public long estimatedSize() {
    return runs.stream().mapToLong(Run::parameterBytes).sum();
  }

  List<Run> runs() {
    return runs;
  }

  /** What the shard's runs played in the round that made it. */
  List<Scores> scores() {
    return scores;
  }
}
