package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pathnet.experiment.Round;
import org.pathnet.experiment.Study;

/** A progress line stays readable on a terminal whatever the study's size, and its bound is worked by hand. */
class ProgressPrinterTest {
  @Test
  void aLargeStudysLineFitsIn160CharactersAndBoundsTheTimeLeft() {
    ProgressPrinter printer = new ProgressPrinter(new PrintStream(OutputStream.nullOutputStream()), 400_000, 2);
    // 1,999 generations left at most for the longest run, 2 per round: 1,000 rounds of at most 1.5 s = 25 min
    Map<String, Integer> active = Map.of("pathnet", 100_000, "scratch", 99_999, "denovo", 100_000, "finetune",
        100_000);
    Round.Work work = new Round.Work(0.99875, 1_500_000_000L, 0, 399_999, 0);
    Round.Progress progress = new Round.Progress(131_346, 600_000, 123_456, 7_890, 1_999);
    Round round = new Round(12_345, active, work, progress);
    String line = printer.line(round, 45_296.0, 12_300_000_000L);
    assertEquals("round 12345 | active 399,999/400,000 | tasks 131,346/600,000: 123,456 solved, 7,890 censored"
        + " | best 0.9988 | 0 run-gen/s | RSS 12.3 GB | 12.6 h, <= 25 min left", line);
    assertTrue(line.length() <= 160, line.length() + " characters");
  }
}
