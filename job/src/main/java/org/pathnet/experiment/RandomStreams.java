package org.pathnet.experiment;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Every random number of a study comes from a stream keyed by docs/PATHNET.md's tuple (base seed, pair, seed
 * index, arm, task, generation, purpose), so that nothing depends on executors, partitions, retries or the
 * order in which runs are processed. The key is hashed (FNV-1a over its canonical text, then SplitMix64's
 * finaliser) into the seed of a {@link SplittableRandom}.
 */
public final class RandomStreams implements Serializable {
  /** What a stream is used for; the last element of the key. */
  public enum Purpose {
    /** A module's initial values (with the module id as detail). */
    INIT,
    /** A task's new head. */
    HEAD,
    /** A task's initial random population. */
    POPULATION,
    /** The pathway of a fixed-path arm (de novo, fine-tuning). */
    FIXED_PATH,
    /** The tournament's two candidates. */
    SELECTION,
    /** The generation's minibatch indices. */
    BATCHES,
    /** The generation's salt-and-pepper noise. */
    NOISE,
    /** The loser's mutation. */
    MUTATION
  }

  /** The generation number of streams used when a task starts, before its first generation. */
  public static final int SETUP = 0;

  private final long baseSeed;

  public RandomStreams(long baseSeed) {
    this.baseSeed = baseSeed;
  }

  /** The stream for {@code purpose} of {@code run}'s {@code task} at {@code generation}. */
  public SplittableRandom stream(RunId run, Task task, int generation, Purpose purpose) {
    return new SplittableRandom(seed(run, task, generation, purpose.name()));
  }

  /** As {@link #stream}, for one of several things of the same purpose (e.g. module {@code detail}). */
  public SplittableRandom stream(RunId run, Task task, int generation, Purpose purpose, int detail) {
    return new SplittableRandom(seed(run, task, generation, purpose.name() + ":" + detail));
  }

  /** The 64-bit seed of a stream; exposed so a Spark task can rebuild the stream from the number alone. */
  public long seed(RunId run, Task task, int generation, Purpose purpose) {
    return seed(run, task, generation, purpose.name());
  }

  /**
   * A stream for the study's analysis rather than its runs (e.g. the bootstrap of one comparison), keyed by the
   * base seed and {@code what}, so that the summary is as reproducible as the tables.
   */
  public SplittableRandom analysis(String what) {
    return new SplittableRandom(hash(baseSeed + "|analysis|" + what));
  }

  private long seed(RunId run, Task task, int generation, String purpose) {
    return hash(baseSeed + "|" + run.pair().label() + "|" + run.seedIndex() + "|" + run.arm().label() + "|"
        + task + "|" + generation + "|" + purpose);
  }

  private static long hash(String key) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return mix(hash);
  }

  /** SplitMix64's finaliser: spreads FNV's weak low bits over the whole word. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
