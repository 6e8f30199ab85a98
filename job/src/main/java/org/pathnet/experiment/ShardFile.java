package org.pathnet.experiment;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One shard's part of a checkpoint: the parameters of its unfinished runs, written where the shard is kept, beside
 * the driver's {@link Checkpoint} file, which lists every shard file by this entry: its name, its runs and its
 * checksum. A finished run's parameters are never needed again, so no file holds them.
 * A documented binary layout written with {@link java.io.DataOutput}; no Java object is ever deserialized:
 * <pre>
 *   the 13 ASCII bytes "PATHNET-SHARD", format version (int, 4, as the checkpoint's)
 *   round (int): rounds played, as the checkpoint's
 *   runs: count, then each run's index (int) and module store ({@code ModuleStore.writeTo}: per module whether it
 *         is frozen and kept, and a kept module's parameters and optimiser moments as float32, weights input-major)
 *   checksum: the CRC32C of every byte above (long), which the checkpoint's entry repeats
 * </pre>
 * Reading checks the header, the runs against the entry, and the checksum against both the file's and the entry's
 * before any run it read is used; a shard file from another checkpoint or damaged on the way is refused by name.
 */
public record ShardFile(String name, int[] runs, long checksum) implements Serializable {
  private static final byte[] MAGIC = "PATHNET-SHARD".getBytes(StandardCharsets.US_ASCII);

  /** The file name of shard {@code shard}, the same wherever it is written. */
  public static String name(int shard) {
    return String.format(Locale.ROOT, "shard-%05d.bin", shard);
  }

  /**
   * Writes the parameters of {@code runs}' unfinished runs after round {@code round} into {@code files} as
   * {@code name}; null when every run of them has finished (no file is written then).
   */
  public static ShardFile write(StudyFiles files, String name, int round, List<Run> runs) throws IOException {
    List<Run> playing = runs.stream().filter(run -> !run.finished()).toList();
    if (playing.isEmpty()) {
      return null;
    }
    long checksum = CheckedFile.write(files, name, MAGIC, out -> {
      out.writeInt(Checkpoint.VERSION);
      out.writeInt(round);
      out.writeInt(playing.size());
      for (Run run : playing) {
        out.writeInt(run.index());
        run.writeParameters(out);
      }
    });
    return new ShardFile(name, playing.stream().mapToInt(Run::index).toArray(), checksum);
  }

  /**
   * Reads this shard's runs from {@code files}: each of its {@code followers} (by index) given the parameters the file
   * holds for it, in the file's order. The file must be this entry's, of round {@code round}.
   */
  public List<Run> read(StudyFiles files, int round, Map<Integer, Run> followers) throws IOException {
    return CheckedFile.read(files, name, MAGIC, checksum, "runs", in -> {
      int version = in.readInt();
      int written = in.readInt();
      if (version != Checkpoint.VERSION || written != round) {
        throw new IOException("it is of format " + version + " and round " + written + ", the checkpoint of format "
            + Checkpoint.VERSION + " and round " + round);
      }
      int count = in.readInt();
      if (count != runs.length) {
        throw new IOException("it holds " + count + " runs, the checkpoint lists " + runs.length);
      }
      List<Run> read = new ArrayList<>(runs.length);
      for (int expected : runs) {
        int index = in.readInt();
        Run follower = followers.get(index);
        if (index != expected || follower == null) {
          throw new IOException("it holds run " + index + " where the checkpoint lists run " + expected);
        }
        read.add(follower.withParametersFrom(in));
      }
      return read;
    });
  }
}
