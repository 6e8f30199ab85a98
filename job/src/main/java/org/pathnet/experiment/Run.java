package org.pathnet.experiment;

import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.MODULES;
import static org.pathnet.experiment.SettingKey.MUTATION_RATE;
import static org.pathnet.experiment.SettingKey.POPULATION;
import static org.pathnet.experiment.SettingKey.STOP_WHEN_SOLVED;
import static org.pathnet.experiment.SettingKey.THRESHOLD;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import org.pathnet.evolution.Mutation;
import org.pathnet.evolution.Population;
import org.pathnet.evolution.Tournament;
import org.pathnet.experiment.RandomStreams.Purpose;
import org.pathnet.network.CandidateNetwork;
import org.pathnet.network.ModuleStore;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.Pathway;

/**
 * One experiment run: a seed of an arm on a task pair, going through its tasks one generation at a time. It owns
 * the run's {@link ModuleStore}, its population (PathNet arms) or fixed pathway (controls), and applies the
 * transfer protocol between task A and task B (docs/PATHNET.md, "Transfer" and "Controls"). A copy {@link
 * #withoutParameters without its parameters} follows the run from the {@link Scores} it plays, by the same rules,
 * so that the run can train where its parameters live while its evolution is kept elsewhere. Everything but the
 * data is serializable (the data is re-bound where the run lands).
 */
public final class Run implements Serializable {
  private final int index;
  private final RunId id;
  private final Settings settings;
  private final TrainingPlan plan;
  private final RandomStreams streams;
  private transient ExampleSource data;
  private final Mutation mutation;
  /** False in a copy that follows the run's scores: it never draws, trains or tests parameters. */
  private final boolean parametersHere;
  /** Null until the run first needs its parameters ({@link #store()}). */
  private ModuleStore store;
  /** What the run played since its scores were last taken ({@link #takeScores}). */
  private final ScoreSheet sheet = new ScoreSheet();

  private int taskIndex;
  private int generation;
  private Population population;
  private Pathway fixedPath;
  private Tournament.Pair pair;
  private Pathway lastWinner;
  private Pathway pathA;
  private Integer solvedAt;
  private boolean finished;

  private Run(int index, RunId id, Settings settings, TrainingPlan plan, RandomStreams streams, ExampleSource data,
      ModuleStore store, boolean parametersHere) {
    this.index = index;
    this.id = id;
    this.settings = settings;
    this.plan = plan;
    this.streams = streams;
    this.data = data;
    this.mutation = new Mutation(settings.decimal(MUTATION_RATE), settings.integer(MODULES));
    this.store = store;
    this.parametersHere = parametersHere;
  }

  /**
   * A new run at its first generation, its first task started. Its modules and first head, each drawn from its own
   * stream, are drawn when it first needs them ({@link #store()}): as it first plays, wherever that is (a new run is
   * started where it plays, {@link StudyRuns}), or as a benchmark draws its first contest, so a study's start does
   * not wait for every run's parameters and they never cross the wire before they are trained.
   */
  static Run start(int index, RunId id, Settings settings, TrainingPlan plan, RandomStreams streams, ExampleSource data) {
    return start(index, id, settings, plan, streams, data, true);
  }

  /**
   * The follower of a new run ({@link #withoutParameters}), started as {@link #start} starts the run itself: what
   * the study keeps of a run that is started where it plays.
   */
  static Run follower(int index, RunId id, Settings settings, TrainingPlan plan, RandomStreams streams) {
    return start(index, id, settings, plan, streams, null, false);
  }

  private static Run start(int index, RunId id, Settings settings, TrainingPlan plan, RandomStreams streams,
      ExampleSource data, boolean parametersHere) {
    Task first = id.arm().tasks().get(0);
    Run run = new Run(index, id, settings, plan, streams, data, null, parametersHere);
    run.fixedPath = id.arm().evolves() ? null
        : Pathway.random(plan.architecture(), streams.stream(id, first, RandomStreams.SETUP, Purpose.FIXED_PATH));
    run.startTask();
    return run;
  }

  /**
   * A copy of the run's evolution, its population, paths and progress, that follows it ({@link #follow}) while the
   * run trains where its parameters live.
   */
  public Run withoutParameters() {
    return copy(null, false);
  }

  /**
   * A copy that plays on from here while this run stays as it is, as a round's state must for Spark to replay the
   * round: its store shares the blocks this one has (never changed in place); its population and scores are its own,
   * and it is given its examples when it advances.
   */
  public Run copy() {
    return copy(store == null ? null : store.copy(), parametersHere);
  }

  private Run copy(ModuleStore store, boolean parametersHere) {
    Run copy = new Run(index, id, settings, plan, streams, null, store, parametersHere);
    copy.taskIndex = taskIndex;
    copy.generation = generation;
    copy.population = population == null ? null : population.copy();
    copy.fixedPath = fixedPath;
    copy.pair = pair;
    copy.lastWinner = lastWinner;
    copy.pathA = pathA;
    copy.solvedAt = solvedAt;
    copy.finished = finished;
    return copy;
  }

  /** The run's parameters, drawn at the first call for a new run: every module, and the first task's head. */
  ModuleStore store() {
    if (!parametersHere) {
      throw new IllegalStateException("run " + index + " follows its scores: its parameters live elsewhere");
    }
    if (store == null) {
      Task first = id.arm().tasks().get(0);
      IntFunction<SplittableRandom> init = module -> streams.stream(id, first, RandomStreams.SETUP, Purpose.INIT,
          module);
      store = fixedPath == null ? ModuleStore.initialised(plan.architecture(), plan.optimizer(), init)
          : ModuleStore.initialisedOn(fixedPath, plan.architecture(), plan.optimizer(), init);
      store.startTask(first.name(), headStream(first));
    }
    return store;
  }

  /**
   * Writes the run's evolution for a checkpoint: its progress, population and paths, which the study's copy that
   * follows the run holds too; its parameters are written apart, where they live ({@link ShardFile}). What the
   * settings fix (id, streams, plan) is not written but the variant's label, which reading checks. Layout
   * (big-endian): index, variant, task index, generation, solving generation (-1: none), finished; then population,
   * fixed pathway, last winner and task A's path, each preceded by a presence flag. Random streams need no state:
   * each is keyed by generation.
   */
  void writeTo(DataOutput out) throws IOException {
    out.writeInt(index);
    out.writeUTF(id.variant());
    out.writeInt(taskIndex);
    out.writeInt(generation);
    out.writeInt(solvedAt == null ? -1 : solvedAt);
    out.writeBoolean(finished);
    out.writeBoolean(population != null);
    if (population != null) {
      population.writeTo(out);
    }
    for (Pathway path : new Pathway[] {fixedPath, lastWinner, pathA}) {
      out.writeBoolean(path != null);
      if (path != null) {
        path.writeTo(out);
      }
    }
  }

  /**
   * Reads a run's evolution written by {@link #writeTo}, checking it is the run {@code index} of the study being
   * resumed: a copy that follows the run, whose parameters are read where it will play ({@link #withParametersFrom}).
   */
  static Run readFrom(DataInput in, int index, RunId id, Settings settings, TrainingPlan plan, RandomStreams streams)
      throws IOException {
    int stored = in.readInt();
    if (stored != index) {
      throw new IOException("checkpoint holds run " + stored + " where run " + index + " was expected");
    }
    String variant = in.readUTF();
    if (!variant.equals(id.variant())) {
      throw new IOException("checkpoint holds run " + index + " of variant '" + variant + "' where the settings make"
          + " variant '" + id.variant() + "'");
    }
    int taskIndex = in.readInt();
    int generation = in.readInt();
    int solvedAt = in.readInt();
    boolean finished = in.readBoolean();
    Population population = in.readBoolean()
        ? Population.readFrom(in, plan.architecture(), settings.integer(POPULATION)) : null;
    Pathway[] paths = new Pathway[3];
    for (int i = 0; i < paths.length; i++) {
      paths[i] = in.readBoolean() ? Pathway.readFrom(in, plan.architecture()) : null;
    }
    Run run = new Run(index, id, settings, plan, streams, null, null, false);
    run.taskIndex = taskIndex;
    run.generation = generation;
    run.solvedAt = solvedAt < 0 ? null : solvedAt;
    run.finished = finished;
    run.population = population;
    run.fixedPath = paths[0];
    run.lastWinner = paths[1];
    run.pathA = paths[2];
    return run;
  }

  /** Writes the run's parameters for a checkpoint's {@link ShardFile} ({@link ModuleStore#writeTo}). */
  void writeParameters(DataOutput out) throws IOException {
    store().writeTo(out);
  }

  /**
   * The run this follower follows, as it stood when its parameters, read from {@code in} as {@link #writeParameters}
   * wrote them, were written: a copy that plays again.
   */
  Run withParametersFrom(DataInput in) throws IOException {
    if (parametersHere) {
      throw new IllegalStateException("run " + index + " has its parameters already");
    }
    return copy(ModuleStore.readFrom(in, plan.architecture(), plan.optimizer()), true);
  }

  /** The run's position in its study. */
  public int index() {
    return index;
  }

  public RunId id() {
    return id;
  }

  /** Gives the run its tasks' examples where it now is (after it crossed the wire). */
  public void bind(ExampleSource taskData) {
    this.data = taskData;
  }

  /**
   * Evolves the run by up to {@code generations} generations, playing each contest here with {@code taskData}'s
   * examples; stops early when the run finishes. The same steps, in the same order, as one generation per round.
   * Its {@link #takeScores scores} then hold what it played, and the compute time of the whole: contests,
   * settling and testing. The run lets go of {@code taskData} when it returns.
   */
  public void advance(int generations, ExampleSource taskData) {
    bind(taskData);
    store(); // a new run's parameters are drawn here, outside the clock: drawing them is no contest
    long started = ComputeClock.now();
    for (int g = 0; g < generations && !finished; g++) {
      Contest contest = nextContest();
      play(contest.play(data.sampler(contest.classes())));
    }
    sheet.computed(ComputeClock.now() - started);
    // between rounds a run holds no examples: one kept in an executor would keep its last Spark task's samplers
    data = null;
  }

  /**
   * Follows the run through a round it played where its parameters live: the same selections, settlements,
   * solving and transfers, from its {@code scores} alone. Returns what the round logged.
   */
  public RunAdvance follow(Scores scores) {
    if (parametersHere || scores.runIndex() != index) {
      throw new IllegalStateException("run " + index + (parametersHere ? " plays its own contests" : " was handed"
          + " the scores of run " + scores.runIndex()));
    }
    List<GenerationRecord> logged = new ArrayList<>(scores.generations());
    List<TaskOutcome> finishedTasks = new ArrayList<>(2);
    int[] tested = {0};
    for (int g = 0; g < scores.generations(); g++) {
      if (finished) {
        throw new IllegalStateException("run " + index + " finished before the " + scores.generations()
            + " generations it played");
      }
      selectPair();
      Tournament.Result result = new Tournament.Result(scores.firstFitness(g), scores.secondFitness(g), null);
      settle(result, scores.trainMillis(g), logged::add, finishedTasks::add, () -> scores.accuracy(tested[0]++));
    }
    return new RunAdvance(this, logged, finishedTasks, scores.computeNanos());
  }

  /** What the run played since the last call: for the copy that follows it ({@link #follow}). */
  public Scores takeScores() {
    return sheet.take(index);
  }

  /**
   * Bytes of the run's parameters and optimiser state: what dominates its size when it travels whole; none before
   * they are drawn.
   */
  public long parameterBytes() {
    return store == null ? 0 : store.bytes();
  }

  Task task() {
    return id.arm().tasks().get(taskIndex);
  }

  /** Generations completed on the current task. */
  int generation() {
    return generation;
  }

  public boolean finished() {
    return finished;
  }

  /** The most generations the run may still play: the rest of its task, then every later task, to the cap. */
  public long generationsLeftAtMost() {
    if (finished) {
      return 0;
    }
    int laterTasks = id.arm().tasks().size() - taskIndex - 1;
    return settings.integer(MAX_GENERATIONS) - generation + (long) laterTasks * settings.integer(MAX_GENERATIONS);
  }

  /** Tasks behind the run: finished ones, and the later ones it will never start once it has finished. */
  public int tasksDone() {
    return finished ? id.arm().tasks().size() : taskIndex;
  }

  private String classes() {
    return id.pair().classes(task()).toString();
  }

  /** A new head and, for PathNet arms, a new random population (a control keeps the pathway it started with). */
  private void startTask() {
    Task task = task();
    generation = 0;
    solvedAt = null;
    if (taskIndex > 0 && parametersHere) { // the first task's head is drawn with the run's modules
      store().startTask(task.name(), headStream(task));
    }
    if (id.arm().evolves()) {
      population = Population.random(plan.architecture(), settings.integer(POPULATION),
          streams.stream(id, task, RandomStreams.SETUP, Purpose.POPULATION));
    }
  }

  private SplittableRandom headStream(Task task) {
    return streams.stream(id, task, RandomStreams.SETUP, Purpose.HEAD);
  }

  /** The next generation's contest, with the slice of parameters it starts from (shared with the store). */
  public Contest nextContest() {
    int g = generation + 1;
    Task task = task();
    long batchSeed = streams.seed(id, task, g, Purpose.BATCHES);
    long noiseSeed = streams.seed(id, task, g, Purpose.NOISE);
    selectPair();
    if (id.arm().evolves()) {
      Pathway first = population.get(pair.first());
      Pathway second = population.get(pair.second());
      return Contest.tournament(index, plan, classes(), first, second, batchSeed, noiseSeed,
          store().slice(task.name(), List.of(first, second)));
    }
    return Contest.fixedPath(index, plan, classes(), fixedPath, batchSeed, noiseSeed,
        store().slice(task.name(), List.of(fixedPath)));
  }

  /** The next generation's pair of pathways (PathNet arms), from the generation's own stream. */
  private void selectPair() {
    if (id.arm().evolves()) {
      pair = Tournament.select(population.size(), streams.stream(id, task(), generation + 1, Purpose.SELECTION));
    }
  }

  /**
   * Applies the outcome of the pending contest: keeps the winner, logs the generation, and ends the task when
   * it is solved (with {@code stopWhenSolved}) or reaches the cap, moving on to task B when there is one.
   */
  public void apply(ContestOutcome outcome, Consumer<GenerationRecord> generations, Consumer<TaskOutcome> runs) {
    sheet.computed(outcome.trainNanos());
    play(outcome, generations, runs);
  }

  /** {@link #apply} within {@link #advance}, whose clock takes the compute time; what it logs, its follower logs. */
  private void play(ContestOutcome outcome) {
    play(outcome, generation -> { }, finishedTask -> { });
  }

  private void play(ContestOutcome outcome, Consumer<GenerationRecord> generations, Consumer<TaskOutcome> runs) {
    double trainMillis = outcome.trainNanos() / 1e6;
    sheet.played(outcome.result(), trainMillis);
    settle(outcome.result(), trainMillis, generations, runs, () -> sheet.tested(testAccuracy(lastWinner)));
  }

  /**
   * The rule both copies of a run follow: settles the pending contest on {@code result} (its parameters too, where
   * they are here), logs the generation, and ends the task when it is solved or capped, its path tested by {@code
   * accuracy}.
   */
  private void settle(Tournament.Result result, double trainMillis, Consumer<GenerationRecord> generations,
      Consumer<TaskOutcome> runs, DoubleSupplier accuracy) {
    generation++;
    Task task = task();
    Double loserFitness = null;
    if (id.arm().evolves()) {
      SplittableRandom mutationStream = streams.stream(id, task, generation, Purpose.MUTATION);
      lastWinner = parametersHere
          ? Tournament.settle(store(), task.name(), population, pair, result, mutation, mutationStream)
          : Tournament.settleGenotypes(population, pair, result, mutation, mutationStream);
      loserFitness = result.loserFitness();
    } else {
      if (parametersHere) {
        store().write(task.name(), result.winnerParameters());
      }
      lastWinner = fixedPath;
    }
    double fitness = result.winnerFitness();
    generations.accept(new GenerationRecord(id.variant(), id.pair().label(), id.seedIndex(), id.arm().label(),
        task.name(), generation, fitness, loserFitness, lastWinner.genes(), trainMillis));
    if (solvedAt == null && fitness >= settings.decimal(THRESHOLD)) {
      solvedAt = generation;
    }
    boolean stop = solvedAt != null && settings.flag(STOP_WHEN_SOLVED);
    if (stop || generation >= settings.integer(MAX_GENERATIONS)) {
      endTask(runs, accuracy);
    }
  }

  private void endTask(Consumer<TaskOutcome> runs, DoubleSupplier accuracy) {
    Task task = task();
    Integer overlap = id.arm() == Arm.PATHNET && task == Task.B ? lastWinner.overlap(pathA) : null;
    runs.accept(new TaskOutcome(id.variant(), id.pair().label(), id.seedIndex(), id.arm().label(), task.name(),
        classes(), solvedAt != null, solvedAt, overlap, accuracy.getAsDouble(), lastWinner.genes()));
    boolean mayContinue = solvedAt != null || !settings.flag(STOP_WHEN_SOLVED);
    if (taskIndex + 1 < id.arm().tasks().size() && mayContinue) {
      if (id.arm() == Arm.PATHNET) {
        transferToTaskB();
      }
      taskIndex++;
      startTask();
    } else {
      finished = true;
    }
  }

  /**
   * docs/PATHNET.md's transfer: freeze the modules of task A's optimal path, re-initialise every other module
   * (from task B's streams); {@link #startTask} then adds task B's head and a new random population.
   */
  private void transferToTaskB() {
    pathA = lastWinner;
    if (parametersHere) {
      store().freeze(pathA);
      store().reinitialiseUnfrozen(module -> streams.stream(id, Task.B, RandomStreams.SETUP, Purpose.INIT, module));
    }
  }

  /** Accuracy of {@code path} on the current task's held-out split. */
  private double testAccuracy(Pathway path) {
    ParameterSlice slice = store().slice(task().name(), List.of(path));
    try (CandidateNetwork network = plan.kernel().open(plan.architecture(), path, slice, plan.optimizer())) {
      return network.accuracy(data.testSet(classes()));
    }
  }
}
