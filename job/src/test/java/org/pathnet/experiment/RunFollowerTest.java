package org.pathnet.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pathnet.experiment.SettingKey.SEED;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.pathnet.fixtures.StudyFixtures;

/**
 * A run's copy without parameters, handed only the scores the run played, takes every step the run takes: the same
 * selections, winners, mutations, solving, transfer and test accuracies, so it logs the same rows.
 */
class RunFollowerTest {
  /**
   * Every task to the cap, so that every arm reaches its task B (solving is still recorded); a population of 4 with
   * frequent mutations, so that a pathway the follower mutated differently would soon be drawn and show.
   */
  private static final Settings SETTINGS = StudyFixtures.settings("threshold", "0.985", "maxGenerations", "6",
      "stopWhenSolved", "false", "population", "4", "mutationRate", "0.5");
  private static final StudyData DATA = StudyFixtures.data(SETTINGS);

  @ParameterizedTest
  @EnumSource(Arm.class)
  void aCopyThatFollowsTheScoresLogsWhatTheRunLogs(Arm arm) {
    TrainingPlan plan = TrainingPlan.of(SETTINGS, DATA.inputSize());
    RunId id = new RunId(Variant.BASE_LABEL, SETTINGS.pairs().get(0), 0, arm);
    Run run = Run.start(0, id, SETTINGS, plan, new RandomStreams(SETTINGS.longInteger(SEED)), DATA);
    Run follower = run.withoutParameters();
    List<String> played = new ArrayList<>();
    List<String> playedTasks = new ArrayList<>();
    List<String> followed = new ArrayList<>();
    List<String> followedTasks = new ArrayList<>();
    for (int round = 1; !run.finished(); round++) {
      for (int g = 0; g < round && !run.finished(); g++) { // rounds of 1, 2, 3, ... generations
        Contest contest = run.nextContest();
        run.apply(contest.play(plan, DATA.sampler(contest.classes())), r -> played.add(row(r)),
            t -> playedTasks.add(row(t)));
      }
      RunAdvance advance = follower.follow(run.takeScores());
      advance.generations().forEach(r -> followed.add(row(r)));
      advance.finishedTasks().forEach(t -> followedTasks.add(row(t)));
    }

    assertEquals(played, followed);
    assertEquals(playedTasks, followedTasks);
    assertTrue(follower.finished());
    assertTrue(playedTasks.stream().anyMatch(r -> r.startsWith("task B")), "the run reaches task B");
    assertEquals(0, follower.parameterBytes(), "the follower never drew parameters");
    assertThrows(IllegalStateException.class, follower::nextContest, "a follower plays no contest");
  }

  private static String row(GenerationRecord g) {
    return String.join(" ", "generation", g.task(), Integer.toString(g.generation()),
        Double.toString(g.winnerFitness()), String.valueOf(g.loserFitness()), Arrays.deepToString(g.winnerPath()),
        Double.toString(g.trainMillis()));
  }

  private static String row(TaskOutcome t) {
    return String.join(" ", "task", t.task(), t.classes(), Boolean.toString(t.solved()),
        String.valueOf(t.generations()), String.valueOf(t.overlap()), Double.toString(t.testAccuracy()),
        Arrays.deepToString(t.path()));
  }
}
