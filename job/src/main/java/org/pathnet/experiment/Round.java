package org.pathnet.experiment;

import java.util.Map;

/**
 * What the driver reports after a round (1-based {@code number}), for progress output, checkpoints and the bench:
 * the runs it advanced per arm, the {@link Work} it took, and the study's {@link Progress} after it.
 */
public record Round(int number, Map<String, Integer> activeByArm, Work work, Progress progress) {
  /**
   * The round's work: the best winner fitness of its generations, its wall time, the compute time its Spark tasks
   * (or this process) reported ({@link RunAdvance#computeNanos}), the generations its runs played in all (one per
   * active run at one generation per round), and the bytes that crossed the driver ({@link Rounds#advance}).
   */
  public record Work(double bestFitness, long wallNanos, long computeNanos, int runGenerations, long shippedBytes) {}

  /**
   * The study after the round: {@code tasksDone} of its runs' {@code tasks} finished, as solved and censored, and
   * no run with more than {@code generationsLeftAtMost} generations to go, so at most that many over G rounds remain.
   */
  public record Progress(int tasksDone, int tasks, int tasksSolved, int tasksCensored, long generationsLeftAtMost) {}
}
