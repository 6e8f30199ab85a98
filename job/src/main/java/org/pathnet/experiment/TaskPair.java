package org.pathnet.experiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.pathnet.InvalidInputException;

/**
 * One transfer experiment: task A's two classes, then task B's (docs/PATHNET.md, "Transfer"). Its label, for
 * example {@code 5,6->6,7}, is the {@code pair} column of the result tables and part of every random
 * stream's key.
 */
public record TaskPair(Classes taskA, Classes taskB) implements Serializable {

  /** The two digit classes of a binary task, written {@code a,b}: a is label 0, b is label 1. */
  public record Classes(int first, int second) implements Serializable {
    @Override
    public String toString() {
      return first + "," + second;
    }

    /** Parses {@code a,b}; {@code what} names the setting in the error message. */
    static Classes parse(String text, String what) {
      String[] parts = text.trim().split(",", -1);
      if (parts.length != 2) {
        throw new InvalidInputException(what + "=" + text + ": expected two classes as a,b (digits 0-9)");
      }
      int a = parseDigit(parts[0], text, what);
      int b = parseDigit(parts[1], text, what);
      if (a == b) {
        throw new InvalidInputException(what + "=" + text + ": the two classes must differ");
      }
      return new Classes(a, b);
    }

    private static int parseDigit(String part, String text, String what) {
      String p = part.trim();
      if (!p.matches("[0-9]")) {
        throw new InvalidInputException(what + "=" + text + ": expected two classes as a,b (digits 0-9)");
      }
      return Integer.parseInt(p);
    }
  }

  /** The pair's label as it appears in tables and stream keys, e.g. {@code 5,6->6,7}. */
  public String label() {
    return taskA + "->" + taskB;
  }

  /** The classes of task {@code A} or {@code B}. */
  public Classes classes(Task task) {
    return task == Task.A ? taskA : taskB;
  }

  @Override
  public String toString() {
    return label();
  }

  /** Parses a {@code pairs} value such as {@code 5,6->6,7;5,6->8,9}. */
  static List<TaskPair> parseList(String text, String key) {
    List<TaskPair> pairs = new ArrayList<>();
    for (String item : text.split(";", -1)) {
      String[] tasks = item.split("->", -1);
      if (tasks.length != 2) {
        throw new InvalidInputException(
            key + "=" + text + ": expected pairs as a,b->c,d separated by ';' (e.g. 5,6->6,7;5,6->8,9)");
      }
      TaskPair pair = new TaskPair(Classes.parse(tasks[0], key), Classes.parse(tasks[1], key));
      if (pairs.contains(pair)) {
        throw new InvalidInputException(key + "=" + text + ": pair " + pair.label() + " is listed twice");
      }
      pairs.add(pair);
    }
    return List.copyOf(pairs);
  }
}
