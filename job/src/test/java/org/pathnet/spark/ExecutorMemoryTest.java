package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.fixtures.StudyFixtures;

/**
 * A cluster's shards are dealt so that each can be played in the memory Spark leaves a task, and a study that
 * cannot be dealt so is refused in one line naming the setting that fixes it.
 */
class ExecutorMemoryTest {
  private static final String CLUSTER = "spark://127.0.0.1:7077";
  /** README's cluster study: the seed profile at 1,000 seeds, 4,000 runs. */
  private static final StudyRuns FOUR_THOUSAND = StudyRuns.of(StudyFixtures.settings("seeds", "1000"), 28 * 28);

  private static ExecutorMemory executors(String memory, Integer cores) {
    Map<String, String> conf = new HashMap<>(Map.of("spark.master", CLUSTER, "spark.executor.memory", memory));
    return ExecutorMemory.of(conf, cores);
  }

  private static int shards(StudyRuns runs, ExecutorMemory executors, int cores) {
    return SparkRounds.shards(runs.count(), cores, 0, executors.leastShards(runs.count(), runs.stateBytes(),
        runs.largestRunBytes()));
  }

  @Test
  void aLocalMasterHasNoExecutorsToSize() {
    assertNull(ExecutorMemory.of(Map.of("spark.master", "local[2]"), null));
    assertNull(ExecutorMemory.of(Map.of(), null), "spark-submit's default master is local[*]");
  }

  @Test
  void sparksSettingsGiveTheMemoryATaskMayHold() {
    ExecutorMemory e = ExecutorMemory.of(Map.of("spark.master", CLUSTER, "spark.executor.memory", "2g",
        "spark.executor.cores", "4", "spark.task.cpus", "2", "spark.memory.fraction", "0.5"), null);
    assertEquals(new ExecutorMemory(2048, 2, 0.5), e);
    assertEquals((long) ((2048 - 300) * 0.5 * (1 << 20) / 2), e.perTaskBytes());
    assertEquals(new ExecutorMemory(1024, 3, 0.6), executors("1g", 3), "the cores registered executors have");
    assertEquals(new ExecutorMemory(1024, 1, 0.6), ExecutorMemory.of(Map.of("spark.master", CLUSTER), null),
        "Spark's defaults: 1g, one core");
  }

  @Test
  void readmesClusterStudyIsDealtAsBeforeAndPasses() {
    ExecutorMemory sixGigabytes = executors("6g", 1);
    sixGigabytes.check(FOUR_THOUSAND.count(), FOUR_THOUSAND.stateBytes(), FOUR_THOUSAND.largestRunBytes(), 0);
    assertEquals(SparkRounds.shards(4000, 2, 0, 0), shards(FOUR_THOUSAND, sixGigabytes, 2), "32 shards of 125 runs");
  }

  @Test
  void smallExecutorsGetMoreSmallerShardsThatEachFitInPlay() {
    for (int cores : List.of(1, 2, 4, 8)) {
      ExecutorMemory oneGigabyte = executors("1g", cores);
      int shards = shards(FOUR_THOUSAND, oneGigabyte, 2);
      long largest = 0;
      for (int[] shard : RunShard.deal(FOUR_THOUSAND, shards)) {
        largest = Math.max(largest, Arrays.stream(shard).mapToLong(FOUR_THOUSAND::runBytes).sum());
      }
      assertTrue(2 * largest <= oneGigabyte.perTaskBytes(), cores + " cores: " + shards + " shards, the largest "
          + largest + " bytes, twice in play, in " + oneGigabyte.perTaskBytes());
      if (cores == 8) {
        assertTrue(shards > SparkRounds.shards(4000, 2, 0, 0), "more shards than the job deals otherwise: " + shards);
      }
    }
  }

  @Test
  void shardsTheUserDealtTooLargeAreRefusedNamingTheSettings() {
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> executors("1g", 1).check(
        FOUR_THOUSAND.count(), FOUR_THOUSAND.stateBytes(), FOUR_THOUSAND.largestRunBytes(), 2));
    assertTrue(e.getMessage().startsWith("spark.pathnet.partitions=2 deals shards of up to "), e.getMessage());
    assertTrue(e.getMessage().contains("spark.executor.memory 1024m leaves 435 MB to each of its 1 tasks at once:"
        + " set spark.pathnet.partitions to at least "), e.getMessage());
    assertTrue(e.getMessage().endsWith("(--executor-memory)") && !e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aRunThatCannotBePlayedAtAllIsRefusedNamingTheExecutorMemory() {
    StudyRuns wide = StudyRuns.of(StudyFixtures.settings("moduleSize", "400"), 28 * 28);
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> executors("512m", 1).check(
        wide.count(), wide.stateBytes(), wide.largestRunBytes(), 0));
    assertTrue(e.getMessage().matches("spark\\.executor\\.memory 512m leaves 128 MB to each of its 1 tasks at once,"
        + " and a run of this study needs [\\d,]+ MB in play: give executors at least \\d+m \\(--executor-memory\\)"),
        e.getMessage());
  }
}
