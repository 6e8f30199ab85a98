package org.pathnet.experiment;

import java.io.Serializable;

/**
 * One row of the {@code runs} table (docs/PATHNET.md, "The result tables"): how a run of one variant did on one
 * task.
 * {@code generations} is the 1-based generation that solved the task, or null when censored;
 * {@code overlap} is set for {@code pathnet} task B only; {@code path} is the task's optimal path (the winner
 * of its last generation) and {@code testAccuracy} that path's accuracy on the held-out split.
 */
public record TaskOutcome(String variant, String pair, int seed, String arm, String task, String classes, boolean solved,
    Integer generations, Integer overlap, double testAccuracy, int[][] path) implements Serializable {}
