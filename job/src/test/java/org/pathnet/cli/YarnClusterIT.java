package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.ReferenceRuns.SMALL;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pathnet.bench.StandaloneCluster;
import org.pathnet.experiment.Settings;
import org.pathnet.fixtures.ListeningSockets;
import org.pathnet.fixtures.ReferenceRuns;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.fixtures.SubmitScript.Result;
import org.pathnet.fixtures.SubmitScript;
import org.pathnet.fixtures.YarnCluster;
import org.pathnet.spark.PathnetJobConf;

/**
 * The job on a real YARN: an in-process YARN cluster on 127.0.0.1 (see {@link YarnCluster}), the study submitted
 * through submit.sh with {@code --master yarn} as a user would, with HADOOP_CONF_DIR pointing at the cluster's
 * configuration and Spark's jars shipped to the containers by submit.sh, in client mode and in cluster mode. The
 * study's tables equal the same study's in local[2].
 */
class YarnClusterIT {
  private static final Path WORK = Path.of("target", "yarn-cluster-it").toAbsolutePath();
  private static final Duration STUDY_LIMIT = Duration.ofMinutes(8);
  private static final String LOOPBACK = "127.0.0.1";

  private static YarnCluster cluster;

  @BeforeAll
  static void startCluster() throws IOException, InterruptedException {
    StandaloneCluster.deleteTree(WORK);
    cluster = YarnCluster.start(WORK.resolve("yarn"));
  }

  @AfterAll
  static void stopCluster() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * Starts the study through submit.sh on the YARN cluster in {@code deployMode}, with two one-core executors,
   * writing to WORK/name/run. The driver's web UI stays on: on YARN it needs Hadoop's proxy filter.
   */
  private static SubmitScript submit(String name, String deployMode, List<String> sparkOptions) throws IOException {
    Path work = Files.createDirectories(WORK.resolve(name));
    List<String> args = new ArrayList<>(List.of("--master", "yarn", "--deploy-mode", deployMode,
        "--num-executors", "2", "--executor-cores", "1", "--executor-memory", "768m",
        "--conf", "spark.yarn.am.memory=256m", "--conf", "spark.yarn.stagingDir=" + work.resolve("staging")));
    args.addAll(sparkOptions);
    args.addAll(SubmitScript.conf(SMALL));
    args.addAll(List.of("--out", work.resolve("run").toString()));
    return SubmitScript.start(work, "submit", Map.of("HADOOP_CONF_DIR", cluster.confDir().toString(),
        "SPARK_LOCAL_IP", LOOPBACK,
        "SPARK_LOCAL_DIRS", Files.createDirectories(work.resolve("driver-local")).toString()), args);
  }

  private static String run(String name) {
    return WORK.resolve(name).resolve("run").toString();
  }

  @Test
  void aStudyOnYarnInClientModeListensOnlyOnLoopbackAndEqualsTheSameStudyInLocal2() throws Exception {
    SubmitScript driver = submit("client", "client", List.of("--conf", "spark.driver.host=" + LOOPBACK,
        "--conf", "spark.driver.bindAddress=" + LOOPBACK));
    try {
      driver.awaitRound(1, STUDY_LIMIT);
      assertEquals(2, cluster.executors().size(), "two executors in YARN containers: " + cluster.processes());
      List<ProcessHandle> processes = new ArrayList<>(cluster.processes());
      processes.add(ProcessHandle.of(driver.pid()).orElseThrow());
      assertListenOnlyOnLoopback(processes);

      Result r = driver.await(STUDY_LIMIT);
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains(" on yarn,"), r.stdout());
    } finally {
      driver.kill();
    }
    StudyTables.assertEqualStudies(ReferenceRuns.local2(SMALL), run("client"));
  }

  @Test
  void aStudyOnYarnInClusterModeRunsItsDriverInAContainerAndEqualsTheSameStudyInLocal2() throws Exception {
    // the driver runs in the ApplicationMaster's container: no PATHNET_HOME, so the data directory by its path
    String data = Path.of(System.getProperty(Settings.HOME_PROPERTY), "data").toAbsolutePath().normalize().toString();
    SubmitScript submitter = submit("cluster", "cluster", List.of("--driver-memory", "768m",
        "--conf", "spark.driver.extraJavaOptions=" + PathnetJobConf.VECTOR_MODULE_OPTION,
        "--conf", Settings.PREFIX + "data=" + data));
    try {
      Result r = submitter.await(STUDY_LIMIT);
      assertEquals(0, r.exitCode(), r.stderr());
      assertFalse(r.stdout().contains("pathnet:"), "the study's output is not submit.sh's: " + r.stdout());
    } finally {
      submitter.kill();
    }
    String end = "run directory file:" + run("cluster");
    assertTrue(cluster.containerOutputs().stream().anyMatch(out -> out.contains(end)),
        "an ApplicationMaster's container printed the end of the study");
    StudyTables.assertEqualStudies(ReferenceRuns.local2(SMALL), run("cluster"));
  }

  /** Every listening socket of {@code processes} is on 127.0.0.1. */
  private static void assertListenOnlyOnLoopback(List<ProcessHandle> processes) throws IOException {
    for (ProcessHandle p : processes) {
      for (InetSocketAddress address : ListeningSockets.of(p.pid())) {
        assertEquals(LOOPBACK, address.getAddress().getHostAddress(), "process " + p.pid() + " "
            + p.info().command().orElse("") + " listens on " + address);
      }
    }
  }
}
