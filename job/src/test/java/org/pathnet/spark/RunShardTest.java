package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.RunId;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.fixtures.StudyFixtures;

/** How a study's runs are dealt into shards. */
class RunShardTest {
  @Test
  void everyShardHoldsEachArmAndVariantAlikeWhenTheCountIsAMultipleOfTheArms() {
    Settings settings = StudyFixtures.settings("seeds", "8", "variants", "learningRate=0.001,0.01");
    StudyRuns runs = StudyRuns.of(settings, StudyFixtures.data(settings).inputSize());
    assertEquals(64, runs.count(), "8 seeds x 4 arms x 2 variants");
    List<int[]> shards = RunShard.deal(runs, 4);
    for (int[] shard : shards) {
      Map<String, Integer> kinds = new TreeMap<>();
      Arrays.stream(shard).mapToObj(runs::id).forEach(id -> kinds.merge(id.arm() + " " + id.variant(), 1,
          Integer::sum));
      assertEquals(8, kinds.size(), "every arm of every variant in every shard: " + kinds);
      assertEquals(List.of(2), kinds.values().stream().distinct().toList(), "two of each: " + kinds);
    }
    assertEquals(64, shards.stream().mapToInt(shard -> shard.length).sum(), "every run dealt once");
    assertEquals(64, shards.stream().flatMapToInt(Arrays::stream).distinct().count(), "every run dealt once");
  }

  @Test
  void aShardStartsTheRunsItIsDealt() {
    Settings settings = StudyFixtures.settings("seeds", "2");
    StudyRuns runs = StudyRuns.of(settings, StudyFixtures.data(settings).inputSize());
    int[] dealt = RunShard.deal(runs, 3).get(1);
    RunShard shard = RunShard.start(runs, dealt);
    assertEquals(Arrays.stream(dealt).boxed().toList(), shard.runs().stream().map(Run::index).toList());
    for (int i = 0; i < dealt.length; i++) {
      RunId id = runs.id(dealt[i]);
      assertEquals(id, shard.runs().get(i).id());
    }
  }
}
