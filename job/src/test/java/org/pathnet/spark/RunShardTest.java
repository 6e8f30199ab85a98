package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Rounds;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.fixtures.StudyFixtures;

/** How a study's runs are dealt into shards. */
class RunShardTest {
  /** Takes the study's runs as a study hands them over, then stops it before its first round. */
  private static final class Dealer implements Rounds {
    final List<Run> runs = new ArrayList<>();

    @Override
    public void host(List<Run> runs) {
      this.runs.addAll(runs);
    }

    @Override
    public long advance(int round, List<Run> runs, Consumer<Scores> done) {
      throw new IllegalStateException("dealt");
    }
  }

  @Test
  void everyShardHoldsEachArmAndVariantAlikeWhenTheCountIsAMultipleOfTheArms() {
    Settings settings = StudyFixtures.settings("seeds", "8", "variants", "learningRate=0.001,0.01");
    Dealer dealer = new Dealer();
    try {
      new Study(settings, StudyFixtures.data(settings)).run(dealer, round -> { });
    } catch (IllegalStateException expected) {
      // the runs are dealt
    }
    assertEquals(64, dealer.runs.size(), "8 seeds x 4 arms x 2 variants");
    List<RunShard> shards = RunShard.deal(dealer.runs, 4);
    for (RunShard shard : shards) {
      Map<String, Integer> kinds = new TreeMap<>();
      shard.runs().forEach(run -> kinds.merge(run.id().arm() + " " + run.id().variant(), 1, Integer::sum));
      assertEquals(8, kinds.size(), "every arm of every variant in every shard: " + kinds);
      assertEquals(List.of(2), kinds.values().stream().distinct().toList(), "two of each: " + kinds);
    }
    assertEquals(64, shards.stream().mapToInt(shard -> shard.runs().size()).sum(), "every run dealt once");
  }
}
