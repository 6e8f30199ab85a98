package org.pathnet.experiment;

import static org.pathnet.experiment.SettingKey.SEED;
import static org.pathnet.experiment.SettingKey.SEEDS;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.pathnet.network.Architecture;

/**
 * Every run of a study by its index, as the study's settings make it: its id, its variant's settings and training
 * plan, and the study's random streams. Its size does not grow with the runs, so a new study sends it once to where
 * its runs will play and each run is started there from its index ({@link Rounds#host}), by the same {@link #start}
 * wherever that is; the study keeps only the runs' {@link #follower followers}. A checkpoint's followers are read
 * under it too.
 */
public final class StudyRuns implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The variants' labels, in the study's order. */
  private final List<String> variants;
  private final Map<String, Settings> settings;
  private final Map<String, TrainingPlan> plans;
  private final List<TaskPair> pairs;
  private final int seeds;
  private final List<Arm> arms;
  private final RandomStreams streams;

  private StudyRuns(Map<String, Settings> settings, Map<String, TrainingPlan> plans, List<TaskPair> pairs, int seeds,
      List<Arm> arms, RandomStreams streams) {
    this.variants = List.copyOf(settings.keySet());
    this.settings = settings;
    this.plans = plans;
    this.pairs = List.copyOf(pairs);
    this.seeds = seeds;
    this.arms = List.copyOf(arms);
    this.streams = streams;
  }

  /** The runs {@code settings} make, on images of {@code inputSize} pixels. */
  public static StudyRuns of(Settings settings, int inputSize) {
    Map<String, Settings> variants = new LinkedHashMap<>();
    Map<String, TrainingPlan> plans = new LinkedHashMap<>();
    for (Variant variant : settings.variants()) {
      Settings own = settings.of(variant);
      variants.put(variant.label(), own);
      plans.put(variant.label(), TrainingPlan.of(own, inputSize));
    }
    return new StudyRuns(variants, plans, settings.pairs(), settings.integer(SEEDS), settings.arms(),
        new RandomStreams(settings.longInteger(SEED)));
  }

  /** The number of runs: variants x pairs x seeds x arms. */
  public int count() {
    return variants.size() * pairs.size() * seeds * arms.size();
  }

  /** Run {@code index}'s id, in the study's fixed order: variants, then pairs, then seeds, then arms. */
  public RunId id(int index) {
    if (index < 0 || index >= count()) {
      throw new IndexOutOfBoundsException("run " + index + " of a study of " + count());
    }
    int arm = index % arms.size();
    int seed = index / arms.size() % seeds;
    int pair = index / arms.size() / seeds % pairs.size();
    int variant = index / arms.size() / seeds / pairs.size();
    return new RunId(variants.get(variant), pairs.get(pair), seed, arms.get(arm));
  }

  /**
   * Run {@code index} at its first generation, its first task started; its parameters are drawn when it first needs
   * them, and it is given its examples where it plays.
   */
  public Run start(int index) {
    RunId id = id(index);
    return Run.start(index, id, settings(id.variant()), plan(id.variant()), streams, null);
  }

  /** The follower of run {@code index} at its first generation: what {@link #start} gives, without parameters. */
  public Run follower(int index) {
    RunId id = id(index);
    return Run.follower(index, id, settings(id.variant()), plan(id.variant()), streams);
  }

  /** Bytes of float data the runs hold at most, between them ({@link #runBytes}). */
  public long stateBytes() {
    return IntStream.range(0, count()).mapToLong(this::runBytes).sum();
  }

  /** The most bytes of float data one run holds ({@link #runBytes}). */
  public long largestRunBytes() {
    return IntStream.range(0, count()).mapToLong(this::runBytes).max().orElse(0);
  }

  /**
   * Bytes of float data run {@code index} holds at most: every module of a PathNet arm's run, the fixed pathway's
   * modules of a control's ({@code ModuleStore#initialisedOn}), and two heads, each with its optimiser moments. What
   * sizes a local driver's heap and a cluster's shards.
   */
  public long runBytes(int index) {
    RunId id = id(index);
    TrainingPlan plan = plan(id.variant());
    Architecture arch = plan.architecture();
    int vectors = 1 + plan.optimizer().stateVectors();
    int modules = id.arm().evolves() ? arch.modulesPerLayer() : arch.activePerLayer();
    long floats = 2L * arch.headParameters();
    for (int l = 0; l < arch.layers(); l++) {
      floats += (long) modules * arch.moduleParameters(l);
    }
    return 4L * vectors * floats;
  }

  /** The settings the runs of {@code variant} train under; null for a label the study has not. */
  Settings settings(String variant) {
    return settings.get(variant);
  }

  /** The training plan of {@code variant}'s runs; null for a label the study has not. */
  TrainingPlan plan(String variant) {
    return plans.get(variant);
  }

  /** The architecture of each variant, by its label, in the study's order: what its rows' paths fit. */
  public Map<String, Architecture> architectures() {
    Map<String, Architecture> architectures = new LinkedHashMap<>();
    plans.forEach((label, plan) -> architectures.put(label, plan.architecture()));
    return architectures;
  }

  RandomStreams streams() {
    return streams;
  }
}
