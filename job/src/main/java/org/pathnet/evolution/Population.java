package org.pathnet.evolution;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.SplittableRandom;
import org.pathnet.network.Architecture;
import org.pathnet.network.Pathway;

/** A run's population of pathways (docs/PATHNET.md: P = 64), evolved one tournament per generation. */
public final class Population implements Serializable {
  private final Pathway[] pathways;

  private Population(Pathway[] pathways) {
    this.pathways = pathways;
  }

  /** {@code size} random pathways, drawn in order from {@code random}. */
  public static Population random(Architecture arch, int size, SplittableRandom random) {
    Pathway[] pathways = new Pathway[size];
    for (int i = 0; i < size; i++) {
      pathways[i] = Pathway.random(arch, random);
    }
    return new Population(pathways);
  }

  /** Writes the population for a checkpoint: its size, then each pathway in order. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(pathways.length);
    for (Pathway p : pathways) {
      p.writeTo(out);
    }
  }

  /** Reads a population written by {@link #writeTo} that must hold {@code size} pathways fitting {@code arch}. */
  public static Population readFrom(DataInput in, Architecture arch, int size) throws IOException {
    int stored = in.readInt();
    if (stored != size) {
      throw new IOException("a population of " + stored + " where the settings give " + size);
    }
    Pathway[] pathways = new Pathway[size];
    for (int i = 0; i < pathways.length; i++) {
      pathways[i] = Pathway.readFrom(in, arch);
    }
    return new Population(pathways);
  }

  /** A population of the same pathways that evolves apart from this one (pathways themselves never change). */
  public Population copy() {
    return new Population(pathways.clone());
  }

  public int size() {
    return pathways.length;
  }

  public Pathway get(int i) {
    return pathways[i];
  }

  void set(int i, Pathway pathway) {
    pathways[i] = pathway;
  }
}
