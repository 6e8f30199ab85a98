package org.pathnet.evolution;

import java.io.Serializable;
import java.util.List;
import java.util.SplittableRandom;
import org.pathnet.network.Architecture;
import org.pathnet.network.CandidateNetwork;
import org.pathnet.network.Kernel;
import org.pathnet.network.Minibatch;
import org.pathnet.network.ModuleStore;
import org.pathnet.network.Optimizer;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.Pathway;

/**
 * One generation of a PathNet run: a binary tournament in three steps, {@link #select}, {@link #fight} and
 * {@link #settle} (docs/PATHNET.md, "One generation"). Apart so that they can run apart: at one generation per
 * round the driver selects and settles and a Spark task fights; at more, a Spark task evolves whole runs and takes
 * all three (docs/DESIGN.md, "Data flow").
 */
public final class Tournament {
  private Tournament() {}

  /** The two candidates, as positions in the population; {@code first} was drawn first. */
  public record Pair(int first, int second) implements Serializable {}

  /**
   * Both fitnesses and the winner's trained parameters (its unfrozen modules and the head). A final class,
   * not a record: it crosses Spark's Kryo serializer, which cannot set a record's fields.
   */
  public static final class Result implements Serializable {
    private final double firstFitness;
    private final double secondFitness;
    private final ParameterSlice winnerParameters;

    public Result(double firstFitness, double secondFitness, ParameterSlice winnerParameters) {
      this.firstFitness = firstFitness;
      this.secondFitness = secondFitness;
      this.winnerParameters = winnerParameters;
    }

    public double firstFitness() {
      return firstFitness;
    }

    public double secondFitness() {
      return secondFitness;
    }

    public ParameterSlice winnerParameters() {
      return winnerParameters;
    }

    /** The result of training a single candidate (a fixed-path generation): it wins, with no loser. */
    public static Result single(double fitness, ParameterSlice parameters) {
      return new Result(fitness, Double.NaN, parameters);
    }

    /** True when the first-drawn candidate won: higher fitness, a tie, or no opponent. */
    public boolean firstWins() {
      return Tournament.firstWins(firstFitness, secondFitness);
    }

    public double winnerFitness() {
      return firstWins() ? firstFitness : secondFitness;
    }

    /** The loser's fitness; NaN when there was no opponent. */
    public double loserFitness() {
      return firstWins() ? secondFitness : firstFitness;
    }
  }

  /** The tie rule: the first-drawn candidate wins ties, and wins when it has no opponent (NaN). */
  private static boolean firstWins(double firstFitness, double secondFitness) {
    return Double.isNaN(secondFitness) || firstFitness >= secondFitness;
  }

  /** Two distinct positions, uniformly among the {@code populationSize * (populationSize - 1)} ordered pairs. */
  public static Pair select(int populationSize, SplittableRandom random) {
    int first = random.nextInt(populationSize);
    int second = random.nextInt(populationSize - 1);
    return new Pair(first, second >= first ? second + 1 : second);
  }

  /**
   * Trains BOTH candidates from the SAME {@code start} (parameters and optimiser state) on the same {@code batches}
   * with {@code kernel} and compares them: fitness is the fraction of correct predictions made during that training,
   * the higher wins, the first-drawn on a tie. Only the winner's training is kept.
   */
  public static Result fight(Kernel kernel, Architecture arch, Optimizer optimizer, ParameterSlice start,
      Pathway first, Pathway second, List<Minibatch> batches) {
    try (CandidateNetwork a = kernel.open(arch, first, start, optimizer);
        CandidateNetwork b = kernel.open(arch, second, start, optimizer)) {
      double firstFitness = fitness(a, batches);
      double secondFitness = fitness(b, batches);
      CandidateNetwork winner = firstWins(firstFitness, secondFitness) ? a : b;
      return new Result(firstFitness, secondFitness, winner.trainedSlice());
    }
  }

  private static double fitness(CandidateNetwork candidate, List<Minibatch> batches) {
    int examples = batches.stream().mapToInt(Minibatch::size).sum();
    return candidate.train(batches, 0) / (double) examples;
  }

  /**
   * Keeps the winner: its parameters go to {@code store} (for {@code task}), and the loser's place in the
   * population gets a copy of the winner's pathway, mutated with {@code mutationStream}. Returns the winner.
   */
  public static Pathway settle(ModuleStore store, String task, Population population, Pair pair, Result result,
      Mutation mutation, SplittableRandom mutationStream) {
    store.write(task, result.winnerParameters());
    return settleGenotypes(population, pair, result, mutation, mutationStream);
  }

  /**
   * The genotypes' half of {@link #settle}, for a copy of the run whose parameters live elsewhere: the loser's
   * place gets a mutated copy of the winner's pathway. Returns the winner.
   */
  public static Pathway settleGenotypes(Population population, Pair pair, Result result, Mutation mutation,
      SplittableRandom mutationStream) {
    int winner = result.firstWins() ? pair.first() : pair.second();
    int loser = result.firstWins() ? pair.second() : pair.first();
    Pathway winning = population.get(winner);
    population.set(loser, mutation.apply(winning, mutationStream));
    return winning;
  }
}
