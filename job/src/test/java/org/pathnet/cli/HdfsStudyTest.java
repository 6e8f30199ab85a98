package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.experiment.Settings;
import org.pathnet.fixtures.StoppedStudy;
import org.pathnet.fixtures.StudyTables;
import org.pathnet.rundir.RunDirectory;

/**
 * The job on HDFS: a real in-process HDFS (a MiniDFSCluster on 127.0.0.1) holds the IDX files and receives the run
 * directory, its checkpoints' shard files written there by executors every round, and the tables equal those of the
 * same study on local files; so do those of a study resumed there, its shard files read back by executors.
 */
class HdfsStudyTest {
  @TempDir
  Path dir;

  private static Map<String, String> settings(String data) {
    return Map.of("seeds", "2", "arms", "pathnet,denovo", "T", "5", "maxGenerations", "3", "stopWhenSolved", "false",
        "data", data);
  }

  private static SparkConf study(Map<String, String> settings) {
    SparkConf conf = new SparkConf().setMaster("local[2]").set("spark.ui.enabled", "false");
    settings.forEach((key, value) -> conf.set(Settings.PREFIX + key, value));
    return conf;
  }

  @Test
  void aStudyReadsItsDataFromHdfsAndWritesItsRunDirectoryThereWithTheTablesOfALocalRun() throws Exception {
    Configuration hadoop = new Configuration();
    hadoop.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
    hadoop.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(hadoop).nameNodePort(0).numDataNodes(1).build();
    try {
      String root = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
      FileSystem fs = hdfs.getFileSystem();
      Path embedded = Path.of(System.getProperty(Settings.HOME_PROPERTY), "data");
      fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(embedded.toUri()),
          new org.apache.hadoop.fs.Path(root + "/mnist"));

      String onHdfs = PathnetJob.run(new String[] {"--out", root + "/runs/study"},
          study(settings(root + "/mnist")).set(Settings.PREFIX + "checkpointEvery", "1"));
      String onLocal = PathnetJob.run(new String[] {"--out", dir.resolve("local").toString()},
          study(settings(embedded.toString())));
      StoppedStudy.afterFirstCheckpoint(root + "/runs/stopped", settings(root + "/mnist"), hadoop);
      String resumed = PathnetJob.run(new String[] {"--resume", root + "/runs/stopped"}, study(Map.of()));

      assertEquals(root + "/runs/study", onHdfs);
      assertTrue(RunDirectory.isComplete(onHdfs, hadoop));
      try (InputStream in = fs.open(new org.apache.hadoop.fs.Path(onHdfs, RunDirectory.MANIFEST))) {
        String manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(manifest.contains(root + "/mnist") && manifest.contains(
            "ff2324400dd979a44363d0945fd829282efe947ced1c005aad3fe97029bf04c5"), "read the embedded files from HDFS");
      }
      StudyTables.assertEqualStudies(onLocal, onHdfs);
      StudyTables.assertEqualStudies(onLocal, resumed);
    } finally {
      hdfs.shutdown();
    }
  }
}
