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
 * transfer protocol between task A and task B (docs/PATHNET.md, "Transfer" and "Controls"). It lives on the driver;
 * with {@code generationsPerRound} > 1 it travels to a Spark task, which {@link #advance advances} it and sends it
 * back, so everything but the data is serializable (the data is re-bound where it lands).
 */
public final class Run implements Serializable {
  private final int index;
  private final RunId id;
  private final Settings settings;
  private final TrainingPlan plan;
  private final RandomStreams streams;
  private transient ExampleSource data;
  private final Mutation mutation;
  /** Null until the run first needs its parameters ({@link #store()}). */
  private ModuleStore store;

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
      ModuleStore store) {
    this.index = index;
    this.id = id;
    this.settings = settings;
    this.plan = plan;
    this.streams = streams;
    this.data = data;
    this.mutation = new Mutation(settings.decimal(MUTATION_RATE), settings.integer(MODULES));
    this.store = store;
  }

  /**
   * A new run at its first generation, its first task started. Its modules and first head, each drawn from its own
   * stream, are drawn when it first needs them ({@link #store()}): in the Spark task that first evolves it when runs
   * travel whole, else as the driver draws its first contest, so a study's start does not wait for every run's
   * parameters and they never cross the wire before they are trained.
   */
  static Run start(int index, RunId id, Settings settings, TrainingPlan plan, RandomStreams streams, ExampleSource data) {
    Task first = id.arm().tasks().get(0);
    Run run = new Run(index, id, settings, plan, streams, data, null);
    run.fixedPath = id.arm().evolves() ? null
        : Pathway.random(plan.architecture(), streams.stream(id, first, RandomStreams.SETUP, Purpose.FIXED_PATH));
    run.startTask();
    return run;
  }

  /** The run's parameters, drawn at the first call for a new run: every module, and the first task's head. */
  ModuleStore store() {
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
   * Writes the run's progress for a checkpoint; what the settings fix (id, streams, plan) is not written but the
   * variant's label, which reading checks. Layout (big-endian): index, variant, task index, generation, solving generation (-1: none), finished; then population,
   * fixed pathway, last winner and task A's path, each preceded by a presence flag; then the module store
   * ({@link ModuleStore#writeTo}). Random streams need no state: each is keyed by generation.
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
    store().writeTo(out);
  }

  /** Reads a run written by {@link #writeTo}, checking it is the run {@code index} of the study being resumed. */
  static Run readFrom(DataInput in, int index, RunId id, Settings settings, TrainingPlan plan, RandomStreams streams,
      ExampleSource data) throws IOException {
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
    ModuleStore store = ModuleStore.readFrom(in, plan.architecture(), plan.optimizer());
    Run run = new Run(index, id, settings, plan, streams, data, store);
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
   */
  public RunAdvance advance(int generations, ExampleSource taskData) {
    bind(taskData);
    List<GenerationRecord> logged = new ArrayList<>(generations);
    List<TaskOutcome> finishedTasks = new ArrayList<>(2);
    store(); // a new run's parameters are drawn here, outside the clock: drawing them is no contest
    long started = ComputeClock.now();
    for (int g = 0; g < generations && !finished; g++) {
      Contest contest = nextContest();
      apply(contest.play(data.sampler(contest.classes())), logged::add, finishedTasks::add);
    }
    return new RunAdvance(this, logged, finishedTasks, ComputeClock.now() - started);
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
    if (taskIndex > 0) { // the first task's head is drawn with the run's modules
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
    if (id.arm().evolves()) {
      pair = Tournament.select(population.size(), streams.stream(id, task, g, Purpose.SELECTION));
      Pathway first = population.get(pair.first());
      Pathway second = population.get(pair.second());
      return Contest.tournament(index, plan, classes(), first, second, batchSeed, noiseSeed,
          store().slice(task.name(), List.of(first, second)));
    }
    return Contest.fixedPath(index, plan, classes(), fixedPath, batchSeed, noiseSeed,
        store().slice(task.name(), List.of(fixedPath)));
  }

  /**
   * Applies the outcome of the pending contest: keeps the winner, logs the generation, and ends the task when
   * it is solved (with {@code stopWhenSolved}) or reaches the cap, moving on to task B when there is one.
   */
  public void apply(ContestOutcome outcome, Consumer<GenerationRecord> generations, Consumer<TaskOutcome> runs) {
    generation++;
    Task task = task();
    Tournament.Result result = outcome.result();
    Double loserFitness = null;
    if (id.arm().evolves()) {
      lastWinner = Tournament.settle(store(), task.name(), population, pair, result, mutation,
          streams.stream(id, task, generation, Purpose.MUTATION));
      loserFitness = result.loserFitness();
    } else {
      store().write(task.name(), result.winnerParameters());
      lastWinner = fixedPath;
    }
    double fitness = result.winnerFitness();
    generations.accept(new GenerationRecord(id.variant(), id.pair().label(), id.seedIndex(), id.arm().label(), task.name(),
        generation, fitness, loserFitness, lastWinner.genes(), outcome.trainNanos() / 1e6));
    if (solvedAt == null && fitness >= settings.decimal(THRESHOLD)) {
      solvedAt = generation;
    }
    boolean stop = solvedAt != null && settings.flag(STOP_WHEN_SOLVED);
    if (stop || generation >= settings.integer(MAX_GENERATIONS)) {
      endTask(runs);
    }
  }

  private void endTask(Consumer<TaskOutcome> runs) {
    Task task = task();
    Integer overlap = id.arm() == Arm.PATHNET && task == Task.B ? lastWinner.overlap(pathA) : null;
    runs.accept(new TaskOutcome(id.variant(), id.pair().label(), id.seedIndex(), id.arm().label(), task.name(), classes(),
        solvedAt != null, solvedAt, overlap, testAccuracy(lastWinner), lastWinner.genes()));
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
    store().freeze(pathA);
    store().reinitialiseUnfrozen(module -> streams.stream(id, Task.B, RandomStreams.SETUP, Purpose.INIT, module));
  }

  /** Accuracy of {@code path} on the current task's held-out split. */
  private double testAccuracy(Pathway path) {
    ParameterSlice slice = store().slice(task().name(), List.of(path));
    try (CandidateNetwork network = plan.kernel().open(plan.architecture(), path, slice, plan.optimizer())) {
      return network.accuracy(data.testSet(classes()));
    }
  }
}
