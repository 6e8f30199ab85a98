package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.experiment.SettingKey.BATCH_SIZE;
import static org.pathnet.experiment.SettingKey.STEPS;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.pathnet.evolution.Tournament;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.network.Kernel;
import org.pathnet.network.ParameterBlock;
import org.pathnet.network.ParameterSlice;

/**
 * The production kernel agrees with the reference kernel. From the same state (real runs of 3 seeds, mid-study,
 * on the embedded MNIST data, pathnet and finetune arms, task B with frozen modules included), one generation
 * gives each candidate the same fitness or one at most 1/(T x batchSize) apart (one prediction flipped by float
 * rounding), the same winner wherever the reference's fitnesses differ by more than that, and trained parameters
 * within a stated tolerance of the reference's.
 *
 * <p>The tolerance depends on the optimiser. With SGD a generation is a smooth function of the start, so the two
 * kernels' float32 sums in different orders stay within {@link #SGD_TOLERANCE} absolute. Adam divides each step
 * by the root of its second moment: a parameter whose gradient hovers near zero gets a step of about the learning
 * rate whose sign follows rounding, and over 50-100 steps those steps shift the trajectory. The Adam check is
 * therefore on the relative L2 distance of each trained module, {@link #ADAM_RELATIVE_TOLERANCE}, with the same
 * fitness and winner requirements; measured worst case 1.5e-2 (a finetune generation of 100 steps from a fresh
 * network), while a typical generation stays below 1e-3. Adam's moments track the last steps' gradients, which
 * carry that noise undamped: {@link #ADAM_MOMENT_TOLERANCE} (measured worst case 0.13).
 */
class KernelAgreementTest {
  private static final double SGD_TOLERANCE = 1e-5;
  private static final double ADAM_RELATIVE_TOLERANCE = 3e-2;
  private static final double ADAM_MOMENT_TOLERANCE = 0.25;

  @Test
  void withSgdBothKernelsTrainTheSameParametersUpToFloatRounding() {
    BothKernels runner = playBoth("sgd", "0.05");
    assertAgreement(runner);
    assertTrue(runner.largestDifference <= SGD_TOLERANCE, "largest difference " + runner.largestDifference);
  }

  @Test
  void withAdamBothKernelsGiveTheSameFitnessesWinnersAndCloseParameters() {
    BothKernels runner = playBoth("adam", "0.001");
    assertAgreement(runner);
    assertTrue(runner.largestRelativeDistance <= ADAM_RELATIVE_TOLERANCE,
        "largest relative distance " + runner.largestRelativeDistance);
    assertTrue(runner.largestMomentDistance <= ADAM_MOMENT_TOLERANCE,
        "largest relative distance of the moments " + runner.largestMomentDistance);
  }

  /** 3 seeds x 2 arms x 2 tasks x 4 generations, each contest played by both kernels from the same start. */
  private static BothKernels playBoth(String optimizer, String learningRate) {
    Settings settings = StudyFixtures.settings("arms", "pathnet,finetune", "seeds", "3", "maxGenerations", "4",
        "stopWhenSolved", "false", "optimizer", optimizer, "learningRate", learningRate);
    StudyData data = StudyFixtures.data(settings);
    BothKernels runner = new BothKernels(settings, data);
    new Study(settings, data).run(runner, round -> { });
    System.out.printf("kernel agreement (%s): %d contests, %d winners compared, largest difference %.2e, "
        + "largest relative distance of parameters %.2e, of Adam moments %.2e%n", optimizer, runner.contests,
        runner.winnersCompared, runner.largestDifference, runner.largestRelativeDistance,
        runner.largestMomentDistance);
    return runner;
  }

  private static void assertAgreement(BothKernels runner) {
    assertEquals(48, runner.contests);
    assertTrue(runner.disagreements.isEmpty(), String.join("\n", runner.disagreements));
    assertTrue(runner.winnersCompared >= 46, "winners compared: " + runner.winnersCompared);
  }

  /** Plays every contest with both kernels; the study goes on with the reference kernel's outcome. */
  private static final class BothKernels implements Rounds {
    private final TrainingPlan reference;
    private final TrainingPlan vector;
    private final StudyData data;
    private final List<Run> hosted = new ArrayList<>();
    final List<String> disagreements = new ArrayList<>();
    int contests;
    int winnersCompared;
    double largestDifference;
    double largestRelativeDistance;
    double largestMomentDistance;

    BothKernels(Settings settings, StudyData data) {
      this.data = data;
      reference = TrainingPlan.of(withKernel(settings, Kernel.REFERENCE), data.inputSize());
      vector = TrainingPlan.of(withKernel(settings, Kernel.VECTOR), data.inputSize());
    }

    private static Settings withKernel(Settings settings, Kernel kernel) {
      Map<String, String> conf = new HashMap<>(settings.withoutVariants());
      conf.put(Settings.PREFIX + SettingKey.KERNEL.key(), kernel.label());
      return Settings.fromSparkConf(conf, null);
    }

    @Override
    public void host(StudyRuns runs) {
      for (int index = 0; index < runs.count(); index++) {
        Run run = runs.start(index);
        run.bind(data); // the runs play here, and test their paths on the study's held-out splits
        hosted.add(run);
      }
    }

    @Override
    public long advance(int round, List<Run> runs, Consumer<Scores> done) {
      for (Run follower : runs) {
        Run run = hosted.get(follower.index());
        Contest c = run.nextContest();
        ContestOutcome a = c.play(reference, data.sampler(c.classes()));
        ContestOutcome b = c.play(vector, data.sampler(c.classes()));
        compare(c, a.result(), b.result());
        run.apply(a, generation -> { }, finishedTask -> { });
        done.accept(run.takeScores());
      }
      return 0;
    }

    private void compare(Contest c, Tournament.Result a, Tournament.Result b) {
      contests++;
      double onePrediction = 1.0 / (reference.integer(STEPS) * reference.integer(BATCH_SIZE)) + 1e-12;
      String where = "run " + c.runIndex() + " contest " + contests;
      if (Math.abs(a.firstFitness() - b.firstFitness()) > onePrediction) {
        disagreements.add(where + ": first fitness " + a.firstFitness() + " vs " + b.firstFitness());
      }
      if (c.isTournament() && Math.abs(a.secondFitness() - b.secondFitness()) > onePrediction) {
        disagreements.add(where + ": second fitness " + a.secondFitness() + " vs " + b.secondFitness());
      }
      boolean clearWinner = !c.isTournament() || Math.abs(a.firstFitness() - a.secondFitness()) > onePrediction;
      if (clearWinner && a.firstWins() != b.firstWins()) {
        disagreements.add(where + ": winners differ at fitnesses " + a.firstFitness() + ", " + a.secondFitness());
      }
      if (a.firstWins() == b.firstWins()) {
        winnersCompared++;
        ParameterSlice x = a.winnerParameters();
        ParameterSlice y = b.winnerParameters();
        assertEquals(x.size(), y.size(), where + ": modules written back");
        assertEquals(x.step(), y.step(), where + ": optimiser steps");
        for (int i = 0; i < x.size(); i++) {
          assertEquals(x.moduleId(i), y.moduleId(i), where);
          compare(x.moduleAt(i), y.moduleAt(i));
        }
        compare(x.head(), y.head());
      }
    }

    private void compare(ParameterBlock a, ParameterBlock b) {
      largestRelativeDistance = Math.max(largestRelativeDistance, measure(a.params(), b.params()));
      if (a.state().length > 0) {
        largestMomentDistance = Math.max(largestMomentDistance, measure(a.state(), b.state()));
      }
    }

    /** Records the largest absolute difference; returns the relative L2 distance ||vector - ref|| / ||ref||. */
    private double measure(float[] reference, float[] vector) {
      assertEquals(reference.length, vector.length);
      double squaredDistance = 0;
      double squaredNorm = 0;
      for (int i = 0; i < reference.length; i++) {
        double d = reference[i] - vector[i];
        largestDifference = Math.max(largestDifference, Math.abs(d));
        squaredDistance += d * d;
        squaredNorm += (double) reference[i] * reference[i];
      }
      return squaredNorm > 0 ? Math.sqrt(squaredDistance / squaredNorm) : Math.sqrt(squaredDistance);
    }
  }
}
