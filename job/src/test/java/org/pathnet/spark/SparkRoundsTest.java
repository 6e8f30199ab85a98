package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerBlockUpdated;
import org.apache.spark.storage.BlockUpdatedInfo;
import org.apache.spark.storage.RDDBlockId;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;
import org.pathnet.data.BinaryDataset;
import org.pathnet.experiment.InProcessRounds;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.fixtures.StudyFixtures;

/**
 * The runs kept in executors: each shard kept once however many rounds are on their way, a lineage cut every few
 * rounds, and the same rows as the runs played in this thread.
 */
class SparkRoundsTest {
  private static final int CORES = 2;
  private static final int ROUNDS = 24;
  /** 2 seeds x 2 arms, 12 generations per task: 24 rounds at one generation a round. */
  private static final Settings SETTINGS = StudyFixtures.settings("seeds", "2", "arms", "pathnet,denovo",
      "maxGenerations", "12", "stopWhenSolved", "false");
  private static final Pattern RDD = Pattern.compile("RDD\\[\\d+]");

  /** The most shards Spark's storage held at once, of every version, from its block updates. */
  private static final class KeptShards extends SparkListener {
    private final Set<String> kept = new HashSet<>();
    private int most;

    @Override
    public synchronized void onBlockUpdated(SparkListenerBlockUpdated update) {
      BlockUpdatedInfo block = update.blockUpdatedInfo();
      if (block.blockId().isRDD()) {
        if (block.storageLevel().isValid()) {
          kept.add(block.blockId().name());
        } else {
          kept.remove(block.blockId().name());
        }
        most = Math.max(most, kept.size());
      }
    }

    synchronized int most() {
      return most;
    }
  }

  @Test
  void eachShardIsKeptOnceAndItsLineageStaysShortWhileRoundsRunAhead() throws Exception {
    StudyData data = StudyData.load(SETTINGS, new Configuration());
    KeptShards kept = new KeptShards();
    List<Integer> lineage = new ArrayList<>();
    Study.Results onSpark;
    try (JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(new SparkConf()
        .setMaster("local[" + CORES + "]").setAppName("rounds").set("spark.ui.enabled", "false")));
        SparkRounds rounds = SparkRounds.of(spark, SETTINGS, data)) {
      spark.sc().addSparkListener(kept);
      onSpark = new Study(SETTINGS, data).run(rounds, round ->
          lineage.add(spark.getPersistentRDDs().values().stream().mapToInt(SparkRoundsTest::depth).max().orElse(0)));
      spark.sc().listenerBus().waitUntilEmpty();
    }
    assertEquals(ROUNDS, lineage.size(), "a round per generation");
    // a shard is kept again by the task that plays its next round, which then lets the one it played from go: at
    // most one more per core than there are shards, where the rounds on their way would otherwise keep theirs too
    int shards = SparkRounds.shards(4, CORES, 0, 0);
    assertTrue(kept.most() <= shards + CORES, "shards kept at once, at most: " + kept.most());
    int deepest = SparkRounds.ROUNDS_PER_CUT + SparkRounds.ROUNDS_AHEAD + 1;
    assertTrue(deepest < ROUNDS, "the study outlasts a cut, so that its lineage would outgrow one without cuts");
    assertTrue(lineage.stream().allMatch(depth -> depth <= deepest), "lineage depth per round " + lineage);
    assertTrue(lineage.get(lineage.size() - 1) > 1, "the state keeps a lineage between cuts " + lineage);

    Study.Results inThread = new Study(SETTINGS, data).run(new InProcessRounds(data, 1), round -> { });
    assertEquals(StudyFixtures.generationRows(inThread), StudyFixtures.generationRows(onSpark));
    assertEquals(StudyFixtures.runRows(inThread), StudyFixtures.runRows(onSpark));
  }

  /**
   * A new study's runs are started in the Spark tasks from their indices, dealt by cost over shards: with variants,
   * three shards and two generations a round they play the rows of the runs played in this thread.
   */
  @Test
  void runsStartedInTheExecutorsFromTheirIndicesPlayTheRowsOfRunsPlayedInThisThread() {
    Settings settings = StudyFixtures.settings("seeds", "2", "variants", "learningRate=0.001,0.01",
        "maxGenerations", "4", "stopWhenSolved", "false", "partitions", "3", "generationsPerRound", "2");
    StudyData data = StudyData.load(settings, new Configuration());
    Study.Results onSpark;
    try (JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(new SparkConf()
        .setMaster("local[" + CORES + "]").setAppName("started").set("spark.ui.enabled", "false")));
        SparkRounds rounds = SparkRounds.of(spark, settings, data)) {
      onSpark = new Study(settings, data).run(rounds, round -> { });
    }
    Study.Results inThread = new Study(settings, data).run(new InProcessRounds(data, 2), round -> { });
    assertEquals(StudyFixtures.generationRows(inThread), StudyFixtures.generationRows(onSpark));
    assertEquals(StudyFixtures.runRows(inThread), StudyFixtures.runRows(onSpark));
  }

  /** What a new study sends out to start its runs: each run's index, and what they are started from, once. */
  @Test
  void aNewStudySendsEachRunsIndexAndWhatTheRunsAreStartedFromOnce() {
    StudyData data = StudyData.load(SETTINGS, new Configuration());
    try (JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(new SparkConf()
        .setMaster("local[" + CORES + "]").setAppName("sent").set("spark.ui.enabled", "false")))) {
      long few = bytesOutToHost(spark, StudyFixtures.settings("seeds", "10"), data);
      long many = bytesOutToHost(spark, StudyFixtures.settings("seeds", "1000"), data);
      long perRun = Integer.BYTES * 4 * (1000 - 10);
      // what the runs are started from holds the settings as given: a few bytes longer for a longer number
      assertTrue(many - few >= perRun && many - few < perRun + 64,
          "4 bytes more per run: " + few + " bytes for 40 runs, " + many + " for 4,000");
    }
  }

  private static long bytesOutToHost(JavaSparkContext spark, Settings settings, StudyData data) {
    try (SparkRounds rounds = SparkRounds.of(spark, settings, data)) {
      rounds.host(StudyRuns.of(settings, data.inputSize()));
      return rounds.traffic().bytesOut();
    }
  }

  /**
   * The RDDs {@code rdd} stands on, itself included: a line each in Spark's description of its lineage, which names
   * them as {@code MapPartitionsRDD[12]} (a kept one has another line, for its cached partitions).
   */
  private static int depth(JavaRDD<?> rdd) {
    return (int) rdd.toDebugString().lines().filter(line -> RDD.matcher(line).find()).count();
  }

  @Test
  void aRoundPlayedInsideTheNextLeavesItsStateKeptForItsOwnTasksAndLetsGoOfTheOneBefore() {
    StudyData data = StudyData.load(SETTINGS, new Configuration());
    StudyRuns runs = StudyRuns.of(SETTINGS, data.inputSize());
    try (JavaSparkContext spark = new JavaSparkContext(PathnetJobConf.withDefaults(new SparkConf()
        .setMaster("local[" + CORES + "]").setAppName("nested").set("spark.ui.enabled", "false")))) {
      Map<String, Shared<BinaryDataset>> sets = SharedDatasets.share(spark, data);
      JavaRDD<RunShard> cut = spark.parallelize(RunShard.deal(runs, 2), 2)
          .map(indices -> RunShard.start(runs, indices)).persist(StorageLevel.MEMORY_AND_DISK());
      cut.rdd().localCheckpoint();
      cut.count();
      JavaRDD<RunShard> first = SparkRounds.played(cut, 1, sets);
      JavaRDD<RunShard> second = SparkRounds.played(first, 1, sets);
      // as when a core takes a round ahead's task before the task of the round it plays from: each plays both rounds
      assertEquals(2, second.count());

      // the first round's own tasks find its shards kept; let go, they would have to be played from the cut, gone
      assertEquals(List.of(2, 2), first.map(shard -> shard.scores().size()).collect());
      var master = SparkEnv.get().blockManager().master();
      for (int p = 0; p < 2; p++) {
        assertFalse(master.contains(new RDDBlockId(cut.id(), p)), "the state the first round played from is let go");
      }
      sets.values().forEach(Shared::release);
    }
  }
}
