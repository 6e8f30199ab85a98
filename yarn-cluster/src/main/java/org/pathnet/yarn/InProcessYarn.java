package org.pathnet.yarn;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A real YARN cluster in this JVM for the job's integration tests: Hadoop's MiniYARNCluster, one ResourceManager and
 * one NodeManager, every server on 127.0.0.1. Once the NodeManager has registered it writes the cluster's
 * configuration as {@code yarn-site.xml} to the directory given as its only argument (a {@code HADOOP_CONF_DIR} for
 * spark-submit) and prints {@link #READY}. It runs until its standard input ends, which
 * is when the test that started it closes the pipe or dies, so that it never outlives the test.
 */
public final class InProcessYarn {
  /** The line on standard output that says the configuration is written and the cluster takes applications. */
  public static final String READY = "in-process YARN ready";
  private static final String LOOPBACK = "127.0.0.1";

  private InProcessYarn() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: InProcessYarn CONF_DIR");
      System.exit(2);
    }
    Path confDir = Files.createDirectories(Path.of(args[0]));
    MiniYARNCluster cluster = new MiniYARNCluster("pathnet", 1, 1, 1);
    cluster.init(configuration());
    cluster.start();
    try {
      if (!cluster.waitForNodeManagersToConnect(TimeUnit.MINUTES.toMillis(1))) {
        throw new IllegalStateException("the NodeManager did not register within a minute");
      }
      // every setting, the defaults of core-site.xml included: the file system stays the local one
      write(cluster.getConfig(), confDir.resolve("yarn-site.xml"));
      System.out.println(READY);
      System.out.flush();
      while (System.in.read() >= 0) {
        // only the end of the stream matters
      }
    } finally {
      cluster.stop();
    }
  }

  /**
   * Every address on loopback; no virtual-memory check (a JVM reserves far more address space than it uses, and
   * YARN would kill executors for it); no disk-health threshold (a NodeManager on a disk over 90% full marks itself
   * unhealthy and gets no containers); containers as small as a test's executors.
   */
  private static YarnConfiguration configuration() {
    YarnConfiguration conf = new YarnConfiguration();
    conf.set(YarnConfiguration.RM_BIND_HOST, LOOPBACK);
    conf.set(YarnConfiguration.NM_BIND_HOST, LOOPBACK);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setFloat(YarnConfiguration.NM_MAX_PER_DISK_UTILIZATION_PERCENTAGE, 100.0f);
    conf.setLong(YarnConfiguration.NM_MIN_PER_DISK_FREE_SPACE_MB, 0);
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 256);
    return conf;
  }

  /** Writes {@code conf} to {@code file} at once (a reader never sees half a file). */
  private static void write(Configuration conf, Path file) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (OutputStream out = Files.newOutputStream(partial)) {
      conf.writeXml(out);
    }
    Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
