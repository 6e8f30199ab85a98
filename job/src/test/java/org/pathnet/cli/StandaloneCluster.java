package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster on 127.0.0.1 for integration tests: a Master and Workers of one core each, every one a
 * JVM of its own started from the build's jars. The Workers' SPARK_HOME/jars links the jars a Spark distribution
 * would hold, listed by the build in target/spark-distribution.classpath: everything but the job's own libraries
 * (ND4J, DL4J, DataVec, JavaCPP), which executors can only get from the submitted cluster jar. Every process it
 * starts, Workers' executors included, is stopped by its process id on {@link #close()}, and by a shutdown hook if
 * the test JVM ends first.
 */
final class StandaloneCluster implements AutoCloseable {
  private static final Path DISTRIBUTION = Path.of("target", "spark-distribution.classpath");
  private static final String HOST = "127.0.0.1";
  private static final Duration START = Duration.ofMinutes(2);
  private static final Pattern MASTER_URL = Pattern.compile("Starting Spark master at (spark://\\S+)");

  private final Path dir;
  private final List<String> daemonProperties;
  private final List<ProcessHandle> processes = new ArrayList<>();
  private final List<Process> workers = new ArrayList<>();
  private final Thread shutdownHook = new Thread(this::stopAll);
  private String masterUrl;

  private StandaloneCluster(Path dir, List<String> daemonProperties) {
    this.dir = dir;
    this.daemonProperties = daemonProperties;
  }

  /**
   * Starts a Master and {@code workers} Workers in {@code dir} (emptied first) and waits until every Worker has
   * registered. {@code daemonProperties} ({@code -Dspark.KEY=VALUE}) go to the Master and the Workers.
   */
  static StandaloneCluster start(Path dir, int workers, List<String> daemonProperties) throws IOException,
      InterruptedException {
    StandaloneCluster cluster = new StandaloneCluster(dir, daemonProperties);
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.startAll(workers);
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void startAll(int workerCount) throws IOException, InterruptedException {
    deleteTree(dir);
    Path sparkHome = sparkHome();
    launch("master", sparkHome, List.of("org.apache.spark.deploy.master.Master", "--host", HOST,
        "--port", "0", "--webui-port", "0"));
    masterUrl = awaitLog("master", MASTER_URL).group(1);
    awaitLog("master", Pattern.compile("I have been elected leader"));
    for (int i = 0; i < workerCount; i++) {
      Path work = Files.createDirectories(workDir(i));
      workers.add(launch("worker-" + i, sparkHome, List.of("org.apache.spark.deploy.worker.Worker", "--host", HOST,
          "--port", "0", "--webui-port", "0", "--cores", "1", "--memory", "1g", "--work-dir", work.toString(),
          masterUrl)));
    }
    for (int i = 0; i < workerCount; i++) {
      awaitLog("worker-" + i, Pattern.compile("Successfully registered with master"));
    }
  }

  /** A SPARK_HOME whose jars/ links the distribution's jars: a Worker builds executor class paths from it. */
  private Path sparkHome() throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
    String classpath = Files.readString(DISTRIBUTION, StandardCharsets.UTF_8).trim();
    for (String jar : classpath.split(File.pathSeparator)) {
      Path source = Path.of(jar);
      Files.createSymbolicLink(jars.resolve(source.getFileName().toString()), source);
    }
    return jars.getParent();
  }

  private Process launch(String name, Path sparkHome, List<String> mainAndArguments) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m"));
    command.addAll(List.of(System.getProperty("pathnet.java17.flags").trim().split("\\s+")));
    command.addAll(daemonProperties);
    command.addAll(List.of("-cp", sparkHome.resolve("jars") + File.separator + "*"));
    command.addAll(mainAndArguments);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log(name).toFile());
    Map<String, String> env = builder.environment();
    env.put("SPARK_HOME", sparkHome.toString());
    // Without it the launcher looks for a source tree's build directories to learn the Scala version.
    env.put("SPARK_SCALA_VERSION", "2.12");
    // Every socket of the daemons and their executors binds to loopback, UIs included.
    env.put("SPARK_LOCAL_IP", HOST);
    // Scratch space (the fetched job jar, block manager files) stays in target/, even for a killed Worker.
    env.put("SPARK_LOCAL_DIRS", Files.createDirectories(dir.resolve(name + "-local")).toString());
    Process process = builder.start();
    synchronized (processes) {
      processes.add(process.toHandle());
    }
    return process;
  }

  private Path log(String name) {
    return dir.resolve(name + ".log");
  }

  /** Reads a daemon's log until {@code pattern} appears; fails when the daemon dies or takes too long. */
  private Matcher awaitLog(String name, Pattern pattern) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      String log = logOf(name);
      Matcher m = pattern.matcher(log);
      if (m.find()) {
        return m;
      }
      boolean alive;
      synchronized (processes) {
        alive = processes.stream().allMatch(ProcessHandle::isAlive);
      }
      assertTrue(alive, name + " died while starting: " + log);
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not log '" + pattern + "' within " + START);
  }

  /** The Master's URL, spark://127.0.0.1:PORT. */
  String masterUrl() {
    return masterUrl;
  }

  /** The log so far of the {@code master} or of {@code worker-I}. */
  String logOf(String name) throws IOException {
    return Files.readString(log(name), StandardCharsets.UTF_8);
  }

  /**
   * Every process of the cluster still running: the Master, the Workers and the executors they started (recorded
   * here, so that executors a killed Worker leaves behind are still stopped at the end).
   */
  List<ProcessHandle> processes() {
    synchronized (processes) {
      Set<ProcessHandle> all = new LinkedHashSet<>(processes);
      for (ProcessHandle p : processes) {
        p.descendants().forEach(all::add);
      }
      processes.clear();
      processes.addAll(all);
      return all.stream().filter(ProcessHandle::isAlive).toList();
    }
  }

  /**
   * The {@code stderr} logs of every executor the Workers started, from their work directories only: an executor's
   * scratch directory (SPARK_LOCAL_DIRS) is emptied as its application ends, perhaps while a walk is in it.
   */
  List<Path> executorLogs() throws IOException {
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < workers.size(); i++) {
      try (Stream<Path> files = Files.walk(workDir(i))) {
        files.filter(f -> f.getFileName().toString().equals("stderr")).forEach(logs::add);
      }
    }
    return logs;
  }

  private Path workDir(int worker) {
    return dir.resolve("worker-" + worker);
  }

  /** The executors running now: the Workers' child processes. */
  List<ProcessHandle> executors() {
    processes();
    return workers.stream().flatMap(w -> w.toHandle().children()).filter(ProcessHandle::isAlive).toList();
  }

  /**
   * Kills Worker {@code i} as a crashed machine would, kill -9 of its process id and nothing else, and returns the
   * executors it had started: they are left to notice on their own.
   */
  List<ProcessHandle> killWorker(int i) throws InterruptedException {
    processes();
    Process worker = workers.get(i);
    List<ProcessHandle> executors = worker.toHandle().children().toList();
    worker.destroyForcibly();
    assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "worker-" + i + " is gone");
    return executors;
  }

  /**
   * Stops every process by its id (SIGTERM, SIGKILL after 20 s), then deletes the executors' copies of the job jar
   * (150 MB each) and the daemons' scratch space; the logs stay.
   */
  @Override
  public void close() throws IOException {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs stopAll itself
    }
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> scratch;
    try (Stream<Path> files = Files.walk(dir)) {
      scratch = files.filter(f -> f.getFileName().toString().endsWith("-local")
          || f.toString().endsWith(".jar") && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).toList();
    }
    for (Path p : scratch) {
      deleteTree(p);
    }
  }

  private void stopAll() {
    stop(processes());
  }

  /** Stops {@code running} by their ids: SIGTERM, then SIGKILL for any still there after 20 s. */
  static void stop(List<ProcessHandle> running) {
    running.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle p : running) {
      try {
        p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
  }

  /**
   * Deletes {@code path} and everything under it, if it exists. Symbolic links are deleted, never followed: the
   * SPARK_HOME's jars/ links into the Maven repository.
   */
  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }
}
