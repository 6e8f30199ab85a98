package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The driver's heap follows the study's runs: about 1.3 x their state above a fixed 1 GB. */
class DriverMemoryTest {
  private static final String CONF = "../conf/pathnet.conf";

  @Test
  void aThousandSeedsOfFourArmsGetWhatTheirRunsHoldWithHeadroom() {
    // a PathNet run: 10 x (784 x 20 + 20) + 20 x (20 x 20 + 20) + 2 heads x 42 = 165,484 floats, x 3 with Adam's
    // moments, x 4 bytes = 1,985,808 B; a fixed-path run keeps 3 + 6 modules: 49,704 floats, 596,448 B.
    // 1,000 x 2 of each: 5,164,512,000 B = 4,925.3 MB; x 1.3 = 6,402.9, rounded up; plus 1,024 MB.
    long mb = DriverMemory.megabytes(new String[] {"--properties-file", CONF, "--conf", "spark.pathnet.seeds=1000"});
    assertEquals(7_427, mb);
  }

  @Test
  void theDefaultStudyGetsLittleMoreThanTheBase() {
    long mb = DriverMemory.megabytes(new String[] {"--properties-file", CONF});
    assertTrue(mb > 1024 && mb < 1100, mb + " MB");
  }

  @Test
  void settingsTheJobWillRefuseGetTheBaseAndTheJobSaysWhy() {
    assertEquals(1024, DriverMemory.megabytes(new String[] {"--conf", "spark.pathnet.generationsPerTask=2"}));
    assertEquals(1024, DriverMemory.megabytes(new String[] {"--properties-file", "/no/such/file"}));
  }
}
