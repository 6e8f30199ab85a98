package org.pathnet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bench's cluster row on a real standalone cluster of two Workers on 127.0.0.1, and a cluster that outlives the
 * command that started it ({@code ./submit.sh cluster}) stopped by the ids it recorded.
 */
class ClusterRowIT {
  private static final String HOME = System.getProperty("pathnet.home");

  @Test
  void theClusterRowTimesEveryRunGenerationOfItsStudiesInADriverOfItsOwn() {
    try (StandaloneCluster cluster = ClusterRow.start(HOME)) {
      // 2 seeds of the four arms, every task 2 generations: pathnet and finetune 4 each, scratch and denovo 2
      ClusterRow.Measured m = ClusterRow.measure(cluster, HOME, Map.of("seeds", "2", "maxGenerations", "2",
          "stopWhenSolved", "false"), 0, 1);
      assertEquals(24, m.timing().runGenerations);
      assertTrue(m.timing().inTaskSeconds > 0 && m.timing().wallSeconds > m.timing().inTaskSeconds / 2,
          m.timing().wallSeconds + " s wall, " + m.timing().inTaskSeconds + " s in tasks");
      // a Spark driver's JVM: more than its first 100 MB, less than this JVM's heap limit allows
      assertTrue(m.peakResidentBytes() > 100_000_000L && m.peakResidentBytes() < 4_000_000_000L,
          m.peakResidentBytes() + " B");
    }
  }

  @Test
  void aDetachedClusterOutlivesItsHandleAndStopsByTheIdsItRecorded() throws Exception {
    Path dir = Path.of("target", "detached-cluster-it").toAbsolutePath();
    StandaloneCluster cluster = StandaloneCluster.start(dir, StandaloneCluster.Shape.ofWorkers(1, List.of()));
    cluster.detach();
    List<ProcessHandle> daemons = Files.readAllLines(dir.resolve("pids")).stream()
        .map(pid -> ProcessHandle.of(Long.parseLong(pid)).orElseThrow()).toList();
    assertEquals(2, daemons.size(), "a Master and a Worker");
    StandaloneCluster.stop(dir);
    for (ProcessHandle daemon : daemons) {
      assertFalse(daemon.isAlive(), daemon.info().commandLine().orElse("") + " is stopped");
    }
    assertFalse(Files.exists(dir.resolve("pids")));
  }
}
