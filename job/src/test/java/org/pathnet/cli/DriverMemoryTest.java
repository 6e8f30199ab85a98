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
 * The driver's heap follows what it keeps: every run's follower, the runs table's rows and the generation rows not
 * yet written out, with the runs' state on a local master only; a heap too small for the study is refused before
 * any work, naming the setting that fixes it.
 */
class DriverMemoryTest {
  private static final String CONF = "../conf/pathnet.conf";
  /**
   * Every task runs to its cap: what a study that stops when solved may still do, and what the driver is sized for.
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
  // 2 tasks, scratch and denovo 1, so 6,000 rows of the runs table and 6,000,000 generation rows, of which the log
  // holds at most 65,536 + a round's 4,000 = 69,536. A path of 3 x 3 genes: an array of 3 (32 B) and 3 of 3 ints
  // (32 B each), 128 B; a row 224 B + its path = 352 B: 75,536 rows, 26,588,672 B. Followers: pathnet and scratch
  // 2,048 B + a population of 24 B and an array of 64 x 9 shorts (16 + 1,152 B) = 3,240 B, denovo and finetune
  // 2,048 + 128 = 2,176 B: 10,832,000 B. Together 37,420,672 B = 35.7 MB.

  @Test
  void aClusterDriverHoldsTheFollowersAndRowsWithHeadroomButNoState() {
    // 1.3 x 35.7 = 46.4 MB, rounded up; plus 1,024 MB
    DriverMemory.Heap heap = heap(LARGE, "--master", "spark://master:7077");
    assertEquals(1_071, heap.megabytes());
    assertEquals("1071m -XX:MaxNewSize=256m", heap.toString(),
        "Spark's share is the cluster's to set, a driver keeps no state; its young generation stays small");
  }

  @Test
  void aLocalDriverAlsoHoldsTheState() {
    // the state: a PathNet run 1,985,808 B with Adam's moments, a fixed-path run 596,448 B; 1,000 x 2 of each:
    // 5,164,512,000 B. 1.3 x (37,420,672 + 5,164,512,000) B = 6,449.3 MB, rounded up; plus 1,024 MB.
    DriverMemory.Heap heap = heap(LARGE, "--master", "local[2]", "--conf", TO_THE_CAP);
    assertEquals(7_474, heap.megabytes());
    assertEquals("7474m", heap.toString(), "Spark's storage keeps the job's share of the heap");
  }

  @Test
  void aDriverHoldsNoMoreForAStudyOfMoreGenerations() {
    for (String master : List.of("spark://master:7077", "local[2]")) {
      assertEquals(heap(LARGE, "--master", master, "--conf", "spark.pathnet.maxGenerations=300"),
          heap(LARGE, "--master", master, "--conf", "spark.pathnet.maxGenerations=3000"), master);
    }
  }

  @Test
  void theMasterIsSparkMasterWhenNoMasterOptionSaysOtherwise() {
    assertEquals(1_071, heap(LARGE, "--conf", "spark.master=spark://master:7077").megabytes());
    assertEquals(1_071, heap(LARGE, "--conf", "spark.master=local[2]", "--master", "yarn").megabytes());
    assertEquals(7_474, heap(LARGE, "--conf", "spark.master=yarn", "--master", "local[2]", "--conf",
        TO_THE_CAP).megabytes());
  }

  @Test
  void aSparkShareTheUserSetIsTheirs() {
    assertEquals("7474m", heap(LARGE, "--master", "local[2]", "--conf", "spark.memory.fraction=0.7", "--conf",
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
    // 40,000 seeds: 160,000 runs' followers, 433,280,000 B; 240,000 rows of the runs table and 65,536 + 160,000
    // generation rows held, 465,536 rows of 352 B, 163,868,672 B. A cluster's driver needs at least 512 + 569.5 MB.
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> heap(2_048, "--master", "spark://master:7077", "--conf", "spark.pathnet.seeds=40000"));
    assertTrue(e.getMessage().startsWith("this study's driver needs at least 1,082 MB of heap (160,000 runs'"
        + " followers and up to 465,536 rows), more than the 1,024 MB this machine has"), e.getMessage());
    assertTrue(e.getMessage().contains("lower spark.pathnet.seeds"), e.getMessage());
  }

  @Test
  void aDriverMemoryTooSmallForTheStudyIsRefusedWithTheValueItNeeds() {
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> heap(LARGE, "--master", "spark://master:7077", "--driver-memory", "512m"));
    assertTrue(e.getMessage().startsWith("driver memory 512m (--driver-memory or PATHNET_DRIVER_MEMORY) is below"
        + " the 548 MB this study's driver needs"), e.getMessage());
    assertTrue(e.getMessage().contains("give at least 548m"), e.getMessage());
  }

  @Test
  void aLocalDriverMemoryNeedsTheShardsInPlayNotTheWholeState() {
    // 32 shards of 125 runs (one per 128 runs, rounded up); two cores each play one into a new one: 4 x 1/32 of
    // the state, 615.7 MB. 512 + 35.7 + 615.7 MB, rounded up: 1,164 MB.
    assertThrows(InvalidInputException.class, () -> heap(LARGE, "--master", "local[2]", "--driver-memory", "1163m",
        "--conf", TO_THE_CAP));
    DriverMemory.Heap heap = heap(LARGE, "--master", "local[2]", "--driver-memory", "1164m", "--conf",
        TO_THE_CAP);
    assertEquals("1164m", heap.toString());
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
   * A round of 64 generations makes a round's rows the most of what the log may hold, 192,000 or 96,000 of them,
   * all held (GenerationLogTest), and large beside what the collector leaves of other tests.
   */
  @Test
  void theFollowersAndRowsOfAStudyTakeNoMoreThanCounted() {
    for (String[] shape : new String[][] {{"optimizer", "adam", "arms", "pathnet,scratch,denovo,finetune"},
        {"optimizer", "sgd", "arms", "pathnet,scratch"}}) {
      Settings settings = StudyFixtures.settings("seeds", "500", shape[0], shape[1], shape[2], shape[3],
          "maxGenerations", "64", "stopWhenSolved", "false", "generationsPerRound", "64");
      StudyData data = StudyData.load(settings, new Configuration());
      Study study = new Study(settings, data);
      Study.Results results = study.run(new MadeUpScores(64), round -> { });
      int runs = study.size();
      long rows = results.generations().count();
      // what the study and its results hold: the heap with them, less the heap once they are let go, so that
      // garbage other tests leave behind, collected at either moment, counts in neither
      long with = heapInUse();
      java.lang.ref.Reference.reachabilityFence(study);
      java.lang.ref.Reference.reachabilityFence(results);
      study = null;
      results = null;
      long used = with - heapInUse();
      long counted = DriverMemory.Kept.of(settings).bytes();
      assertTrue(used <= counted && used > counted / 2, String.join(" ", shape) + ": " + used + " B used, "
          + counted + " B counted for " + runs + " runs, " + rows + " rows, images of " + data.inputSize()
          + " pixels");
    }
  }

  private static long heapInUse() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
