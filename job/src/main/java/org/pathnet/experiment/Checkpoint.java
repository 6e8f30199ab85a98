package org.pathnet.experiment;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.pathnet.network.Pathway;

/**
 * A study's checkpoint: everything needed to continue it bit-identically. It is a directory: this file, which the
 * driver writes, holds the settings, the runs' evolution and the run rows, and lists the shard files beside it,
 * which hold the unfinished runs' parameters and which the executors keeping them wrote in parallel
 * ({@link ShardFile}), and the row files the generation rows logged so far went into ({@link RowFile}), which it
 * follows with the rows not yet in one. A documented binary layout written with {@link java.io.DataOutput} (big-endian numbers,
 * modified UTF-8 strings); no Java object is ever deserialized.
 * <pre>
 *   the 18 ASCII bytes "PATHNET-CHECKPOINT", format version (int, 4)
 *   settings: count, then (key, value) strings: the resolved spark.pathnet.* settings
 *   data:     count, then (file name, SHA-256) strings
 *   round (int): rounds played
 *   runs:     count, then each run's evolution in study order ({@code Run.writeTo}: its variant's label, progress,
 *             population and paths)
 *   shards:   count, then each shard file's name (string), its runs (count, then each run's index) and its checksum
 *             (long, the CRC32C the file ends with)
 *   generation rows: the row files written (count, then each file's name, rows (int) and checksum (long), as
 *             {@link RowFile}), then the rows not yet in a file (count, then each row, {@code GenerationRecord.writeTo})
 *   run rows: count, then (variant, pair, seed, arm, task, classes, solved, generations or -1, overlap or -1,
 *             testAccuracy, path)
 *   checksum: the CRC32C of every byte above (long)
 * </pre>
 * The checksum makes the file check itself wherever it is copied (Hadoop's {@code .crc} side file stays behind):
 * {@link #verify} reads it whole before any of it is used; each shard file is checked against its own checksum and
 * this file's as it is read. Every count and length read is then checked against the settings before anything is
 * allocated. Earlier formats are refused: format 1 (before runs kept their state as float arrays) stored weights
 * unit-major and every module; format 2 (before variants) had no variant in runs and rows; format 3 (before runs
 * lived in executors) was one file, the driver's, with every run's parameters in it; format 4 (before the driver
 * wrote its generation rows out as it logged them) held every row in this file.
 * Random streams have no state to save: each is keyed by (run, task, generation, purpose). Reading is in two
 * steps: the header ({@link #read}), so a resume can check the settings first, then the body ({@link #readBody}),
 * built with the settings the study continues under.
 */
public final class Checkpoint {
  private static final byte[] MAGIC = "PATHNET-CHECKPOINT".getBytes(StandardCharsets.US_ASCII);
  /** The format this version writes and reads; a shard file carries it too. */
  static final int VERSION = 5;
  /** Bytes of the checksum at the end of the file. */
  private static final int TRAILER = Long.BYTES;

  private final DataInputStream in;
  private final Map<String, String> settings;
  private final Map<String, String> dataChecksums;
  private final int round;
  private List<Run> followers;
  private List<ShardFile> shards;
  private GenerationLog generations;
  private List<TaskOutcome> finishedTasks;

  private Checkpoint(DataInputStream in, Map<String, String> settings, Map<String, String> dataChecksums,
      int round) {
    this.in = in;
    this.settings = settings;
    this.dataChecksums = dataChecksums;
    this.round = round;
  }

  static void write(OutputStream target, Settings settings, Map<String, String> dataChecksums, int round,
      List<Run> followers, List<ShardFile> shards, GenerationLog generations, List<TaskOutcome> finishedTasks)
      throws IOException {
    CRC32C checksum = new CRC32C();
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(target, checksum),
        1 << 16));
    out.write(MAGIC);
    out.writeInt(VERSION);
    writeMap(out, settings.toProperties());
    writeMap(out, new TreeMap<>(dataChecksums));
    out.writeInt(round);
    out.writeInt(followers.size());
    for (Run run : followers) {
      run.writeTo(out);
    }
    out.writeInt(shards.size());
    for (ShardFile shard : shards) {
      out.writeUTF(shard.name());
      out.writeInt(shard.runs().length);
      for (int run : shard.runs()) {
        out.writeInt(run);
      }
      out.writeLong(shard.checksum());
    }
    generations.writeTo(out);
    out.writeInt(finishedTasks.size());
    for (TaskOutcome r : finishedTasks) {
      out.writeUTF(r.variant());
      out.writeUTF(r.pair());
      out.writeInt(r.seed());
      out.writeUTF(r.arm());
      out.writeUTF(r.task());
      out.writeUTF(r.classes());
      out.writeBoolean(r.solved());
      out.writeInt(r.generations() == null ? -1 : r.generations());
      out.writeInt(r.overlap() == null ? -1 : r.overlap());
      out.writeDouble(r.testAccuracy());
      Pathway.of(r.path()).writeTo(out);
    }
    out.flush();
    new DataOutputStream(target).writeLong(checksum.getValue());
  }

  /**
   * Reads all of {@code source} and checks that it is a checkpoint whose contents match the checksum it ends with:
   * a damaged, truncated or foreign file is an IOException saying which, before any of it is used.
   */
  public static void verify(InputStream source) throws IOException {
    CRC32C checksum = new CRC32C();
    byte[] window = new byte[TRAILER + (1 << 16)];
    int held = 0;
    long total = 0;
    boolean magicChecked = false;
    for (int n; (n = source.read(window, held, window.length - held)) > 0; ) {
      held += n;
      total += n;
      if (!magicChecked && held >= MAGIC.length) {
        if (!Arrays.equals(MAGIC, Arrays.copyOf(window, MAGIC.length))) {
          throw new IOException("not a pathnet checkpoint: it does not start with PATHNET-CHECKPOINT");
        }
        magicChecked = true;
      }
      if (held > TRAILER) {
        checksum.update(window, 0, held - TRAILER);
        System.arraycopy(window, held - TRAILER, window, 0, TRAILER);
        held = TRAILER;
      }
    }
    if (!magicChecked || total < MAGIC.length + 4 + TRAILER) {
      throw new IOException("not a pathnet checkpoint, or one truncated: " + total + " bytes");
    }
    if (ByteBuffer.wrap(window, 0, TRAILER).getLong() != checksum.getValue()) {
      throw new IOException("the checkpoint's contents do not match its checksum: the file is damaged or truncated");
    }
  }

  /** Reads the header from {@code source}; the body is read on demand, from the same (still open) stream. */
  public static Checkpoint read(InputStream source) throws IOException {
    DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
    byte[] magic = new byte[MAGIC.length];
    int version;
    try {
      in.readFully(magic);
      version = in.readInt();
    } catch (EOFException e) {
      throw new IOException("not a pathnet checkpoint: shorter than its header", e);
    }
    if (!Arrays.equals(MAGIC, magic)) {
      throw new IOException("not a pathnet checkpoint: it does not start with PATHNET-CHECKPOINT");
    }
    if (version != VERSION) {
      throw new IOException("a pathnet checkpoint of format " + version + ", written by another version of"
          + " pathnet-spark; this version reads format " + VERSION + " only (rerun the study)");
    }
    Map<String, String> settings = readMap(in);
    Map<String, String> checksums = readMap(in);
    return new Checkpoint(in, settings, checksums, in.readInt());
  }

  /** The resolved settings the study was running under ({@code spark.pathnet.KEY -> value}). */
  public Map<String, String> settings() {
    return settings;
  }

  /** SHA-256 of each data file the study was reading. */
  public Map<String, String> dataChecksums() {
    return dataChecksums;
  }

  /** Rounds played when the checkpoint was written. */
  public int round() {
    return round;
  }

  /**
   * Reads the body, building the runs' followers under {@code continuing} (the stored settings, maxGenerations maybe
   * raised); their parameters are in the {@link #shards}, and the generation rows go on into {@code rowFiles}.
   */
  void readBody(Settings continuing, StudyData data, StudyFiles rowFiles) throws IOException {
    StudyRuns runs = StudyRuns.of(continuing, data.inputSize());
    int count = in.readInt();
    if (count != runs.count()) {
      throw new IOException("checkpoint holds " + count + " runs, the settings make " + runs.count());
    }
    followers = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      RunId id = runs.id(i);
      followers.add(Run.readFrom(in, i, id, runs.settings(id.variant()), runs.plan(id.variant()), runs.streams()));
    }
    shards = readShards(count);
    generations = GenerationLog.readFrom(in, rowFiles, runs.architectures());
    finishedTasks = new ArrayList<>();
    for (int i = in.readInt(); i > 0; i--) {
      String variant = in.readUTF();
      TrainingPlan plan = plan(runs, variant);
      String pair = in.readUTF();
      int seed = in.readInt();
      String arm = in.readUTF();
      String task = in.readUTF();
      String classes = in.readUTF();
      boolean solved = in.readBoolean();
      int solvedAt = in.readInt();
      int overlap = in.readInt();
      double accuracy = in.readDouble();
      finishedTasks.add(new TaskOutcome(variant, pair, seed, arm, task, classes, solved, solvedAt < 0 ? null : solvedAt,
          overlap < 0 ? null : overlap, accuracy, Pathway.readFrom(in, plan.architecture()).genes()));
    }
  }

  /** The plan of the variant a row names, which its paths are read with; a label the settings lack is damage. */
  private static TrainingPlan plan(StudyRuns runs, String variant) throws IOException {
    TrainingPlan plan = runs.plan(variant);
    if (plan == null) {
      throw new IOException("checkpoint holds a row of variant '" + variant + "', which the settings do not make");
    }
    return plan;
  }

  /**
   * The shard files' entries, each run in at most one, none finished: what {@link ShardFile#read} checks the files
   * against.
   */
  private List<ShardFile> readShards(int runCount) throws IOException {
    boolean[] listed = new boolean[runCount];
    int count = in.readInt();
    if (count < 0 || count > runCount) {
      throw new IOException("checkpoint lists " + count + " shard files for " + runCount + " runs");
    }
    List<ShardFile> entries = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      String name = in.readUTF();
      int size = in.readInt();
      if (size < 1 || size > runCount) {
        throw new IOException("checkpoint lists " + size + " runs in " + name + ", of " + runCount);
      }
      int[] runs = new int[size];
      for (int i = 0; i < size; i++) {
        runs[i] = in.readInt();
        if (runs[i] < 0 || runs[i] >= runCount || listed[runs[i]] || followers.get(runs[i]).finished()) {
          throw new IOException("checkpoint lists run " + runs[i] + " in " + name + ", which it cannot hold");
        }
        listed[runs[i]] = true;
      }
      entries.add(new ShardFile(name, runs, in.readLong()));
    }
    for (Run run : followers) {
      if (!run.finished() && !listed[run.index()]) {
        throw new IOException("checkpoint lists no shard file for run " + run.index() + ", which has not finished");
      }
    }
    return entries;
  }

  /** The runs' followers: their evolution, without parameters. */
  List<Run> followers() {
    return followers;
  }

  /** The shard files that hold the unfinished runs' parameters, beside this one. */
  List<ShardFile> shards() {
    return shards;
  }

  GenerationLog generations() {
    return generations;
  }

  List<TaskOutcome> finishedTasks() {
    return finishedTasks;
  }

  private static void writeMap(DataOutputStream out, Map<String, String> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, String> e : map.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
  }

  private static Map<String, String> readMap(DataInputStream in) throws IOException {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = in.readInt(); i > 0; i--) {
      map.put(in.readUTF(), in.readUTF());
    }
    return map;
  }
}
