package org.pathnet.spark;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.util.KnownSizeEstimation;
import org.pathnet.experiment.ExampleSource;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.ShardFile;
import org.pathnet.experiment.StudyFiles;
import org.pathnet.experiment.StudyRuns;

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
   * The indices of {@code runs}' runs dealt into {@code count} shards like cards, after sorting them by what sets a
   * run's cost (its arm, then its variant), so that every shard holds each kind alike and no core is left with the
   * dearest runs. (Dealing them in the study's order would give each arm a shard of its own whenever the count is a
   * multiple of the arms.)
   */
  static List<int[]> deal(StudyRuns runs, int count) {
    List<Integer> byCost = IntStream.range(0, runs.count()).boxed()
        .sorted(Comparator.comparing((Integer index) -> runs.id(index).arm())
            .thenComparing(index -> runs.id(index).variant()).thenComparingInt(index -> index))
        .toList();
    List<int[]> shards = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      int shard = s;
      shards.add(IntStream.range(0, byCost.size()).filter(i -> i % count == shard).map(byCost::get).toArray());
    }
    return shards;
  }

  /** The shard of {@code runs}' runs {@code indices}, each at its first generation, started here. */
  static RunShard start(StudyRuns runs, int[] indices) {
    ArrayList<Run> started = new ArrayList<>(indices.length);
    for (int index : indices) {
      started.add(runs.start(index));
    }
    return new RunShard(started, new ArrayList<>());
  }

  /**
   * The shard a checkpoint's {@code file} in {@code files} holds, after round {@code round}: its runs' {@code
   * followers} given the parameters the file holds for them.
   */
  static RunShard read(ShardFile file, List<Run> followers, StudyFiles files, int round) throws IOException {
    Map<Integer, Run> byIndex = new HashMap<>();
    followers.forEach(run -> byIndex.put(run.index(), run));
    return new RunShard(new ArrayList<>(file.read(files, round, byIndex)), new ArrayList<>());
  }

  /**
   * Writes the parameters of the shard's unfinished runs, as round {@code round} left them, into {@code files} as
   * shard {@code number}'s file; null when every run of the shard has finished.
   */
  ShardFile save(StudyFiles files, int round, int number) throws IOException {
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
