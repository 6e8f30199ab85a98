package org.pathnet.experiment;

/** The two tasks of a transfer experiment: A is learned first, B second (docs/PATHNET.md, "Transfer"). */
public enum Task {
  A,
  B
}
