package org.pathnet.evolution;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.SplittableRandom;
import org.pathnet.network.Architecture;
import org.pathnet.network.Pathway;

/**
 * A run's population of pathways (docs/PATHNET.md: P = 64), evolved one tournament per generation. The driver keeps
 * one for every evolving run of a study, and it is most of what grows with the study there, so the genes are packed
 * into one array, pathway after pathway, layer after layer (a module index, below 1,000, fits a short) rather than
 * kept as P pathway objects of L arrays each. {@link #get} makes a pathway from the packed genes.
 */
public final class Population implements Serializable {
  private final short[] genes;
  private final int layers;
  private final int width;

  private Population(short[] genes, int layers, int width) {
    this.genes = genes;
    this.layers = layers;
    this.width = width;
  }

  private static Population empty(Architecture arch, int size) {
    int layers = arch.layers();
    int width = arch.activePerLayer();
    return new Population(new short[Math.multiplyExact(size, layers * width)], layers, width);
  }

  /** {@code size} random pathways, drawn in order from {@code random}. */
  public static Population random(Architecture arch, int size, SplittableRandom random) {
    Population population = empty(arch, size);
    for (int i = 0; i < size; i++) {
      population.set(i, Pathway.random(arch, random));
    }
    return population;
  }

  /** Writes the population for a checkpoint: its size, then each pathway in order. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(size());
    for (int i = 0; i < size(); i++) {
      get(i).writeTo(out);
    }
  }

  /** Reads a population written by {@link #writeTo} that must hold {@code size} pathways fitting {@code arch}. */
  public static Population readFrom(DataInput in, Architecture arch, int size) throws IOException {
    int stored = in.readInt();
    if (stored != size) {
      throw new IOException("a population of " + stored + " where the settings give " + size);
    }
    Population population = empty(arch, size);
    for (int i = 0; i < size; i++) {
      population.set(i, Pathway.readFrom(in, arch));
    }
    return population;
  }

  /** A population of the same pathways that evolves apart from this one. */
  public Population copy() {
    return new Population(genes.clone(), layers, width);
  }

  public int size() {
    return genes.length / (layers * width);
  }

  public Pathway get(int i) {
    int[][] pathway = new int[layers][width];
    int at = i * layers * width;
    for (int[] layer : pathway) {
      for (int slot = 0; slot < width; slot++) {
        layer[slot] = genes[at++];
      }
    }
    return Pathway.of(pathway);
  }

  void set(int i, Pathway pathway) {
    int at = i * layers * width;
    for (int l = 0; l < layers; l++) {
      for (int slot = 0; slot < width; slot++) {
        genes[at++] = (short) pathway.gene(l, slot);
      }
    }
  }
}
