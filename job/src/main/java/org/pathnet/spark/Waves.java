package org.pathnet.spark;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a round's runs into Spark jobs of at most {@link #RUNS_PER_JOB}. A job's broadcasts (each run's
 * parameters) and results (the winners') sit on the driver's heap until it ends, about 2 MB per run: without waves
 * a 1,000-run study needs gigabytes of heap per round, with them a few hundred megabytes. A job per 200 runs costs
 * a few tens of milliseconds against seconds of training.
 */
final class Waves {
  static final int RUNS_PER_JOB = 200;

  private Waves() {}

  /** {@code items} in consecutive chunks of at most {@link #RUNS_PER_JOB}, in order. */
  static <T> List<List<T>> of(List<T> items) {
    List<List<T>> waves = new ArrayList<>();
    for (int from = 0; from < items.size(); from += RUNS_PER_JOB) {
      waves.add(items.subList(from, Math.min(items.size(), from + RUNS_PER_JOB)));
    }
    return waves;
  }
}
