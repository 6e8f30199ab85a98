package org.pathnet.network;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.IntFunction;

/**
 * One experiment run's parameters (docs/PATHNET.md, "The network"): L x M modules, a head per task, the
 * optimiser state that belongs to each, and which modules are frozen; all of it float arrays on the Java heap
 * ({@link ParameterBlock}). Contests get {@link #slice slices} of it and the winner's trained slice is
 * {@link #write written} back. A run that only ever trains one fixed pathway holds only that pathway's modules
 * ({@link #initialisedOn}).
 */
public final class ModuleStore implements Serializable {
  private final Architecture arch;
  private final Optimizer optimizer;
  /** By {@link Architecture#moduleId}; null for a module off a fixed-path run's pathway. */
  private final ParameterBlock[] modules;
  private final boolean[] frozen;
  private final Map<String, ParameterBlock> heads = new HashMap<>();
  private int step;

  private ModuleStore(Architecture arch, Optimizer optimizer) {
    this(arch, optimizer, new ParameterBlock[arch.moduleCount()], new boolean[arch.moduleCount()]);
  }

  private ModuleStore(Architecture arch, Optimizer optimizer, ParameterBlock[] modules, boolean[] frozen) {
    this.arch = arch;
    this.optimizer = optimizer;
    this.modules = modules;
    this.frozen = frozen;
  }

  /**
   * A store whose every module is freshly initialised, module {@code id} from {@code moduleStream.apply(id)}:
   * each module's values come from its own stream (docs/PATHNET.md: per (run, module)).
   */
  public static ModuleStore initialised(Architecture arch, Optimizer optimizer,
      IntFunction<SplittableRandom> moduleStream) {
    ModuleStore store = new ModuleStore(arch, optimizer);
    store.reinitialiseUnfrozen(moduleStream);
    return store;
  }

  /**
   * A store of {@code pathway}'s modules only, freshly initialised as {@link #initialised} would: a fixed-path run
   * never reads any other module, and drawing them would be most of the cost of starting it and of its state.
   */
  public static ModuleStore initialisedOn(Pathway pathway, Architecture arch, Optimizer optimizer,
      IntFunction<SplittableRandom> moduleStream) {
    ModuleStore store = new ModuleStore(arch, optimizer);
    for (int l = 0; l < arch.layers(); l++) {
      for (int m : pathway.activeModules(l)) {
        int id = arch.moduleId(l, m);
        store.modules[id] = Initialization.module(arch.inputsOf(l), arch.moduleSize(), optimizer,
            moduleStream.apply(id));
      }
    }
    return store;
  }

  /**
   * A store that trains on from here while this one stays as it is: they share every block, which is never
   * changed in place ({@link ParameterBlock}), and copy what a store changes, the block arrays, heads and step.
   */
  public ModuleStore copy() {
    ModuleStore copy = new ModuleStore(arch, optimizer, modules.clone(), frozen.clone());
    copy.heads.putAll(heads);
    copy.step = step;
    return copy;
  }

  /** Re-initialises every module that is not frozen, weights and optimiser state alike. */
  public void reinitialiseUnfrozen(IntFunction<SplittableRandom> moduleStream) {
    for (int l = 0; l < arch.layers(); l++) {
      for (int m = 0; m < arch.modulesPerLayer(); m++) {
        int id = arch.moduleId(l, m);
        if (!frozen[id]) {
          modules[id] = Initialization.module(arch.inputsOf(l), arch.moduleSize(), optimizer, moduleStream.apply(id));
        }
      }
    }
  }

  /** Freezes the modules on {@code pathway}: still selectable, never updated again. */
  public void freeze(Pathway pathway) {
    for (int l = 0; l < arch.layers(); l++) {
      for (int m : pathway.activeModules(l)) {
        frozen[arch.moduleId(l, m)] = true;
      }
    }
  }

  /**
   * Adds a fresh head for {@code task} and starts that task's optimiser step count at zero: the new head and
   * any re-initialised module begin with zero moments, so Adam's bias correction starts over with them.
   */
  public void startTask(String task, SplittableRandom headStream) {
    heads.put(task, Initialization.head(arch.moduleSize(), Architecture.CLASSES, optimizer, headStream));
    step = 0;
  }

  /**
   * The modules the given pathways use, with {@code task}'s head: what a contest between them can touch. The
   * slice shares the store's blocks (they are never changed in place).
   */
  public ParameterSlice slice(String task, Collection<Pathway> pathways) {
    TreeSet<Integer> ids = new TreeSet<>();
    for (Pathway p : pathways) {
      for (int l = 0; l < arch.layers(); l++) {
        for (int m : p.activeModules(l)) {
          ids.add(arch.moduleId(l, m));
        }
      }
    }
    int[] idArray = ids.stream().mapToInt(Integer::intValue).toArray();
    ParameterBlock[] blocks = new ParameterBlock[idArray.length];
    boolean[] frozenFlags = new boolean[idArray.length];
    for (int i = 0; i < idArray.length; i++) {
      blocks[i] = modules[idArray[i]];
      if (blocks[i] == null) {
        throw new IllegalStateException("module " + idArray[i] + " was let go: the run keeps only its fixed pathway");
      }
      frozenFlags[i] = frozen[idArray[i]];
    }
    return new ParameterSlice(idArray, blocks, frozenFlags, head(task), step);
  }

  /**
   * Writes a winner's trained slice back: its unfrozen modules and its head replace the stored ones, and the step
   * count moves on. Frozen modules are never written, whatever the slice holds.
   */
  public void write(String task, ParameterSlice trained) {
    for (int i = 0; i < trained.size(); i++) {
      int id = trained.moduleId(i);
      if (!frozen[id]) {
        modules[id] = trained.moduleAt(i);
      }
    }
    heads.put(task, trained.head());
    step = trained.step();
  }

  /** Bytes of float data the store holds: what a run weighs on the driver and on the wire. */
  public long bytes() {
    long bytes = 0;
    for (ParameterBlock module : modules) {
      bytes += module == null ? 0 : module.bytes();
    }
    for (ParameterBlock head : heads.values()) {
      bytes += head.bytes();
    }
    return bytes;
  }

  /**
   * Writes the store for a checkpoint: the step count; the module count, then per module (in id order) whether it
   * is frozen, whether it is kept, and if so its block; the number of heads, then each head's task name and block
   * (in task-name order).
   */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(step);
    out.writeInt(modules.length);
    for (int id = 0; id < modules.length; id++) {
      out.writeBoolean(frozen[id]);
      out.writeBoolean(modules[id] != null);
      if (modules[id] != null) {
        modules[id].writeTo(out);
      }
    }
    out.writeInt(heads.size());
    for (String task : new TreeSet<>(heads.keySet())) {
      out.writeUTF(task);
      heads.get(task).writeTo(out);
    }
  }

  /**
   * Reads a store written by {@link #writeTo} for {@code arch} and {@code optimizer}; every count and length is
   * checked against them before it is used.
   */
  public static ModuleStore readFrom(DataInput in, Architecture arch, Optimizer optimizer) throws IOException {
    ModuleStore store = new ModuleStore(arch, optimizer);
    store.step = in.readInt();
    int count = in.readInt();
    if (count != arch.moduleCount()) {
      throw new IOException("checkpoint holds " + count + " modules, the architecture has " + arch.moduleCount());
    }
    int vectors = optimizer.stateVectors();
    for (int id = 0; id < count; id++) {
      store.frozen[id] = in.readBoolean();
      if (in.readBoolean()) {
        store.modules[id] = ParameterBlock.readFrom(in, arch.moduleParameters(id / arch.modulesPerLayer()), vectors);
      }
    }
    int heads = in.readInt();
    if (heads < 0 || heads > 2) {
      throw new IOException("checkpoint holds " + heads + " heads for a run, expected at most 2");
    }
    for (int h = 0; h < heads; h++) {
      store.heads.put(in.readUTF(), ParameterBlock.readFrom(in, arch.headParameters(), vectors));
    }
    return store;
  }

  public ParameterBlock module(int layer, int module) {
    return modules[arch.moduleId(layer, module)];
  }

  public boolean isFrozen(int layer, int module) {
    return frozen[arch.moduleId(layer, module)];
  }

  public ParameterBlock head(String task) {
    ParameterBlock head = heads.get(task);
    if (head == null) {
      throw new IllegalStateException("no head for task " + task + ": startTask first");
    }
    return head;
  }

  public Architecture architecture() {
    return arch;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public int step() {
    return step;
  }
}
