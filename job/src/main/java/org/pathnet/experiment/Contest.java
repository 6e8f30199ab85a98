package org.pathnet.experiment;

import static org.pathnet.experiment.SettingKey.BATCH_SIZE;
import static org.pathnet.experiment.SettingKey.NOISE;
import static org.pathnet.experiment.SettingKey.STEPS;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import org.pathnet.evolution.Tournament;
import org.pathnet.network.CandidateNetwork;
import org.pathnet.network.Minibatch;
import org.pathnet.network.MinibatchSampler;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.Pathway;

/**
 * One run's work for one generation, as a Spark task receives it with one generation per round: a tournament
 * between two pathways of a PathNet arm, or one generation of a fixed-path arm (2 x T steps on fresh minibatches,
 * fitness over the last T, docs/PATHNET.md "Exact definitions"), with the parameters it starts from (only the modules
 * its pathways use, and the head) and its run's training plan (runs of a study's variants train differently). The
 * random streams are given as seeds derived from the run's key where the contest is drawn: on the driver, or in
 * the Spark task that evolves the whole run.
 */
public final class Contest implements Serializable {
  private final int runIndex;
  private final TrainingPlan plan;
  private final String classes;
  private final Pathway first;
  private final Pathway second;
  private final long batchSeed;
  private final long noiseSeed;
  private final ParameterSlice start;

  private Contest(int runIndex, TrainingPlan plan, String classes, Pathway first, Pathway second, long batchSeed,
      long noiseSeed, ParameterSlice start) {
    this.runIndex = runIndex;
    this.plan = plan;
    this.classes = classes;
    this.first = first;
    this.second = second;
    this.batchSeed = batchSeed;
    this.noiseSeed = noiseSeed;
    this.start = start;
  }

  /** A binary tournament between {@code first} and {@code second} on the task of {@code classes}. */
  static Contest tournament(int runIndex, TrainingPlan plan, String classes, Pathway first, Pathway second,
      long batchSeed, long noiseSeed, ParameterSlice start) {
    return new Contest(runIndex, plan, classes, first, second, batchSeed, noiseSeed, start);
  }

  /** One generation of training the fixed pathway {@code path}. */
  static Contest fixedPath(int runIndex, TrainingPlan plan, String classes, Pathway path, long batchSeed,
      long noiseSeed, ParameterSlice start) {
    return new Contest(runIndex, plan, classes, path, null, batchSeed, noiseSeed, start);
  }

  /** The index of the run in its study; outcomes are matched back by it. */
  public int runIndex() {
    return runIndex;
  }

  /** The task's classes, e.g. {@code 5,6}: which training set to sample. */
  public String classes() {
    return classes;
  }

  /** Bytes of the parameters and optimiser state the contest carries: what dominates its size on the wire. */
  public long parameterBytes() {
    return start.bytes();
  }

  public boolean isTournament() {
    return second != null;
  }

  /** Plays the contest from its starting parameters, sampling minibatches with {@code sampler}. */
  public ContestOutcome play(MinibatchSampler sampler) {
    return play(plan, sampler);
  }

  /** Plays the contest as {@link #play(MinibatchSampler)} does, under another {@code plan} (another kernel, say). */
  public ContestOutcome play(TrainingPlan plan, MinibatchSampler sampler) {
    long started = ComputeClock.now();
    SplittableRandom batches = new SplittableRandom(batchSeed);
    SplittableRandom noise = new SplittableRandom(noiseSeed);
    int t = plan.integer(STEPS);
    if (isTournament()) {
      List<Minibatch> drawn = sampler.draw(t, plan.integer(BATCH_SIZE), plan.decimal(NOISE), batches, noise);
      Tournament.Result r = Tournament.fight(plan.kernel(), plan.architecture(), plan.optimizer(), start, first,
          second, drawn);
      return new ContestOutcome(runIndex, r, ComputeClock.now() - started);
    }
    List<Minibatch> drawn = sampler.draw(2 * t, plan.integer(BATCH_SIZE), plan.decimal(NOISE), batches, noise);
    try (CandidateNetwork network = plan.kernel().open(plan.architecture(), first, start, plan.optimizer())) {
      double fitness = network.train(drawn, t) / (double) (t * plan.integer(BATCH_SIZE));
      return new ContestOutcome(runIndex, Tournament.Result.single(fitness, network.trainedSlice()),
          ComputeClock.now() - started);
    }
  }
}
