package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.apache.hadoop.conf.Configuration;
import org.pathnet.experiment.GenerationLog;
import org.pathnet.experiment.GenerationRecord;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.experiment.Variant;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.rundir.RunDirectory;

/**
 * The generations table, built in Spark tasks from the row files the study's log wrote, is written as one Parquet
 * file in key order, every row and path as logged, through the job's real Spark configuration.
 */
class ResultTablesTest {
  @Test
  void theGenerationsTableIsBuiltFromTheRowFilesAsOneFileInKeyOrderAndReadsBackEqual(@TempDir Path dir) throws IOException {
    List<GenerationRecord> rows = new ArrayList<>();
    // 3 seeds x 2 arms x 1,000 generations, given in round order (generation first) as a study produces them
    for (int g = 1; g <= 1000; g++) {
      for (int seed = 0; seed < 3; seed++) {
        for (String arm : List.of("scratch", "pathnet")) {
          rows.add(new GenerationRecord(Variant.BASE_LABEL, "5,6->6,7", seed, arm, "A", g, g / 1000.0, null,
              new int[][] {{seed, g % 10, 1}, {2, 3, 4}, {5, 6, g % 7}}, 1.5));
        }
      }
    }
    SparkSession spark = SparkSession.builder().config(PathnetJobConf.withDefaults(new SparkConf()
        .setMaster("local[2]").set("spark.ui.enabled", "false"))).getOrCreate();
    try {
      RunDirectory directory = RunDirectory.claim(dir.toUri().toString(), true, new Configuration());
      GenerationLog log = GenerationLog.writingTo(directory.generationRows(),
          StudyRuns.of(StudyFixtures.settings(), 28 * 28).architectures());
      log.add(rows);
      ResultTables.write(ResultTables.generations(spark, log.finish()), dir.toUri().toString(),
          RunDirectory.GENERATIONS, "variant", "pair", "seed", "arm", "task", "generation");
      directory.release();
      try (Stream<Path> files = Files.list(dir.resolve(RunDirectory.GENERATIONS))) {
        assertEquals(1, files.filter(f -> f.toString().endsWith(".parquet")).count());
      }
      List<GenerationRecord> read = ResultTables.readGenerations(spark, dir.toUri().toString());
      List<GenerationRecord> expected = new ArrayList<>(rows);
      expected.sort(Comparator.comparing(GenerationRecord::pair).thenComparing(GenerationRecord::seed)
          .thenComparing(GenerationRecord::arm).thenComparing(GenerationRecord::task)
          .thenComparing(GenerationRecord::generation));
      assertEquals(expected.size(), read.size());
      for (int i = 0; i < expected.size(); i++) {
        GenerationRecord e = expected.get(i);
        GenerationRecord r = read.get(i);
        assertEquals(List.of(e.pair(), e.seed(), e.arm(), e.task(), e.generation(), e.winnerFitness()),
            List.of(r.pair(), r.seed(), r.arm(), r.task(), r.generation(), r.winnerFitness()), "row " + i);
        assertEquals(null, r.loserFitness());
        for (int l = 0; l < 3; l++) {
          assertArrayEquals(e.winnerPath()[l], r.winnerPath()[l], "row " + i + " layer " + l);
        }
      }

      // the same table as written before studies had variants: no variant column, read as the one variant base
      String old = dir.resolve("old").toUri().toString();
      spark.read().parquet(dir.toUri() + "/" + RunDirectory.GENERATIONS).drop("variant").write()
          .parquet(old + "/" + RunDirectory.GENERATIONS);
      List<GenerationRecord> before = ResultTables.readGenerations(spark, old);
      assertEquals(read.size(), before.size());
      assertEquals(Set.of(Variant.BASE_LABEL), before.stream().map(GenerationRecord::variant).collect(
          Collectors.toSet()));
      assertEquals(read.get(7).winnerFitness(), before.get(7).winnerFitness());
    } finally {
      spark.stop();
    }
  }
}
