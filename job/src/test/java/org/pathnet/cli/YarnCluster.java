package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.pathnet.yarn.InProcessYarn;

/**
 * A real YARN cluster on 127.0.0.1 for integration tests: the yarn-cluster module's {@link InProcessYarn} (Hadoop's
 * MiniYARNCluster, a ResourceManager and a NodeManager) in a JVM of its own, on the class path that module's build
 * lists, since YARN's test cluster and ND4J cannot share one. It writes the cluster's configuration to
 * {@link #confDir()}, a HADOOP_CONF_DIR for submit.sh. Every process it started, the containers its NodeManager
 * launched included, is stopped by its process id on {@link #close()}, and with the test JVM: the cluster ends when
 * its standard input, a pipe from this JVM, closes.
 */
final class YarnCluster implements AutoCloseable {
  private static final Path MODULE = Path.of("..", "yarn-cluster", "target").toAbsolutePath().normalize();
  private static final Duration START = Duration.ofMinutes(3);
  /**
   * In the name of a NodeManager's local directory (MiniYARNCluster's naming): it holds its applications' jars,
   * which the NodeManager deletes as each application ends.
   */
  private static final String LOCAL_DIR = "-localDir-";

  private final Path dir;
  private final Process process;
  private final Set<ProcessHandle> processes = new LinkedHashSet<>();

  private YarnCluster(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
    processes.add(process.toHandle());
  }

  /** Starts the cluster in {@code dir} (emptied first) and waits until its NodeManager has registered. */
  static YarnCluster start(Path dir) throws IOException, InterruptedException {
    StandaloneCluster.deleteTree(dir);
    Files.createDirectories(dir);
    Path classpath = MODULE.resolve("yarn-cluster.classpath");
    assertTrue(Files.isRegularFile(classpath), classpath + " exists: build the yarn-cluster module first");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx768m"));
    command.addAll(List.of(System.getProperty("pathnet.java17.flags").trim().split("\\s+")));
    command.addAll(List.of("-cp", MODULE.resolve("classes") + File.pathSeparator
        + Files.readString(classpath, StandardCharsets.UTF_8).trim(), InProcessYarn.class.getName(),
        dir.resolve("conf").toString()));
    // MiniYARNCluster keeps its directories under the working directory's target/
    Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("yarn.log").toFile()).start();
    YarnCluster cluster = new YarnCluster(dir, process);
    try {
      cluster.awaitReady();
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START.toNanos();
    while (System.nanoTime() < deadline) {
      if (log().contains(InProcessYarn.READY)) {
        return;
      }
      assertTrue(process.isAlive(), "the YARN cluster died while starting: " + log());
      Thread.sleep(200);
    }
    throw new AssertionError("the YARN cluster was not ready within " + START + ": " + log());
  }

  /** The directory holding the cluster's yarn-site.xml. */
  Path confDir() {
    return dir.resolve("conf");
  }

  /** The cluster's own log so far: the ResourceManager's and the NodeManager's. */
  String log() throws IOException {
    return Files.readString(dir.resolve("yarn.log"), StandardCharsets.UTF_8);
  }

  /** Every process of the cluster still running: its JVM and the containers its NodeManager launched. */
  List<ProcessHandle> processes() {
    synchronized (processes) {
      process.toHandle().descendants().forEach(processes::add);
      return processes.stream().filter(ProcessHandle::isAlive).toList();
    }
  }

  /** The Spark executors running now in the NodeManager's containers. */
  List<ProcessHandle> executors() {
    return processes().stream().filter(p -> p.info().arguments().map(List::of).orElse(List.of())
        .contains("org.apache.spark.executor.YarnCoarseGrainedExecutorBackend")).toList();
  }

  /** What the containers printed so far: the {@code stdout} the NodeManager keeps for each in its log directories. */
  List<String> containerOutputs() throws IOException {
    List<String> outputs = new ArrayList<>();
    Files.walkFileTree(dir.resolve("target"), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attributes) {
        // never into a local directory: the NodeManager may be deleting in it while we walk
        return d.getFileName().toString().contains(LOCAL_DIR) ? FileVisitResult.SKIP_SUBTREE
            : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attributes) throws IOException {
        if (f.getFileName().toString().equals("stdout")) {
          outputs.add(Files.readString(f, StandardCharsets.UTF_8));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return outputs;
  }

  /**
   * Ends the cluster: closes its standard input so that it stops its servers, and after 30 s stops by their ids
   * whatever it left (containers included). Then deletes the NodeManager's local directories, which keep a copy of
   * every application's jars (hundreds of MB); its logs stay.
   */
  @Override
  public void close() throws IOException {
    List<ProcessHandle> started = processes();
    process.getOutputStream().close();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    StandaloneCluster.stop(started.stream().filter(ProcessHandle::isAlive).toList());
    Path work = dir.resolve("target");
    if (!Files.isDirectory(work)) {
      return;
    }
    List<Path> localDirs;
    try (Stream<Path> files = Files.walk(work)) {
      localDirs = files.filter(f -> f.getFileName().toString().contains(LOCAL_DIR)).toList();
    }
    for (Path localDir : localDirs) {
      StandaloneCluster.deleteTree(localDir);
    }
  }
}
