package org.pathnet.bench;

import static org.pathnet.experiment.SettingKey.BATCH_SIZE;
import static org.pathnet.experiment.SettingKey.DATA;
import static org.pathnet.experiment.SettingKey.GENERATIONS_PER_ROUND;
import static org.pathnet.experiment.SettingKey.KERNEL;
import static org.pathnet.experiment.SettingKey.STEPS;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.SparkSession;
import org.pathnet.BadInputExit;
import org.pathnet.InvalidInputException;
import org.pathnet.experiment.Contest;
import org.pathnet.experiment.InProcessRounds;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Rounds;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.experiment.TrainingPlan;
import org.pathnet.network.Architecture;
import org.pathnet.network.Kernel;
import org.pathnet.spark.PathnetJobConf;
import org.pathnet.spark.SingleThreadedNd4j;
import org.pathnet.spark.SparkRounds;
import scala.reflect.ClassTag$;
import scala.reflect.ClassTag;

/**
 * {@code ./submit.sh bench}: the kernels, Kryo's throughput and a study on Spark, measured in one process with
 * single-threaded BLAS on the embedded data and the seed profile, so that a change reads against the same figures
 * every time. What each line measures, and the options, are in docs/PERFORMANCE.md ("Running the bench", "What
 * each line measures").
 */
public final class BenchCommand {
  private static final int KERNEL_RUNS = 8;
  private static final int WARM_UP = 3;
  private static final List<String> OPTIONS = List.of("--reps", "--spark-reps", "--cluster-reps", "--warm-up",
      "--generations", "--conf");
  private static final String USAGE = "--reps N, --spark-reps N, --cluster-reps N, --warm-up N, --generations G,"
      + " --conf spark.pathnet.KEY=VALUE";
  /** Timed replays of a Spark row's traffic ({@link TrafficReplay}), after one untimed. */
  private static final int REPLAYS = 3;

  private final String home;
  private final Map<String, String> settings;

  private BenchCommand(String home, Map<String, String> settings) {
    this.home = home;
    this.settings = settings;
  }

  public static void main(String[] args) {
    BadInputExit.run(() -> run(args));
  }

  private static void run(String[] args) {
    int reps = 7;
    int sparkReps = 3;
    int clusterReps = -1;
    int warmUps = 2;
    int generations = 16;
    Map<String, String> settings = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!OPTIONS.contains(args[i])) {
        throw new InvalidInputException("unknown option " + args[i] + " (expected " + USAGE + ")");
      }
      if (i + 1 >= args.length) {
        throw new InvalidInputException(args[i] + " needs a value (expected " + USAGE + ")");
      }
      switch (args[i]) {
        case "--reps" -> reps = count(args[i], args[i + 1], 1);
        case "--spark-reps" -> sparkReps = count(args[i], args[i + 1], 0);
        case "--cluster-reps" -> clusterReps = count(args[i], args[i + 1], 0);
        case "--warm-up" -> warmUps = count(args[i], args[i + 1], 0);
        case "--generations" -> generations = count(args[i], args[i + 1], 1);
        case "--conf" -> {
          String[] kv = args[i + 1].split("=", 2);
          if (kv.length != 2 || !kv[0].startsWith(Settings.PREFIX)) {
            throw new InvalidInputException("--conf " + args[i + 1] + ": expected spark.pathnet.KEY=VALUE");
          }
          settings.put(kv[0].substring(Settings.PREFIX.length()), kv[1]);
        }
      }
    }
    SingleThreadedNd4j.ensure();
    BenchCommand bench = new BenchCommand(System.getProperty(Settings.HOME_PROPERTY,
        System.getenv(Settings.HOME_VARIABLE)), settings);
    VectorKernel vector = bench.kernels(reps);
    bench.serialization(reps);
    bench.driver(vector);
    if (sparkReps > 0) {
      bench.spark(generations, sparkReps, clusterReps < 0 ? sparkReps : clusterReps, warmUps, vector);
    }
  }

  private static int count(String option, String value, int least) {
    try {
      int n = Integer.parseInt(value);
      if (n >= least) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(option + " " + value + ": expected an integer >= " + least);
  }

  private Settings settings(String... overrides) {
    return Settings.resolve(explicit(overrides), home);
  }

  /** The keys given with {@code --conf}, then {@code overrides} (key, value, ...). */
  private Map<String, String> explicit(String... overrides) {
    Map<String, String> explicit = new LinkedHashMap<>(settings);
    for (int i = 0; i < overrides.length; i += 2) {
      explicit.put(overrides[i], overrides[i + 1]);
    }
    return explicit;
  }

  /** Runs per executor core in the scale model's study: 32,000 runs on 1,000 cores. */
  private static final int MODEL_RUNS_PER_CORE = 32;
  private static final int MODEL_CORES = 1000;

  /**
   * Prints what a driver costs when runs play elsewhere ({@link DriverCost}) and the scale model's bounds from it
   * and the production kernel: how many executor cores one driver feeds at one and at 16 generations per round.
   */
  private void driver(VectorKernel vector) {
    List<DriverCost.Followers> measured = new ArrayList<>();
    followers(1000, 1); // warm-up
    for (int[] study : new int[][] {{1000, 1}, {10_000, 1}, {1000, 16}}) {
      DriverCost.Followers f = followers(study[0], study[1]);
      measured.add(f);
      System.out.printf(Locale.ROOT, "driver: followers of %,d runs at %d generation(s) per round, nothing computed:"
          + " %.2f CPU us and %.1f bytes of scores per run-generation (%,d run-generations)%n", f.runs(), study[1],
          f.cpuMicros(), f.bytes(), f.runGenerations());
    }
    int cores = Runtime.getRuntime().availableProcessors();
    DriverCost.EmptyTasks empty;
    try (JavaSparkContext spark = new JavaSparkContext(localConf(cores))) {
      empty = DriverCost.emptyTasks(spark, 64, 20);
    }
    System.out.printf(Locale.ROOT, "spark: empty tasks on local[%d]: %.0f tasks/s (%d jobs of %d), %.1f ms per"
        + " job%n", cores, empty.perSecond(), empty.jobs(), empty.tasks(), empty.millisPerJob());
    double perCore = 1000 / vector.cpuMillis();
    int runs = MODEL_RUNS_PER_CORE * MODEL_CORES;
    double perShard = (double) runs / SparkRounds.shards(runs, MODEL_CORES, 0, 0);
    System.out.printf(Locale.ROOT, "scale model: one executor core plays %.0f run-gen/s (%.2f ms each); %d runs a"
        + " core, %.0f a shard; executor cores one driver feeds, by bound:%n", perCore, vector.cpuMillis(),
        MODEL_RUNS_PER_CORE, perShard);
    for (DriverCost.Followers f : List.of(measured.get(1), measured.get(2))) {
      int g = f == measured.get(1) ? 1 : 16;
      double bytesPerCore = perCore * f.bytes();
      System.out.printf(Locale.ROOT, "  G = %-2d  1 Gbit/s %,.0f  10 Gbit/s %,.0f  driver CPU %,.0f  scheduler %,.0f%n",
          g, 125e6 / bytesPerCore, 1.25e9 / bytesPerCore, 1e6 / (perCore * f.cpuMicros()),
          empty.perSecond() * perShard * g / perCore);
    }
  }

  /** The followers' cost in a study of {@code seeds} seeds of the four arms, 8 generations a task, G per round. */
  private DriverCost.Followers followers(int seeds, int generationsPerRound) {
    Settings s = settings("seeds", Integer.toString(seeds), "maxGenerations", "8", "stopWhenSolved", "false",
        "generationsPerRound", Integer.toString(generationsPerRound));
    return DriverCost.followers(s, StudyData.load(s, new Configuration()));
  }

  /** The production kernel's medians per run-generation: wall milliseconds and this thread's CPU milliseconds. */
  private record VectorKernel(double wallMillis, double cpuMillis) {}

  /** Prints the kernels' figures; returns the production kernel's medians. */
  private VectorKernel kernels(int reps) {
    Settings base = settings("arms", "pathnet", "seeds", Integer.toString(KERNEL_RUNS), "stopWhenSolved", "false",
        "maxGenerations", Integer.toString(WARM_UP + reps));
    StudyData data = StudyData.load(base, new Configuration());
    TrainingPlan plan = TrainingPlan.of(base, data.inputSize());
    double flops = 2.0 * base.integer(STEPS) * stepFlops(plan.architecture(), base.integer(BATCH_SIZE));
    double peak = PeakFlops.measure(5);
    double floorMillis = flops / peak * 1e3;
    System.out.printf(Locale.ROOT, "data: %s (task A %s)%n", base.text(DATA), base.pairs().get(0).classes(
        org.pathnet.experiment.Task.A));
    System.out.printf(Locale.ROOT, "kernels: %d runs of task A in one thread, %d warm-up + %d timed generations;"
        + " one run-generation = 2 x %d steps of %d examples = %.1f MFLOP; floor %.1f ms at %.0f GFLOP/s"
        + " (this core's FP32 FMA peak, measured)%n",
        KERNEL_RUNS, WARM_UP, reps, base.integer(STEPS), base.integer(BATCH_SIZE), flops / 1e6, floorMillis,
        peak / 1e9);
    System.out.printf("%-10s %28s %9s %8s %24s%n", "kernel", "ms/run-gen median (min-max)", "GFLOP/s", "x floor",
        "CPU ms median (min-max)");
    Map<Kernel, Double> medians = new LinkedHashMap<>();
    Map<Kernel, Double> cpuMedians = new LinkedHashMap<>();
    for (Kernel kernel : Kernel.values()) {
      Settings s = settings("arms", "pathnet", "seeds", Integer.toString(KERNEL_RUNS), "stopWhenSolved", "false",
          "maxGenerations", Integer.toString(WARM_UP + reps), "kernel", kernel.label());
      KernelTiming t = timeKernel(s, data, WARM_UP, reps);
      double median = median(t.wallMillis);
      medians.put(kernel, median);
      cpuMedians.put(kernel, median(t.cpuMillis));
      System.out.printf(Locale.ROOT, "%-10s %10.2f (%.2f-%.2f) %9.1f %8.1f %10.2f (%.2f-%.2f)%n", kernel.label(),
          median, t.wallMillis[0], t.wallMillis[reps - 1], flops / median / 1e6, median / floorMillis,
          median(t.cpuMillis), t.cpuMillis[0], t.cpuMillis[reps - 1]);
    }
    System.out.printf(Locale.ROOT, "reference / vector: %.1fx (CPU time: %.1fx)%n%n",
        medians.get(Kernel.REFERENCE) / medians.get(Kernel.VECTOR),
        cpuMedians.get(Kernel.REFERENCE) / cpuMedians.get(Kernel.VECTOR));
    return new VectorKernel(medians.get(Kernel.VECTOR), cpuMedians.get(Kernel.VECTOR));
  }

  /**
   * Kryo's throughput on what crosses the driver at one generation per round: the contests of 64 runs (each the
   * modules two candidates can touch, with their Adam moments) serialized and deserialized with the job's Spark
   * serializer, as a round ships them; the best of {@code reps} after warm-up. docs/DESIGN.md's scale model reads it.
   */
  private void serialization(int reps) {
    Settings s = settings("seeds", "16", "stopWhenSolved", "false");
    StudyData data = StudyData.load(s, new Configuration());
    List<Contest> contests = new Study(s, data).contests();
    SerializerInstance kryo = new KryoSerializer(PathnetJobConf.kryo(new SparkConf())).newInstance();
    ClassTag<ArrayList<Contest>> tag = ClassTag$.MODULE$.apply(ArrayList.class);
    ArrayList<Contest> batch = new ArrayList<>(contests);
    double bestOut = Double.MAX_VALUE;
    double bestIn = Double.MAX_VALUE;
    int bytes = 0;
    for (int r = 0; r < WARM_UP + reps; r++) {
      long started = System.nanoTime();
      java.nio.ByteBuffer serialized = kryo.serialize(batch, tag);
      long middle = System.nanoTime();
      kryo.deserialize(serialized, tag);
      long ended = System.nanoTime();
      bytes = serialized.remaining();
      if (r >= WARM_UP) {
        bestOut = Math.min(bestOut, (middle - started) / 1e9);
        bestIn = Math.min(bestIn, (ended - middle) / 1e9);
      }
    }
    System.out.printf(Locale.ROOT, "serialization: the contests of %d runs, %.1f MB: Kryo out %.0f MB/s, in %.0f MB/s"
        + " (best of %d)%n%n", contests.size(), bytes / 1e6, bytes / 1e6 / bestOut, bytes / 1e6 / bestIn, reps);
  }

  /** Per timed generation, sorted: wall and this thread's CPU milliseconds per run-generation. */
  private static final class KernelTiming {
    double[] wallMillis;
    double[] cpuMillis;
  }

  /**
   * Times each generation's contests, played in this thread, after {@code warmUp} generations. CPU time is
   * reported beside wall time because these machines are shared: it leaves out time spent waiting for a core.
   */
  private static KernelTiming timeKernel(Settings s, StudyData data, int warmUp, int reps) {
    InProcessRounds inProcess = new InProcessRounds(data, 1);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<double[]> perRound = new ArrayList<>();
    Rounds timed = new Rounds() {
      @Override
      public void host(StudyRuns runs) {
        inProcess.host(runs);
      }

      @Override
      public long advance(int round, List<Run> runs, Consumer<Scores> done) {
        long cpu = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        long bytes = inProcess.advance(round, runs, done);
        perRound.add(new double[] {(System.nanoTime() - started) / 1e6 / runs.size(),
            (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / runs.size()});
        return bytes;
      }
    };
    new Study(s, data).run(timed, round -> { });
    List<double[]> timedRounds = perRound.subList(warmUp, warmUp + reps);
    KernelTiming t = new KernelTiming();
    t.wallMillis = timedRounds.stream().mapToDouble(r -> r[0]).sorted().toArray();
    t.cpuMillis = timedRounds.stream().mapToDouble(r -> r[1]).sorted().toArray();
    return t;
  }

  /**
   * Nominal FLOPs of one training step of one candidate with N active modules per layer: per layer the forward
   * product and the weight gradient, and for layers above the first the gradient sent down (2 FLOPs per
   * multiply-add); the head and element-wise work are negligible.
   */
  static double stepFlops(Architecture arch, int batchSize) {
    double width = (double) arch.activePerLayer() * arch.moduleSize();
    double flops = 0;
    for (int l = 0; l < arch.layers(); l++) {
      int products = l == 0 ? 2 : 3;
      flops += products * 2.0 * batchSize * arch.inputsOf(l) * width;
    }
    return flops;
  }

  /**
   * The Spark rows, where local[2]'s overhead went ({@link CpuBreakdown}), then the throughput floor at one
   * generation per round, 0.85 x 1000 / the production kernel's wall milliseconds run-generations per second,
   * against local[1], its traffic replayed with its compute, and this thread without Spark: the study's mix of
   * contests (both tasks, fixed-path arms training three modules a layer) may cost more than the kernel line's
   * tournaments (compared in CPU time, which waiting for a core does not inflate).
   */
  private void spark(int generations, int reps, int clusterReps, int warmUps, VectorKernel vector) {
    int batched = settings.containsKey("generationsPerRound")
        ? settings("generationsPerRound", settings.get("generationsPerRound")).integer(GENERATIONS_PER_ROUND)
        : generations;
    Settings first = settings("seeds", "16", "stopWhenSolved", "false", "maxGenerations", Integer.toString(generations));
    StudyData data = StudyData.load(first, new Configuration());
    System.out.printf(Locale.ROOT, "spark: a study of %d runs (16 seeds x 4 arms), stopWhenSolved=false, %d"
        + " generations per task, kernel %s; per row %d untimed warm-up studies, then the medians of %d%n",
        new Study(first, data).size(), generations, first.choice(KERNEL, Kernel.class).label(), warmUps, reps);
    System.out.printf("%-21s %-9s %7s %10s %10s %9s %11s%n", "generationsPerRound", "master", "wall s", "run-gen/s",
        "in-task s", "overhead", "KB/run-gen");
    StudyTiming inThread = timeStudies(warmUps, reps, () -> timeInProcess(first, data));
    printRow(1, "1 thread", 1, inThread, "");
    double oneCoreThroughput = 0;
    double oneCoreReplayThroughput = 0;
    List<String> warmUpOverheads = new ArrayList<>();
    warmUpOverheads.add("1 thread " + overheads(inThread.warmUps, 1));
    List<String> breakdowns = new ArrayList<>();
    List<String> replays = new ArrayList<>();
    try (StandaloneCluster cluster = clusterReps > 0 ? ClusterRow.start(home) : null) {
      for (int perRound : batched == 1 ? new int[] {1} : new int[] {1, batched}) {
        String[] study = {"seeds", "16", "stopWhenSolved", "false", "maxGenerations", Integer.toString(generations),
            "generationsPerRound", Integer.toString(perRound)};
        Settings s = settings(study);
        double[] throughput = new double[3];
        for (int cores = 1; cores <= 2; cores++) {
          int c = cores;
          StudyTiming t = timeStudies(warmUps, reps, () -> timeStudy(s, data, c));
          throughput[cores] = t.runGenerations / t.wallSeconds;
          Replays replayed = replay(t, cores);
          printRow(perRound, "local[" + cores + "]", cores, t, cores == 2
              ? String.format(Locale.ROOT, "   local[2]/local[1] %.2fx", throughput[2] / throughput[1]) : "");
          String row = String.format(Locale.ROOT, "generationsPerRound %d local[%d]", perRound, cores);
          warmUpOverheads.add(row + " " + overheads(t.warmUps, cores));
          replays.addAll(replayed.describe(row, t, cores));
          if (perRound == 1 && cores == 1) {
            oneCoreThroughput = throughput[1];
            oneCoreReplayThroughput = t.runGenerations / replayed.spun().wallSeconds();
          }
          if (cores == 2) {
            breakdowns.add(String.format(Locale.ROOT, "local[2], generationsPerRound %d, its median run:"
                + " wall x 2 - in-task = %.2f CPU s: %s", perRound, t.wallSeconds * 2 - t.inTaskSeconds,
                t.cpu.describe()));
          }
        }
        if (cluster != null) {
          ClusterRow.Measured m = ClusterRow.measure(cluster, home, explicit(study), warmUps, clusterReps);
          printRow(perRound, ClusterRow.WORKERS + " workers", ClusterRow.WORKERS, m.timing(),
              String.format(Locale.ROOT, "   driver peak RSS %.2f GB", m.peakResidentBytes() / 1e9));
        }
      }
    }
    System.out.println("warm-up studies' overheads, in order: " + String.join("; ", warmUpOverheads));
    breakdowns.forEach(System.out::println);
    replays.forEach(System.out::println);
    double floor = 0.85 * 1000 / vector.wallMillis();
    double inThreadMillis = inThread.inTaskSeconds * 1000 / inThread.runGenerations;
    System.out.printf(Locale.ROOT, "throughput floor at one generation per round: 0.85 x 1000 / %.2f ms (vector) ="
        + " %.1f run-gen/s; local[1] %.1f (%.2fx the floor), its traffic replayed with its compute %.1f (%.2fx)%n"
        + "1 thread: %.1f run-gen/s (%.2fx the floor), its contests %.2f CPU ms per run-generation, %.2fx the kernel"
        + " line's%n", vector.wallMillis(), floor, oneCoreThroughput, oneCoreThroughput / floor,
        oneCoreReplayThroughput, oneCoreReplayThroughput / floor, inThread.runGenerations / inThread.wallSeconds,
        inThread.runGenerations / inThread.wallSeconds / floor, inThreadMillis, inThreadMillis / vector.cpuMillis());
  }

  /**
   * The medians of {@code reps} timings of a study, after {@code warmUps} untimed ones: the first studies in a JVM
   * also pay for compiling Spark's per-job code, a cost a study of minutes or hours pays once (docs/PERFORMANCE.md,
   * "What each line measures").
   */
  static StudyTiming timeStudies(int warmUps, int reps, java.util.function.Supplier<StudyTiming> timing) {
    double[] wall = new double[reps];
    double[] inTask = new double[reps];
    StudyTiming[] timings = new StudyTiming[reps];
    StudyTiming median = new StudyTiming();
    for (int w = 0; w < warmUps; w++) {
      median.warmUps.add(timing.get());
    }
    for (int r = 0; r < reps; r++) {
      StudyTiming t = timing.get();
      timings[r] = t;
      wall[r] = t.wallSeconds;
      inTask[r] = t.inTaskSeconds;
      median.runGenerations = t.runGenerations;
      median.shippedBytes = t.shippedBytes;
      median.traffic = t.traffic;
    }
    median.wallSeconds = median(sorted(wall));
    median.inTaskSeconds = median(sorted(inTask));
    // the breakdown is one run's (its parts add up): the run whose wall time is the median, or the lower of two
    double medianRun = sorted(wall)[(reps - 1) / 2];
    for (StudyTiming t : timings) {
      if (t.wallSeconds == medianRun) {
        median.cpu = t.cpu;
      }
    }
    return median;
  }

  private static void printRow(int perRound, String master, int cores, StudyTiming t, String suffix) {
    System.out.printf(Locale.ROOT, "%-21d %-9s %7.2f %10.1f %10.2f %8.1f%% %11.1f%s%n", perRound, master,
        t.wallSeconds, t.runGenerations / t.wallSeconds, t.inTaskSeconds, 100 * overhead(t, cores),
        t.shippedBytes / 1024.0 / t.runGenerations, suffix);
  }

  /** (wall x cores - in-task) / in-task. */
  private static double overhead(StudyTiming t, int cores) {
    return (t.wallSeconds * cores - t.inTaskSeconds) / t.inTaskSeconds;
  }

  private static String overheads(List<StudyTiming> studies, int cores) {
    List<String> each = new ArrayList<>();
    studies.forEach(t -> each.add(String.format(Locale.ROOT, "%.1f%%", 100 * overhead(t, cores))));
    return each.isEmpty() ? "none" : String.join(", ", each);
  }

  /**
   * The row's traffic (its median run's jobs and bytes) replayed through Spark twice. With nothing computed: its
   * process CPU and its task threads' CPU against the row's in-task seconds; in local[2] every thread's CPU displaces
   * compute, so the first bounds the row's overhead from below. With the row's in-task CPU spun in the tasks: its
   * overhead, read as the row's is, which counts in local[1] too, where the driver's and Spark's threads mostly have
   * the other core and what bounds the row is what stalls the one executor thread.
   */
  private static Replays replay(StudyTiming t, int cores) {
    try (JavaSparkContext spark = new JavaSparkContext(localConf(cores))) {
      return new Replays(TrafficReplay.measure(spark, cores, t.traffic, 0, REPLAYS),
          TrafficReplay.measure(spark, cores, t.traffic, t.inTaskSeconds, REPLAYS));
    }
  }

  /** A row's traffic replayed with nothing computed ({@code idle}) and with its in-task CPU spun ({@code spun}). */
  private record Replays(TrafficReplay.Cost idle, TrafficReplay.Cost spun) {
    List<String> describe(String row, StudyTiming t, int cores) {
      double process = idle.processSeconds(cores);
      double tasks = idle.cpu().tasksOtherWork();
      String traffic = String.format(Locale.ROOT, "%d jobs, %d batches, %.2f GB out, %.2f GB back; median of %d",
          t.traffic.jobs(), t.traffic.batches(), t.traffic.bytesOut() / 1e9, t.traffic.bytesBack() / 1e9, REPLAYS);
      double spunOverhead = (spun.wallSeconds() * cores - t.inTaskSeconds) / t.inTaskSeconds;
      return List.of(String.format(Locale.ROOT, "%s's traffic replayed with nothing computed (%s): wall %.2f s,"
          + " process %.2f CPU s = %.1f%% of the row's in-task s, of it task threads %.2f = %.1f%%", row, traffic,
          idle.wallSeconds(), process, 100 * process / t.inTaskSeconds, tasks, 100 * tasks / t.inTaskSeconds),
          String.format(Locale.ROOT, "%s's traffic replayed with its %.2f in-task CPU s spun in the tasks (%s): wall"
          + " %.2f s, overhead %.1f%% (the row's: %.1f%%)", row, t.inTaskSeconds, traffic, spun.wallSeconds(),
          100 * spunOverhead, 100 * overhead(t, cores)));
    }
  }

  /**
   * The same study in this thread, no Spark: what its mix of contests (four arms, both tasks) costs with nothing
   * shipped, the baseline the Spark rows' throughput is read against.
   */
  private static StudyTiming timeInProcess(Settings s, StudyData data) {
    StudyTiming t = new StudyTiming();
    long started = System.nanoTime();
    new Study(s, data).run(new InProcessRounds(data, 1), round -> {
      t.inTaskSeconds += round.work().computeNanos() / 1e9;
      t.runGenerations += round.work().runGenerations();
    });
    t.wallSeconds = (System.nanoTime() - started) / 1e9;
    return t;
  }

  /** What one timed study took. */
  static final class StudyTiming {
    double wallSeconds;
    double inTaskSeconds;
    long runGenerations;
    long shippedBytes;
    /** Where the cores' time went, for a study on a Spark master. */
    CpuBreakdown cpu;
    /** The jobs and bytes of a study on a Spark master. */
    SparkRounds.Traffic traffic;
    /** The untimed studies before the timed ones. */
    final List<StudyTiming> warmUps = new ArrayList<>();
  }

  /** Runs the study in a fresh local[cores] session. */
  private static StudyTiming timeStudy(Settings s, StudyData data, int cores) {
    SparkSession spark = SparkSession.builder().config(localConf(cores)).getOrCreate();
    try {
      return timeStudy(JavaSparkContext.fromSparkContext(spark.sparkContext()), s, data, cores);
    } finally {
      spark.stop();
    }
  }

  /**
   * Runs the study on {@code sc}, whose executors have {@code cores} cores in all; the clock runs from the first
   * broadcast to the last round.
   */
  static StudyTiming timeStudy(JavaSparkContext sc, Settings s, StudyData data, int cores) {
    StudyTiming t = new StudyTiming();
    CpuBreakdown.Snapshot before = CpuBreakdown.Snapshot.now();
    long started = System.nanoTime();
    try (SparkRounds rounds = SparkRounds.of(sc, s, data)) {
      new Study(s, data).run(rounds, round -> {
        t.inTaskSeconds += round.work().computeNanos() / 1e9;
        t.runGenerations += round.work().runGenerations();
        t.shippedBytes += round.work().shippedBytes();
      });
      t.traffic = rounds.traffic();
    }
    t.wallSeconds = (System.nanoTime() - started) / 1e9;
    t.cpu = CpuBreakdown.between(before, CpuBreakdown.Snapshot.now(), t.wallSeconds, cores, t.inTaskSeconds);
    return t;
  }

  /** The job's Spark settings on local[{@code cores}], without the UI. */
  private static SparkConf localConf(int cores) {
    return PathnetJobConf.withDefaults(new SparkConf().setMaster("local[" + cores + "]").setAppName("pathnet-bench")
        .set("spark.ui.enabled", "false"));
  }

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
