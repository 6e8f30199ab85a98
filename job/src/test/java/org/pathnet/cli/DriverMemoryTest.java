package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.pathnet.InvalidInputException;
import org.pathnet.bench.MadeUpScores;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.fixtures.StudyFixtures;

/**
 * The driver's heap follows what it keeps: every run's follower and every row, with the runs' state on a local
 * master only; a heap too small for the study is refused before any work, naming the setting that fixes it.
 */
class DriverMemoryTest {
  private static final String CONF = "../conf/pathnet.conf";
  /**
   * Every task runs to its cap: a local driver then counts every row it may log (a cluster's does whatever the
   * settings, and a local one does where no measured study gives the tasks' means).
   */
  private static final String TO_THE_CAP = "spark.pathnet.stopWhenSolved=false";
  /** A machine large enough for every study here. */
  private static final long LARGE = 1 << 20;

  private static DriverMemory.Heap heap(long physicalMb, String... args) {
    List<String> all = new ArrayList<>(List.of("--properties-file", CONF, "--conf", "spark.pathnet.seeds=1000"));
    all.addAll(List.of(args));
    return DriverMemory.of(all.toArray(String[]::new), physicalMb);
  }

  // A thousand seeds of the four arms, 4,000 runs, every task to its cap of 1,000 generations: pathnet and finetune
  // 2 tasks, scratch and denovo 1, so 6 x 1,001 rows a seed (a runs row each task), 6,006,000 rows. A path of
  // 3 x 3 genes: an array of 3 (32 B) and 3 of 3 ints (32 B each), 128 B; a row 224 B + its path = 352 B:
  // 2,114,112,000 B. Followers: pathnet and scratch 2,048 B + 64 pathways of 16 + 128 B = 11,264 B, denovo and
  // finetune 2,048 + 128 = 2,176 B: 26,880,000 B. Together 2,140,992,000 B = 2,041.8 MB.

  @Test
  void aClusterDriverHoldsTheFollowersAndRowsWithHeadroomButNoState() {
    // 1.3 x 2,041.8 = 2,654.4 MB, rounded up; plus 1,024 MB
    DriverMemory.Heap heap = heap(LARGE, "--master", "spark://master:7077");
    assertEquals(3_679, heap.megabytes());
    assertEquals("3679m -XX:MaxNewSize=256m", heap.toString(),
        "Spark's share is the cluster's to set, a driver keeps no state; its young generation stays small");
  }

  @Test
  void aLocalDriverAlsoHoldsTheState() {
    // the state: a PathNet run 1,985,808 B with Adam's moments, a fixed-path run 596,448 B; 1,000 x 2 of each:
    // 5,164,512,000 B. 1.3 x (2,140,992,000 + 5,164,512,000) B = 9,057.2 MB, rounded up; plus 1,024 MB.
    DriverMemory.Heap heap = heap(LARGE, "--master", "local[2]", "--conf", TO_THE_CAP);
    assertEquals(10_082, heap.megabytes());
    assertEquals("10082m", heap.toString(), "Spark's storage keeps the job's share of the heap");
  }

  @Test
  void aLocalDriverCountsTheRowsAMeasuredStudyLeadsItToExpectNotEveryTaskAtItsCap() {
    // the same study stopping each task when solved, as Adam at 1e-3 was measured to (StudyCost): twice each task's
    // mean rows, not 6,006,000; the heap then barely exceeds the state's 1,024 + 1.3 x 4,925.3 MB = 7,427 MB
    DriverMemory.Heap heap = heap(LARGE, "--master", "local[2]");
    assertTrue(heap.megabytes() > 7_427 && heap.megabytes() < 7_600, heap.toString());
    assertEquals(heap.megabytes() + "m", heap.toString());
  }

  @Test
  void theMasterIsSparkMasterWhenNoMasterOptionSaysOtherwise() {
    assertEquals(3_679, heap(LARGE, "--conf", "spark.master=spark://master:7077").megabytes());
    assertEquals(3_679, heap(LARGE, "--conf", "spark.master=local[2]", "--master", "yarn").megabytes());
    assertEquals(10_082, heap(LARGE, "--conf", "spark.master=yarn", "--master", "local[2]", "--conf",
        TO_THE_CAP).megabytes());
  }

  @Test
  void aSparkShareTheUserSetIsTheirs() {
    assertEquals("10082m", heap(LARGE, "--master", "local[2]", "--conf", "spark.memory.fraction=0.7", "--conf",
        TO_THE_CAP).toString());
  }

  @Test
  void aLocalStudyLargerThanTheMachineGetsWhatTheMachineHasAndSparkSpillsTheRest() {
    // 8,192 MB less 1,024 for the JVM's own memory
    DriverMemory.Heap heap = heap(8_192, "--master", "local[2]", "--conf", TO_THE_CAP);
    assertEquals("7168m", heap.toString());
  }

  @Test
  void aStudyWhoseDriverCannotFitOnThisMachineIsRefusedNamingTheSettingsThatShrinkIt() {
    // a cluster's driver needs at least 512 + 2,042 MB, without headroom
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> heap(2_048, "--master", "spark://master:7077"));
    assertTrue(e.getMessage().startsWith("this study's driver needs at least 2,554 MB of heap (4,000 runs' followers"
        + " and up to 6,006,000 rows), more than the 1,024 MB this machine has"), e.getMessage());
    assertTrue(e.getMessage().contains("lower spark.pathnet.maxGenerations or spark.pathnet.seeds"), e.getMessage());
  }

  @Test
  void aDriverMemoryTooSmallForTheStudyIsRefusedWithTheValueItNeeds() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> heap(LARGE, "--master", "spark://master:7077", "--driver-memory", "2g"));
    assertTrue(e.getMessage().startsWith("driver memory 2g (--driver-memory or PATHNET_DRIVER_MEMORY) is below the"
        + " 2,554 MB this study's driver needs"), e.getMessage());
    assertTrue(e.getMessage().contains("give at least 2554m"), e.getMessage());
  }

  @Test
  void aLocalDriverMemoryNeedsTheShardsInPlayNotTheWholeState() {
    // 32 shards of 125 runs (one per 128 runs, rounded up); two cores each play one into a new one: 4 x 1/32 of
    // the state, 615.7 MB. 512 + 2,041.8 + 615.7 MB, rounded up: 3,170 MB.
    assertThrows(InvalidInputException.class, () -> heap(LARGE, "--master", "local[2]", "--driver-memory", "3169m",
        "--conf", TO_THE_CAP));
    DriverMemory.Heap heap = heap(LARGE, "--master", "local[2]", "--driver-memory", "3170m", "--conf",
        TO_THE_CAP);
    assertEquals("3170m", heap.toString());
  }

  @Test
  void aDriverMemoryThatHoldsTheStudyIsKept() {
    assertEquals(4096, heap(LARGE, "--master", "spark://master:7077", "--driver-memory", "4g").megabytes());
  }

  @Test
  void aDriverMemoryWithoutItsUnitIsRefused() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> heap(LARGE, "--driver-memory", "4096"));
    assertTrue(e.getMessage().contains("expected a size with its unit, such as 4g or 4096m"), e.getMessage());
  }

  @Test
  void settingsTheJobWillRefuseGetTheBaseAndTheJobSaysWhy() {
    String[] badKey = {"--conf", "spark.pathnet.generationsPerTask=2"};
    assertEquals("1024m", DriverMemory.of(badKey, LARGE).toString());
    assertEquals("1024m", DriverMemory.of(new String[] {"--properties-file", "/no/such/file"}, LARGE).toString());
  }

  /**
   * What the driver keeps of a study, measured: the followers and rows of a study whose every task runs to its cap
   * (every run handed made-up scores, nothing computed) take no more of the heap than DriverMemory counts for them.
   */
  @Test
  void theFollowersAndRowsOfAStudyTakeNoMoreThanCounted() {
    for (String[] shape : new String[][] {{"optimizer", "adam", "arms", "pathnet,scratch,denovo,finetune"},
        {"optimizer", "sgd", "arms", "pathnet,scratch"}}) {
      Settings settings = StudyFixtures.settings("seeds", "250", shape[0], shape[1], shape[2], shape[3],
          "maxGenerations", "64", "stopWhenSolved", "false", "generationsPerRound", "16");
      StudyData data = StudyData.load(settings, new Configuration());
      long before = heapInUse();
      Study study = new Study(settings, data);
      Study.Results results = study.run(new MadeUpScores(16), round -> { });
      long used = heapInUse() - before;
      long counted = DriverMemory.Kept.of(settings).bytes();
      assertTrue(used <= counted && used > counted / 2, String.join(" ", shape) + ": " + used + " B used, "
          + counted + " B counted for " + study.size() + " runs, " + results.generations().size() + " rows");
    }
  }

  private static long heapInUse() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
