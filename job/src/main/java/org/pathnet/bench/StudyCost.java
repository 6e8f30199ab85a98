package org.pathnet.bench;

import static org.pathnet.experiment.SettingKey.LEARNING_RATE;
import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.OPTIMIZER;
import static org.pathnet.experiment.SettingKey.SEEDS;
import static org.pathnet.experiment.SettingKey.STOP_WHEN_SOLVED;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.InProcessRounds;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.Task;
import org.pathnet.experiment.Variant;

/**
 * What a study will cost, printed before any work: its run-generations at most (every task to the cap) and, where
 * tasks stop when solved and a measured study of every variant's optimiser and learning rate exists, typically
 * (each task's measured mean, at most the cap); each times the kernel's milliseconds
 * per run-generation, calibrated on this driver at start-up, over the cores. Contests only: shipping and the
 * driver's work come on top (docs/PERFORMANCE.md, "Where the time goes").
 */
public final class StudyCost {
  /**
   * The calibration study: 2 seeds of every arm for 6 generations, timed in its last 2 (the fastest counts): the
   * JIT compiler needs a few dozen contests before the kernel runs at speed.
   */
  private static final int CALIBRATION_SEEDS = 2;
  private static final int CALIBRATION_ROUNDS = 6;
  private static final int TIMED_ROUNDS = 2;

  /**
   * Mean generations per arm and task ("pathnet A") in a measured study of one of the shipped profiles' optimisers,
   * with where it was measured: the figures a "typical" cost reads. An arm the study did not run takes PathNet's
   * figure for the same task.
   */
  private record Typical(String optimizer, double learningRate, Map<String, Double> means, String source) {
    double generations(Arm arm, Task task) {
      Double mean = means.get(arm.label() + " " + task.name());
      return mean != null ? mean : means.get(Arm.PATHNET.label() + " " + task.name());
    }
  }

  private static final List<Typical> MEASURED = List.of(
      new Typical("adam", 0.001, Map.of("pathnet A", 25.9, "pathnet B", 6.0, "scratch B", 5.9, "denovo B", 2.2,
          "finetune A", 6.8, "finetune B", 2.2),
          "the 4,000-run study of the seed profile in docs/PERFORMANCE.md"),
      new Typical("sgd", 0.0001, Map.of("pathnet A", 2434.0, "pathnet B", 673.0),
          "README's 8-seed study of the paper profile, pathnet only"));

  private StudyCost() {}

  /**
   * Milliseconds per run-generation of {@code settings}' runs in this thread, measured on a throwaway study of each
   * variant's settings (the study itself is not touched), averaged over the variants, which have as many runs
   * each.
   */
  public static double calibrate(Settings settings, StudyData data) {
    double total = 0;
    for (Variant variant : settings.variants()) {
      Map<String, String> conf = new TreeMap<>(settings.of(variant).withoutVariants());
      conf.put(Settings.PREFIX + "seeds", Integer.toString(CALIBRATION_SEEDS));
      conf.put(Settings.PREFIX + "maxGenerations", Integer.toString(CALIBRATION_ROUNDS));
      conf.put(Settings.PREFIX + "stopWhenSolved", "false");
      conf.put(Settings.PREFIX + "pairs", settings.pairs().get(0).label());
      Settings calibration = Settings.fromSparkConf(conf, null);
      double[] fastest = {Double.MAX_VALUE};
      new Study(calibration, data).run(new InProcessRounds(data, 1), round -> {
        if (round.number() > CALIBRATION_ROUNDS - TIMED_ROUNDS) {
          fastest[0] = Math.min(fastest[0], round.work().computeNanos() / 1e6 / round.work().runGenerations());
        }
      });
      total += fastest[0];
    }
    return total / settings.variants().size();
  }

  /**
   * The cost line of {@code study} under {@code settings}, its kernel at {@code msPerRunGeneration} on
   * {@code cores}.
   */
  public static String line(Settings settings, Study study, double msPerRunGeneration, int cores) {
    long most = study.generationsLeftAtMost();
    List<Integer> caps = settings.variants().stream().map(v -> settings.of(v).integer(MAX_GENERATIONS)).distinct()
        .toList();
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
        "pathnet: cost: at most %,d run-generations (every task to maxGenerations %s)", most,
        caps.size() == 1 ? String.format(Locale.ROOT, "%,d", caps.get(0)) : "of its variant"));
    // without stopWhenSolved every task runs to the cap: the bound is the cost
    long expected = study.rounds() == 0 && settings.flag(STOP_WHEN_SOLVED) ? typicalGenerations(settings) : -1;
    if (expected >= 0) {
      line.append(String.format(Locale.ROOT, ", typically %,d (each arm's mean per task, at most the cap: %s)",
          expected, String.join("; ", settings.variants().stream().map(v -> typical(settings.of(v)).source())
              .distinct().toList())));
    }
    line.append(String.format(Locale.ROOT, "; x %.1f ms per run-generation (calibrated here) / %d cores = ",
        msPerRunGeneration, cores));
    if (expected >= 0) {
      line.append(duration(expected * msPerRunGeneration / cores)).append(" typically, ");
    }
    return line.append(duration(most * msPerRunGeneration / cores)).append(" at most, of contests").toString();
  }

  /**
   * Run-generations of the whole study when each task takes its measured mean (at most the cap), or -1 when some
   * variant's optimiser and learning rate have no measured study.
   */
  private static long typicalGenerations(Settings settings) {
    double total = 0;
    for (Variant variant : settings.variants()) {
      Settings own = settings.of(variant);
      Typical typical = typical(own);
      if (typical == null) {
        return -1;
      }
      for (Arm arm : own.arms()) {
        for (Task task : arm.tasks()) {
          total += own.pairs().size() * own.integer(SEEDS)
              * Math.min(typical.generations(arm, task), own.integer(MAX_GENERATIONS));
        }
      }
    }
    return Math.round(total);
  }

  /** The measured study of {@code settings}' optimiser and learning rate, or null. */
  private static Typical typical(Settings settings) {
    for (Typical t : MEASURED) {
      if (t.optimizer().equals(settings.text(OPTIMIZER)) && t.learningRate() == settings.decimal(LEARNING_RATE)) {
        return t;
      }
    }
    return null;
  }

  /** {@code millis} in the largest unit that keeps it readable. */
  public static String duration(double millis) {
    double seconds = millis / 1000;
    if (seconds < 120) {
      return String.format(Locale.ROOT, "%.0f s", seconds);
    }
    if (seconds < 7200) {
      return String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
    return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
  }
}
