package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.data.MnistDirectory;
import org.pathnet.fixtures.CiPrerequisite;
import org.pathnet.rundir.RunDirectory;
import org.pathnet.spark.ResultTables;

/**
 * Full-size data: Fashion-MNIST as Debian's dataset-fashion-mnist installs it (60,000 + 10,000 images, the
 * four MNIST-named IDX files) runs through the same reader and the real job with any two classes. Skipped with
 * a message when the files are absent, except under CI=true, where their absence is a failure.
 */
class FashionMnistIT {
  private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
  private static final List<String> FILES = List.of(MnistDirectory.TRAIN_IMAGES, MnistDirectory.TRAIN_LABELS,
      MnistDirectory.TEST_IMAGES, MnistDirectory.TEST_LABELS);

  @RegisterExtension
  static final CiPrerequisite DATASET = CiPrerequisite.of("Fashion-MNIST under " + DATA, FILES.stream()
      .allMatch(f -> Files.isRegularFile(DATA.resolve(f + ".gz")) || Files.isRegularFile(DATA.resolve(f))),
      "dataset-fashion-mnist");

  @Test
  void aShortStudyOnTshirtsTrousersSandalsAndSneakersLearnsAndRecordsTheData(@TempDir Path work) throws Exception {
    // Task A: T-shirt/top (0) vs trouser (1); task B: sandal (5) vs sneaker (7).
    SparkConf conf = new SparkConf().setMaster("local[2]")
        .set("spark.pathnet.data", DATA.toString())
        .set("spark.pathnet.taskA", "0,1")
        .set("spark.pathnet.taskB", "5,7")
        .set("spark.pathnet.arms", "pathnet,denovo")
        .set("spark.pathnet.seeds", "2")
        .set("spark.pathnet.T", "10")
        .set("spark.pathnet.maxGenerations", "3")
        .set("spark.pathnet.stopWhenSolved", "false") // task B runs even when A is not solved in 3 generations
        .set("spark.ui.enabled", "false");
    String run = PathnetJob.run(new String[] {"--out", work.resolve("run").toString()}, conf);

    String manifest = Files.readString(work.resolve("run").resolve("manifest.json"));
    assertTrue(manifest.contains("\"status\" : \"complete\""), manifest);
    Path trainImages = DATA.resolve(MnistDirectory.TRAIN_IMAGES + ".gz");
    assertTrue(manifest.contains(sha256(trainImages)), "records the SHA-256 of " + trainImages);
    assertTrue(Files.isRegularFile(work.resolve("run").resolve("report").resolve("report.html")));

    SparkSession spark = SparkSession.builder().master("local[1]").config("spark.ui.enabled", "false").getOrCreate();
    try {
      Dataset<Row> runs = spark.read().parquet(run + "/" + RunDirectory.RUNS);
      assertEquals(List.of("0,1", "5,7"), runs.select("classes").distinct().orderBy("classes").collectAsList()
          .stream().map(r -> r.getString(0)).toList());
      // A fixed path trained for 3 x 2T minibatch steps separates trousers from T-shirts and sandals from sneakers
      // far better than chance on the 2,000 held-out images of each task.
      double accuracy = runs.agg(org.apache.spark.sql.functions.avg("testAccuracy")).first().getDouble(0);
      assertTrue(accuracy > 0.7, "mean held-out accuracy " + accuracy);
      assertEquals(2 * 3, runs.count(), "2 seeds x (pathnet A + B, denovo B)");
    } finally {
      spark.stop();
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
