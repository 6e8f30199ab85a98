package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * The same settings and seed give equal tables (the summary's bootstrap intervals too) whatever the executors,
 * partitioning and generations per task: the real job, with two variants, in local[1] with one partition, in
 * local[2] with three, and in local[2] evolving each run 4 generations per Spark task (whole runs then cross Kryo
 * both ways).
 */
class DeterminismTest {
  private static SparkConf conf(String master, int partitions) {
    return new SparkConf().setMaster(master)
        .set("spark.pathnet.seeds", "2")
        .set("spark.pathnet.variants", "learningRate=0.001,0.01")
        .set("spark.pathnet.T", "10")
        .set("spark.pathnet.maxGenerations", "6")
        .set("spark.pathnet.stopWhenSolved", "false")
        .set("spark.pathnet.partitions", Integer.toString(partitions))
        .set("spark.ui.enabled", "false");
  }

  @Test
  void executorsPartitionsAndGenerationsPerRoundDoNotChangeTheTables(@TempDir Path dir) {
    String one = PathnetJob.run(new String[] {"--out", dir.resolve("one").toString()}, conf("local[1]", 1));
    String two = PathnetJob.run(new String[] {"--out", dir.resolve("two").toString()}, conf("local[2]", 3));
    String blocks = PathnetJob.run(new String[] {"--out", dir.resolve("blocks").toString()},
        conf("local[2]", 3).set("spark.pathnet.generationsPerRound", "4"));
    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      for (String table : List.of(RunDirectory.RUNS, RunDirectory.GENERATIONS, RunDirectory.SUMMARY)) {
        List<String> a = StudyTables.comparable(spark, one, table);
        List<String> b = StudyTables.comparable(spark, two, table);
        assertFalse(a.isEmpty(), table + " has rows");
        assertEquals(a, b, table + " equal in local[1]/1 partition and local[2]/3 partitions");
        assertEquals(a, StudyTables.comparable(spark, blocks, table), table + " equal with 4 generations per task");
      }
      // 2 variants x 2 seeds x (pathnet A+B, scratch B, denovo B, finetune A+B) x 6 generations
      assertEquals(2 * 2 * 6 * 6, StudyTables.comparable(spark, one, RunDirectory.GENERATIONS).size());
      assertEquals(2 * 2 * 6, StudyTables.comparable(spark, one, RunDirectory.RUNS).size());
      // one summary row per variant, arm and task, bootstrap intervals included in the equality above
      assertEquals(2 * 6, StudyTables.comparable(spark, one, RunDirectory.SUMMARY).size());
    } finally {
      spark.stop();
    }
  }
}
