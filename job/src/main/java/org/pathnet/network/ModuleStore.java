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
import org.nd4j.linalg.api.buffer.DataType;

/**
 * One experiment run's parameters (PATHNET.md, "The network"): L x M modules, a head per task, the
 * optimiser state that belongs to each, and which modules are frozen. It lives on the driver; contests
 * get {@link #slice slices} of it and the winner's trained slice is {@link #write written} back.
 */
public final class ModuleStore implements Serializable {
  private final Architecture arch;
  private final Optimizer optimizer;
  private final DataType type;
  private final ParameterBlock[] modules;
  private final boolean[] frozen;
  private final Map<String, ParameterBlock> heads = new HashMap<>();
  private int step;

  private ModuleStore(Architecture arch, Optimizer optimizer, DataType type) {
    this.arch = arch;
    this.optimizer = optimizer;
    this.type = type;
    this.modules = new ParameterBlock[arch.moduleCount()];
    this.frozen = new boolean[arch.moduleCount()];
  }

  /**
   * A store whose every module is freshly initialised, module {@code id} from {@code moduleStream.apply(id)}:
   * each module's values come from its own stream (PATHNET.md: per (run, module)).
   */
  public static ModuleStore initialised(Architecture arch, Optimizer optimizer, DataType type,
      IntFunction<SplittableRandom> moduleStream) {
    ModuleStore store = new ModuleStore(arch, optimizer, type);
    store.reinitialiseUnfrozen(moduleStream);
    return store;
  }

  /** Re-initialises every module that is not frozen, weights and optimiser state alike. */
  public void reinitialiseUnfrozen(IntFunction<SplittableRandom> moduleStream) {
    for (int l = 0; l < arch.layers(); l++) {
      for (int m = 0; m < arch.modulesPerLayer(); m++) {
        int id = arch.moduleId(l, m);
        if (!frozen[id]) {
          int weights = arch.moduleSize() * arch.inputsOf(l);
          replaceModule(id, Initialization.block(weights, arch.moduleSize(), optimizer, type, moduleStream.apply(id)));
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
    int weights = Architecture.CLASSES * arch.moduleSize();
    heads.put(task, Initialization.block(weights, Architecture.CLASSES, optimizer, type, headStream));
    step = 0;
  }

  /** The modules the given pathways use, with {@code task}'s head: what a contest between them can touch. */
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
      frozenFlags[i] = frozen[idArray[i]];
    }
    return new ParameterSlice(idArray, blocks, frozenFlags, head(task), step);
  }

  /**
   * Writes a winner's trained slice back: its unfrozen modules and its head replace the stored ones (which are
   * {@link ParameterBlock#release released}: the slice a contest started from is never read again once its
   * outcome is written), and the step count moves on. Frozen modules are never written, whatever the slice holds.
   */
  public void write(String task, ParameterSlice trained) {
    for (int i = 0; i < trained.size(); i++) {
      int id = trained.moduleId(i);
      if (!frozen[id]) {
        replaceModule(id, trained.moduleAt(i));
      }
    }
    ParameterBlock old = heads.put(task, trained.head());
    if (old != null && old != trained.head()) {
      old.release();
    }
    step = trained.step();
  }

  private void replaceModule(int id, ParameterBlock block) {
    ParameterBlock old = modules[id];
    modules[id] = block;
    if (old != null && old != block) {
      old.release();
    }
  }

  /** Releases every block of the store, which must not be used again (a run replaced by its returned copy). */
  public void release() {
    for (ParameterBlock module : modules) {
      module.release();
    }
    heads.values().forEach(ParameterBlock::release);
  }

  /**
   * Writes the store for a checkpoint: the step count; per module (in id order) whether it is frozen and its
   * block; the number of heads, then each head's task name and block (in task-name order).
   */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(step);
    out.writeInt(modules.length);
    for (int id = 0; id < modules.length; id++) {
      out.writeBoolean(frozen[id]);
      modules[id].writeTo(out);
    }
    out.writeInt(heads.size());
    for (String task : new TreeSet<>(heads.keySet())) {
      out.writeUTF(task);
      heads.get(task).writeTo(out);
    }
  }

  /** Reads a store written by {@link #writeTo} for {@code arch} and {@code optimizer} (float32). */
  public static ModuleStore readFrom(DataInput in, Architecture arch, Optimizer optimizer) throws IOException {
    ModuleStore store = new ModuleStore(arch, optimizer, DataType.FLOAT);
    store.step = in.readInt();
    int count = in.readInt();
    if (count != arch.moduleCount()) {
      throw new IOException("checkpoint holds " + count + " modules, the architecture has " + arch.moduleCount());
    }
    for (int id = 0; id < count; id++) {
      store.frozen[id] = in.readBoolean();
      store.modules[id] = ParameterBlock.readFrom(in);
    }
    int heads = in.readInt();
    for (int h = 0; h < heads; h++) {
      store.heads.put(in.readUTF(), ParameterBlock.readFrom(in));
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
