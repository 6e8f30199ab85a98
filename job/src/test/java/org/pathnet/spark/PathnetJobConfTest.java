package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class PathnetJobConfTest {
  @Test
  void localMastersNeitherCompressNorChecksumBroadcasts() {
    for (String master : new String[] {"local", "local[2]", "local[*]", "local[4,3]"}) {
      SparkConf conf = PathnetJobConf.withDefaults(new SparkConf(false).setMaster(master));
      assertEquals("false", conf.get("spark.broadcast.compress"), master);
      assertEquals("false", conf.get("spark.broadcast.checksum"), master);
    }
  }

  @Test
  void theDefaultMasterIsLocalAndGetsTheLocalSettings() {
    SparkConf conf = PathnetJobConf.withDefaults(new SparkConf(false));
    assertEquals("local[*]", conf.get("spark.master"));
    assertEquals("false", conf.get("spark.broadcast.compress"));
  }

  @Test
  void mastersWithExecutorsElsewhereKeepSparksBroadcastDefaults() {
    for (String master : new String[] {"local-cluster[2,1,1024]", "spark://127.0.0.1:7077", "yarn"}) {
      SparkConf conf = PathnetJobConf.withDefaults(new SparkConf(false).setMaster(master));
      assertFalse(conf.contains("spark.broadcast.compress"), master);
      assertFalse(conf.contains("spark.broadcast.checksum"), master);
    }
  }

  @Test
  void theUsersBroadcastSettingsWin() {
    SparkConf conf = PathnetJobConf.withDefaults(new SparkConf(false).setMaster("local[2]")
        .set("spark.broadcast.compress", "true"));
    assertEquals("true", conf.get("spark.broadcast.compress"));
    assertEquals("false", conf.get("spark.broadcast.checksum"));
  }

  @Test
  void recognisesOnlyLocalMasterUrlsAsLocal() {
    assertTrue(PathnetJobConf.isLocal("local[8]"));
    assertFalse(PathnetJobConf.isLocal("local-cluster[2,1,1024]"));
    assertFalse(PathnetJobConf.isLocal("locally"));
  }
}
