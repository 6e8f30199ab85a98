package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.fixtures.ReferenceRuns.LONG;
import static org.pathnet.fixtures.ReferenceRuns.LONG_GENERATIONS;
import static org.pathnet.fixtures.ReferenceRuns.SMALL;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.pathnet.bench.StandaloneCluster;
import org.pathnet.fixtures.ListeningSockets;
import org.pathnet.fixtures.ReferenceRuns;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.fixtures.SubmitScript.Result;
import org.pathnet.fixtures.SubmitScript;
import org.pathnet.spark.PathnetJobConf;

/**
 * The job on a real distributed engine: a Spark standalone cluster of a Master and two one-core Workers on 127.0.0.1
 * (see {@link StandaloneCluster}), the study submitted through submit.sh in client mode, which sends the cluster jar.
 * Executors get their Java options from conf/pathnet.conf, as a user's would. The study's tables equal the same
 * study's in local[2]; it still does when a Worker is killed mid-study; and it runs with spark.authenticate on.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneClusterIT {
  private static final Path WORK = Path.of("target", "standalone-cluster-it").toAbsolutePath();
  private static final Duration STUDY_LIMIT = Duration.ofMinutes(6);
  private static final String LOOPBACK = "127.0.0.1";

  private static StandaloneCluster cluster;

  @BeforeAll
  static void startCluster() throws IOException, InterruptedException {
    StandaloneCluster.deleteTree(WORK);
    cluster = StandaloneCluster.start(WORK.resolve("cluster"), StandaloneCluster.Shape.ofWorkers(2, List.of()));
  }

  @AfterAll
  static void stopCluster() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** Starts the study through submit.sh in client mode on {@code on}'s Master, writing to WORK/name/run. */
  private static SubmitScript submit(StandaloneCluster on, String name, Map<String, String> study,
      List<String> sparkOptions) throws IOException {
    Path work = Files.createDirectories(WORK.resolve(name));
    List<String> args = new ArrayList<>(List.of("--master", on.masterUrl(),
        "--conf", "spark.driver.host=" + LOOPBACK, "--conf", "spark.driver.bindAddress=" + LOOPBACK));
    args.addAll(sparkOptions);
    args.addAll(SubmitScript.conf(study));
    args.addAll(List.of("--out", work.resolve("run").toString()));
    return SubmitScript.start(work, "driver", Map.of("SPARK_LOCAL_IP", LOOPBACK,
        "SPARK_LOCAL_DIRS", Files.createDirectories(work.resolve("driver-local")).toString()), args);
  }

  private static String run(String name) {
    return WORK.resolve(name).resolve("run").toString();
  }

  @Test
  @Order(1)
  void aStudyOnTheClusterListensOnlyOnLoopbackAndEqualsTheSameStudyInLocal2() throws Exception {
    SubmitScript driver = submit(cluster, "small", SMALL, List.of());
    try {
      driver.awaitRound(1, STUDY_LIMIT);
      List<ProcessHandle> executors = cluster.executors();
      assertEquals(2, executors.size(), "one executor per Worker");
      assertExecutorsGetTheJavaOptionsOfPathnetConf(executors);
      List<ProcessHandle> processes = new ArrayList<>(cluster.processes());
      processes.add(ProcessHandle.of(driver.pid()).orElseThrow());
      assertListenOnlyOnLoopback(processes);

      Result r = driver.await(STUDY_LIMIT);
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(r.stdout().contains(" on " + cluster.masterUrl() + ","), r.stdout());
    } finally {
      driver.kill();
    }
    StudyTables.assertEqualStudies(ReferenceRuns.local2(SMALL), run("small"));
  }

  /**
   * Whatever spark.executor.extraJavaOptions conf/pathnet.conf sets reaches every executor's command line, with
   * the options the job adds to it (the Vector API module, G1's region size).
   */
  private static void assertExecutorsGetTheJavaOptionsOfPathnetConf(List<ProcessHandle> executors)
      throws IOException {
    Properties conf = new Properties();
    try (Reader in = Files.newBufferedReader(Path.of("..", "conf", "pathnet.conf"))) {
      conf.load(in);
    }
    String options = conf.getProperty("spark.executor.extraJavaOptions", "").trim();
    for (ProcessHandle executor : executors) {
      List<String> command = List.of(executor.info().arguments().orElseThrow());
      assertTrue(command.contains("org.apache.spark.executor.CoarseGrainedExecutorBackend"), command.toString());
      for (String option : options.isEmpty() ? new String[0] : options.split("\\s+")) {
        assertTrue(command.contains(option), "executor " + executor.pid() + " runs with " + option + ": " + command);
      }
      for (String option : List.of(PathnetJobConf.VECTOR_MODULE_OPTION, PathnetJobConf.REGION_SIZE_OPTION)) {
        assertTrue(command.contains(option), "executor " + executor.pid() + " runs with " + option + ": " + command);
      }
    }
  }

  /** Every listening socket of {@code processes} is on 127.0.0.1, and each listens somewhere. */
  private static void assertListenOnlyOnLoopback(List<ProcessHandle> processes) throws IOException {
    for (ProcessHandle p : processes) {
      List<InetSocketAddress> addresses = ListeningSockets.of(p.pid());
      assertFalse(addresses.isEmpty(), "process " + p.pid() + " listens (" + p.info().commandLine() + ")");
      for (InetSocketAddress address : addresses) {
        assertEquals(LOOPBACK, address.getAddress().getHostAddress(), "process " + p.pid() + " listens on " + address);
      }
    }
  }

  @Test
  @Order(2)
  void aStudyThatLosesAWorkerMidWayCompletesWithTheUndisturbedTables() throws Exception {
    SubmitScript driver = submit(cluster, "lost-worker", LONG, List.of());
    try {
      int killedAt = driver.awaitRound(3, STUDY_LIMIT);
      assertEquals(2, cluster.executors().size(), "both Workers run an executor");
      List<ProcessHandle> orphans = cluster.killWorker(1);
      assertEquals(1, orphans.size(), "the killed Worker ran an executor");

      Result r = driver.await(STUDY_LIMIT);
      assertEquals(0, r.exitCode(), r.stderr());
      assertTrue(killedAt <= LONG_GENERATIONS, "killed in round " + killedAt + ", in the first half of "
          + 2 * LONG_GENERATIONS + " rounds; make the study longer if training got faster");
      assertTrue(r.stderr().contains("Lost executor"), "the driver lost the killed Worker's executor: " + r.stderr());
      assertFalse(orphans.get(0).onExit().get(30, TimeUnit.SECONDS).isAlive(), "its executor followed it");
    } finally {
      driver.kill();
    }
    StudyTables.assertEqualStudies(ReferenceRuns.local2(LONG), run("lost-worker"));
  }

  @Test
  @Order(3)
  void aStudyRunsOnAClusterWithSparkAuthenticate() throws Exception {
    String secret = UUID.randomUUID().toString();
    List<String> authenticate = List.of("spark.authenticate=true", "spark.authenticate.secret=" + secret);
    Path dir = WORK.resolve("authenticated-cluster");
    try (StandaloneCluster secured = StandaloneCluster.start(dir, StandaloneCluster.Shape.ofWorkers(2,
        authenticate.stream().map(p -> "-D" + p).toList()))) {
      SubmitScript driver = submit(secured, "authenticated", SMALL,
          authenticate.stream().flatMap(p -> Stream.of("--conf", p)).toList());
      try {
        Result r = driver.await(STUDY_LIMIT);
        assertEquals(0, r.exitCode(), r.stderr());
      } finally {
        driver.kill();
      }
      for (String daemon : List.of("master", "worker-0", "worker-1")) {
        assertTrue(secured.logOf(daemon).contains("authentication enabled"), daemon + " authenticates");
      }
      List<Path> executorLogs = secured.executorLogs();
      assertEquals(2, executorLogs.size(), "one executor per Worker: " + executorLogs);
      for (Path log : executorLogs) {
        assertTrue(Files.readString(log).contains("authentication enabled"), log + " authenticates");
      }
    }
    StudyTables.assertEqualStudies(ReferenceRuns.local2(SMALL), run("authenticated"));
  }
}
