package org.pathnet.experiment;

import java.io.Serializable;

/**
 * One row of the {@code generations} table (docs/PATHNET.md, "The result tables"): a run's generation on a task,
 * in one variant of the study's settings.
 * {@code loserFitness} is null for fixed-path arms; {@code trainMillis} is the CPU time of the training inside the
 * Spark task (a {@code *Millis} column, so never part of equality between studies).
 */
public record GenerationRecord(String variant, String pair, int seed, String arm, String task, int generation, double winnerFitness,
    Double loserFitness, int[][] winnerPath, double trainMillis) implements Serializable {}
