package org.pathnet.network;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A pathway, PathNet's genotype: an L x N matrix of module indices in [0, M). Within a layer the active
 * modules are the distinct indices, so after mutation a layer may use fewer than N modules. Immutable.
 */
public final class Pathway implements Serializable {
  private final int[][] genes;

  private Pathway(int[][] genes) {
    this.genes = genes;
  }

  /** A pathway with the given genes (copied): {@code genes[layer][slot]}. */
  public static Pathway of(int[][] genes) {
    int[][] copy = new int[genes.length][];
    for (int l = 0; l < genes.length; l++) {
      copy[l] = genes[l].clone();
    }
    return new Pathway(copy);
  }

  /** Writes the pathway for a checkpoint: layers, genes per layer, then the genes row by row. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(genes.length);
    out.writeInt(genes.length == 0 ? 0 : genes[0].length);
    for (int[] layer : genes) {
      for (int gene : layer) {
        out.writeInt(gene);
      }
    }
  }

  /**
   * Reads a pathway written by {@link #writeTo} that must fit {@code arch}: its shape and every gene are checked
   * before anything is allocated or used.
   */
  public static Pathway readFrom(DataInput in, Architecture arch) throws IOException {
    int layers = in.readInt();
    int perLayer = in.readInt();
    if (layers != arch.layers() || perLayer != arch.activePerLayer()) {
      throw new IOException("a pathway of " + layers + " x " + perLayer + " genes where the settings give "
          + arch.layers() + " x " + arch.activePerLayer());
    }
    int[][] genes = new int[layers][perLayer];
    for (int[] layer : genes) {
      for (int i = 0; i < layer.length; i++) {
        layer[i] = in.readInt();
        if (layer[i] < 0 || layer[i] >= arch.modulesPerLayer()) {
          throw new IOException("a gene " + layer[i] + " outside [0, " + arch.modulesPerLayer() + ")");
        }
      }
    }
    return new Pathway(genes);
  }

  /** A random pathway: N distinct modules per layer, drawn uniformly without replacement. */
  public static Pathway random(Architecture arch, SplittableRandom random) {
    int[][] genes = new int[arch.layers()][];
    for (int l = 0; l < arch.layers(); l++) {
      genes[l] = drawDistinct(arch.modulesPerLayer(), arch.activePerLayer(), random);
    }
    return new Pathway(genes);
  }

  /** A partial Fisher-Yates shuffle: the first {@code count} of a random permutation of [0, bound). */
  private static int[] drawDistinct(int bound, int count, SplittableRandom random) {
    int[] pool = new int[bound];
    for (int i = 0; i < bound; i++) {
      pool[i] = i;
    }
    for (int i = 0; i < count; i++) {
      int j = i + random.nextInt(bound - i);
      int t = pool[i];
      pool[i] = pool[j];
      pool[j] = t;
    }
    return Arrays.copyOf(pool, count);
  }

  public int layers() {
    return genes.length;
  }

  /** Genes per layer (N). */
  public int width() {
    return genes[0].length;
  }

  public int gene(int layer, int slot) {
    return genes[layer][slot];
  }

  /** A copy of all genes, {@code [layer][slot]}. */
  public int[][] genes() {
    return of(genes).genes;
  }

  /** The distinct module indices of {@code layer}, ascending: the modules this pathway uses there. */
  public int[] activeModules(int layer) {
    return Arrays.stream(genes[layer]).distinct().sorted().toArray();
  }

  /** True when this pathway uses module {@code module} of {@code layer}. */
  public boolean uses(int layer, int module) {
    for (int g : genes[layer]) {
      if (g == module) {
        return true;
      }
    }
    return false;
  }

  /**
   * docs/PATHNET.md's overlap: the number of (layer, module) positions of this pathway that lie on {@code other}
   * (distinct positions, so at most L x N).
   */
  public int overlap(Pathway other) {
    int count = 0;
    for (int l = 0; l < genes.length; l++) {
      for (int m : activeModules(l)) {
        if (other.uses(l, m)) {
          count++;
        }
      }
    }
    return count;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pathway p && Arrays.deepEquals(genes, p.genes);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(genes);
  }

  /** Layers separated by '|', genes by ',': {@code 1,4,7|0,2,3|5,6,9}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int l = 0; l < genes.length; l++) {
      if (l > 0) {
        s.append('|');
      }
      for (int g = 0; g < genes[l].length; g++) {
        if (g > 0) {
          s.append(',');
        }
        s.append(genes[l][g]);
      }
    }
    return s.toString();
  }
}
