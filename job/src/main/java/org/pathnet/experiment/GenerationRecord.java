package org.pathnet.experiment;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import org.pathnet.network.Architecture;
import org.pathnet.network.Pathway;

/**
 * One row of the {@code generations} table (docs/PATHNET.md, "The result tables"): a run's generation on a task,
 * in one variant of the study's settings.
 * {@code loserFitness} is null for fixed-path arms; {@code trainMillis} is the CPU time of the training inside the
 * Spark task (a {@code *Millis} column, so never part of equality between studies).
 */
public record GenerationRecord(String variant, String pair, int seed, String arm, String task, int generation, double winnerFitness,
    Double loserFitness, int[][] winnerPath, double trainMillis) implements Serializable {

  /**
   * Writes the row as row files and checkpoints hold it: variant, pair (strings), seed (int), arm, task (strings),
   * generation (int), winnerFitness (double), whether it has a loser (boolean), loserFitness (double, 0 without),
   * winnerPath ({@code Pathway.writeTo}), trainMillis (double).
   */
  void writeTo(DataOutput out) throws IOException {
    out.writeUTF(variant);
    out.writeUTF(pair);
    out.writeInt(seed);
    out.writeUTF(arm);
    out.writeUTF(task);
    out.writeInt(generation);
    out.writeDouble(winnerFitness);
    out.writeBoolean(loserFitness != null);
    out.writeDouble(loserFitness == null ? 0 : loserFitness);
    Pathway.of(winnerPath).writeTo(out);
    out.writeDouble(trainMillis);
  }

  /**
   * Reads a row {@link #writeTo} wrote; its path must fit the architecture of its variant in {@code architectures}
   * (a variant the study does not make is damage).
   */
  static GenerationRecord readFrom(DataInput in, Map<String, Architecture> architectures) throws IOException {
    String variant = in.readUTF();
    Architecture arch = architectures.get(variant);
    if (arch == null) {
      throw new IOException("a row of variant '" + variant + "', which the settings do not make");
    }
    String pair = in.readUTF();
    int seed = in.readInt();
    String arm = in.readUTF();
    String task = in.readUTF();
    int generation = in.readInt();
    double winner = in.readDouble();
    boolean hasLoser = in.readBoolean();
    double loser = in.readDouble();
    return new GenerationRecord(variant, pair, seed, arm, task, generation, winner, hasLoser ? loser : null,
        Pathway.readFrom(in, arch).genes(), in.readDouble());
  }
}
