package org.pathnet.report;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.Task;
import org.pathnet.experiment.TaskOutcome;

/**
 * Task B of the pathnet and scratch arms in one (variant, pair) cell, by seed index: what the transfer map's paired
 * bootstrap resamples. Seed s of every variant draws the same random streams (docs/PATHNET.md, "Common random
 * numbers"), so a resample is one multiset of seed indices, weighed here as {@code counts[s]}, drawn once for every
 * cell. Generations are NaN where a run did not solve task B (or, its task A censored, never trained it).
 */
record CellRuns(String variant, String pair, double[] pathnet, double[] scratch, double[] overlap,
    double[] pathnetCapped) {

  static CellRuns of(String variant, String pair, List<TaskOutcome> runs, int seeds, int cap) {
    double[] pathnet = missing(seeds);
    double[] scratch = missing(seeds);
    double[] overlap = missing(seeds);
    double[] capped = missing(seeds);
    for (TaskOutcome r : runs) {
      if (!r.variant().equals(variant) || !r.pair().equals(pair) || !r.task().equals(Task.B.name())) {
        continue;
      }
      double generations = r.solved() ? r.generations() : Double.NaN;
      if (r.arm().equals(Arm.PATHNET.label())) {
        pathnet[r.seed()] = generations;
        overlap[r.seed()] = r.overlap() == null ? Double.NaN : r.overlap();
        capped[r.seed()] = r.solved() ? r.generations() : cap; // ranked at the cap, as every rank test here
      } else if (r.arm().equals(Arm.SCRATCH.label())) {
        scratch[r.seed()] = generations;
      }
    }
    return new CellRuns(variant, pair, pathnet, scratch, overlap, capped);
  }

  private static double[] missing(int seeds) {
    double[] values = new double[seeds];
    Arrays.fill(values, Double.NaN);
    return values;
  }

  /** Every seed once: the study as it ran. */
  static int[] once(int seeds) {
    int[] counts = new int[seeds];
    Arrays.fill(counts, 1);
    return counts;
  }

  /** A bootstrap resample of {@code seeds} seed indices, drawn with replacement: how often each is drawn. */
  static int[] resample(int seeds, SplittableRandom random) {
    int[] counts = new int[seeds];
    for (int i = 0; i < seeds; i++) {
      counts[random.nextInt(seeds)]++;
    }
    return counts;
  }

  /**
   * log(scratch's mean generations / pathnet's) over the solved runs of the seeds {@code counts} draws: the log of
   * the summary's speed-up; NaN when an arm has no solved run among them.
   */
  double logSpeedup(int[] counts) {
    return Math.log(mean(scratch, counts)) - Math.log(mean(pathnet, counts));
  }

  private static double mean(double[] values, int[] counts) {
    double sum = 0;
    long n = 0;
    for (int s = 0; s < values.length; s++) {
      if (counts[s] > 0 && !Double.isNaN(values[s])) {
        sum += counts[s] * values[s];
        n += counts[s];
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  /** The pathnet runs with a task B among the seeds {@code counts} draws, each as often as drawn. */
  int overlapRuns(int[] counts) {
    int n = 0;
    for (int s = 0; s < overlap.length; s++) {
      n += Double.isNaN(overlap[s]) ? 0 : counts[s];
    }
    return n;
  }

  /**
   * Spearman's rank correlation of task B's overlap with task A's path and its generations (censored runs at the
   * cap) over the pathnet runs {@code counts} draws; NaN when it is undefined (fewer than three runs, or a side
   * without spread).
   */
  double overlapSpearman(int[] counts) {
    int n = overlapRuns(counts);
    if (n < 3) {
      return Double.NaN;
    }
    double[] x = new double[n];
    double[] y = new double[n];
    int i = 0;
    for (int s = 0; s < overlap.length; s++) {
      for (int k = 0; k < counts[s] && !Double.isNaN(overlap[s]); k++, i++) {
        x[i] = overlap[s];
        y[i] = pathnetCapped[s];
      }
    }
    return Spearman.rho(x, y);
  }
}
