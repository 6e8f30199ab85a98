package org.pathnet.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Spark's log of a Spark task that failed or was killed: a warning per Spark task, with the stack trace of its
 * failure, and, when the SparkContext stops while killed Spark tasks still report back (Ctrl-C), an error per report
 * its stopped scheduler cannot take, and a warning per kept shard a killed Spark task was storing; a table's writer
 * aborting its task and job; Hadoop's warning about a checkpoint's temporary it cannot yet remove, while the failed
 * job's other Spark tasks still write their shard files into it. Held back while the job itself
 * turns that failure into its one line (a damaged table under {@code report}, an interrupted study, a full disk),
 * and given back afterwards.
 */
final class SparkTaskFailureLogs implements AutoCloseable {
  private static final List<String> LOGGERS = List.of("org.apache.spark.executor.Executor",
      "org.apache.spark.scheduler.TaskSetManager", "org.apache.spark.scheduler.TaskSchedulerImpl",
      "org.apache.spark.rpc.netty.Inbox", "org.apache.spark.util.Utils", "org.apache.spark.storage.BlockManager",
      "org.apache.spark.sql.execution.datasources.FileFormatWriter", "org.apache.hadoop.fs.FileUtil");

  private final Map<String, Level> levels = new LinkedHashMap<>();

  private SparkTaskFailureLogs() {
    for (String logger : LOGGERS) {
      levels.put(logger, LogManager.getLogger(logger).getLevel());
      Configurator.setLevel(logger, Level.OFF);
    }
  }

  /** Holds the logs back until {@link #close}. */
  static SparkTaskFailureLogs heldBack() {
    return new SparkTaskFailureLogs();
  }

  /** Gives the loggers their levels back. */
  @Override
  public void close() {
    levels.forEach(Configurator::setLevel);
  }
}
