package org.pathnet.network;

import java.io.Serializable;

/**
 * The part of a run's {@link ModuleStore} that a contest can touch: the modules its pathways use (with
 * which of them are frozen), the current task's head, and the optimiser's step counter. At one generation per
 * round this is what travels to a Spark task, and what comes back for the winner (then only its trained, unfrozen
 * modules).
 */
public final class ParameterSlice implements Serializable {
  private final int[] moduleIds;
  private final ParameterBlock[] modules;
  private final boolean[] frozen;
  private final ParameterBlock head;
  private final int step;

  /** The arrays are taken as they are, not copied: a slice is a view for shipping, built by its owner. */
  public ParameterSlice(int[] moduleIds, ParameterBlock[] modules, boolean[] frozen, ParameterBlock head, int step) {
    this.moduleIds = moduleIds;
    this.modules = modules;
    this.frozen = frozen;
    this.head = head;
    this.step = step;
  }

  /** The number of modules in the slice. */
  public int size() {
    return moduleIds.length;
  }

  /** The store-wide id ({@link Architecture#moduleId}) of the i-th module of the slice. */
  public int moduleId(int i) {
    return moduleIds[i];
  }

  public ParameterBlock moduleAt(int i) {
    return modules[i];
  }

  public boolean frozenAt(int i) {
    return frozen[i];
  }

  /** The module with store-wide id {@code id}; the slice must hold it. */
  public ParameterBlock module(int id) {
    return modules[indexOf(id)];
  }

  public boolean isFrozen(int id) {
    return frozen[indexOf(id)];
  }

  private int indexOf(int id) {
    for (int i = 0; i < moduleIds.length; i++) {
      if (moduleIds[i] == id) {
        return i;
      }
    }
    throw new IllegalArgumentException("module " + id + " is not in this slice");
  }

  /** Bytes of float data in the slice's modules and head. */
  public long bytes() {
    long bytes = head.bytes();
    for (ParameterBlock module : modules) {
      bytes += module.bytes();
    }
    return bytes;
  }

  public ParameterBlock head() {
    return head;
  }

  /** Optimiser steps taken so far in the current task (Adam's bias correction counts from it). */
  public int step() {
    return step;
  }
}
