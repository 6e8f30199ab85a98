package org.pathnet.spark;

import static org.pathnet.experiment.SettingKey.PARTITIONS;

import java.util.Locale;
import java.util.Map;
import org.apache.spark.network.util.JavaUtils;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Settings;

/**
 * What a Spark task on a cluster's executor may hold while it plays a shard: the memory Spark manages for tasks and
 * storage, (spark.executor.memory - the 300 MB Spark reserves) x spark.memory.fraction, shared by the tasks the
 * executor runs at once (its cores / spark.task.cpus). A shard in play holds its runs' state twice, the runs it read
 * and the runs it makes, which share only the modules the round did not train. Shards kept beyond Spark's storage
 * spill to disk (they are kept MEMORY_AND_DISK); a shard in play cannot, so shards are dealt small enough to play
 * ({@link SparkRounds#shards}), and a study that cannot be dealt so is refused before it starts ({@link #check}).
 * A local master's executor is the driver, whose heap submit.sh sizes for its shards in play ({@code DriverMemory}).
 */
public record ExecutorMemory(long executorMb, int tasksAtOnce, double fraction) {
  /** What Spark reserves of every executor's heap before it manages the rest. */
  private static final long RESERVED_MB = 300;
  private static final double MB = 1 << 20;

  /**
   * A cluster's executors as Spark's configuration {@code conf} gives them, with {@code cores} each (null: as
   * spark.executor.cores says, else 1); null on a local master.
   */
  public static ExecutorMemory of(Map<String, String> conf, Integer cores) {
    if (conf.getOrDefault("spark.master", "local[*]").startsWith("local")) {
      return null;
    }
    int executorCores = cores != null ? cores : Integer.parseInt(conf.getOrDefault("spark.executor.cores", "1"));
    int taskCpus = Integer.parseInt(conf.getOrDefault("spark.task.cpus", "1"));
    return new ExecutorMemory(JavaUtils.byteStringAsMb(conf.getOrDefault("spark.executor.memory", "1g")),
        Math.max(1, executorCores / taskCpus), Double.parseDouble(conf.getOrDefault("spark.memory.fraction", "0.6")));
  }

  /** Bytes one task may hold while it plays. */
  long perTaskBytes() {
    return (long) (Math.max(0, executorMb - RESERVED_MB) * MB * fraction / tasksAtOnce);
  }

  /**
   * The fewest shards a study holding {@code stateBytes}, none of its runs more than {@code largestRunBytes}, is dealt
   * into so that each can be played: a shard is dealt its share and at most one run more ({@link RunShard#deal}), and
   * holds it twice in play. One run a shard when even that is too much ({@link #check} refuses a run that cannot).
   */
  int leastShards(int runs, long stateBytes, long largestRunBytes) {
    long room = perTaskBytes() / 2 - largestRunBytes;
    return room <= 0 ? runs : (int) Math.min(runs, (stateBytes + room - 1) / room);
  }

  /**
   * Refuses, in one line naming the setting that fixes it, a study of {@code runs} runs holding {@code stateBytes}
   * between them that these executors cannot play: one whose largest run does not fit in play, or that the user
   * dealt (spark.pathnet.partitions, {@code partitions}; 0 lets the job deal) into fewer shards than fit.
   */
  public void check(int runs, long stateBytes, long largestRunBytes, int partitions) {
    if (2 * largestRunBytes > perTaskBytes()) {
      throw new InvalidInputException(String.format(Locale.ROOT, "spark.executor.memory %dm leaves %,d MB to each"
          + " of its %d tasks at once, and a run of this study needs %,d MB in play: give executors at least %dm"
          + " (--executor-memory)", executorMb, megabytes(perTaskBytes()), tasksAtOnce,
          megabytes(2 * largestRunBytes), leastMb(2 * largestRunBytes)));
    }
    int least = leastShards(runs, stateBytes, largestRunBytes);
    if (partitions > 0 && partitions < least) {
      long inPlay = 2 * (stateBytes / partitions + largestRunBytes);
      throw new InvalidInputException(String.format(Locale.ROOT, "%s%s=%d deals shards of up to %,d MB in play,"
          + " and spark.executor.memory %dm leaves %,d MB to each of its %d tasks at once: set %s%s to at least %d,"
          + " or to 0 to let the job deal shards that fit, or give executors at least %dm (--executor-memory)",
          Settings.PREFIX, PARTITIONS.key(), partitions, megabytes(inPlay), executorMb, megabytes(perTaskBytes()),
          tasksAtOnce, Settings.PREFIX, PARTITIONS.key(), least, leastMb(inPlay)));
    }
  }

  /** The executor memory that leaves {@code bytes} to each task at once. */
  private long leastMb(long bytes) {
    return RESERVED_MB + (long) Math.ceil(bytes * tasksAtOnce / fraction / MB);
  }

  private static long megabytes(long bytes) {
    return (long) Math.ceil(bytes / MB);
  }
}
