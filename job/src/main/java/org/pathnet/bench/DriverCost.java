package org.pathnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.pathnet.experiment.SettingKey;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;

/**
 * What a driver costs when its runs play elsewhere (docs/DESIGN.md, "Scale model"): its followers' work per
 * run-generation with nothing computed, every run handed made-up scores as a round hands real ones, and Spark's own
 * rate of empty tasks on a local master.
 */
final class DriverCost {
  private DriverCost() {}

  /**
   * The driver thread's CPU microseconds per run-generation, and the scores' bytes per run-generation, of a study
   * under {@code settings} (its runs never solve: every task runs to the cap) played by rounds that compute nothing.
   */
  record Followers(int runs, long runGenerations, double cpuMicros, double bytes) {}

  static Followers followers(Settings settings, StudyData data) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Study study = new Study(settings, data);
    MadeUpScores rounds = new MadeUpScores(settings.integer(SettingKey.GENERATIONS_PER_ROUND));
    long[] runGenerations = {0};
    long cpu = threads.getCurrentThreadCpuTime();
    study.run(rounds, round -> runGenerations[0] += round.work().runGenerations());
    double micros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3;
    return new Followers(study.size(), runGenerations[0], micros / runGenerations[0],
        (double) rounds.bytes() / runGenerations[0]);
  }

  /** Spark's empty Spark tasks per second on {@code spark}: {@code jobs} jobs of {@code tasks} tasks each. */
  record EmptyTasks(int tasks, int jobs, double perSecond, double millisPerJob) {}

  static EmptyTasks emptyTasks(JavaSparkContext spark, int tasks, int jobs) {
    List<Integer> partitions = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      partitions.add(i);
    }
    JavaRDD<Integer> kept = spark.parallelize(partitions, tasks).persist(StorageLevel.MEMORY_ONLY());
    kept.count(); // kept, and Spark's per-job code warmed up
    for (int i = 0; i < jobs; i++) {
      kept.map(x -> x).count();
    }
    long started = System.nanoTime();
    for (int i = 0; i < jobs; i++) {
      kept.map(x -> x).count();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    kept.unpersist(true);
    return new EmptyTasks(tasks, jobs, (double) tasks * jobs / seconds, seconds * 1e3 / jobs);
  }
}
