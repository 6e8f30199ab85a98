package org.pathnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pathnet.spark.SparkJobDescriptions;
import org.pathnet.spark.SparkRounds;

/**
 * A study tells its story in the Spark UI and the history server: read back from Spark's own event log
 * ({@code spark.eventLog.enabled=true}), every job of the study is in the study's job group, and each round's jobs
 * are described by their round, in order; those that start before the round does say so.
 */
class SparkJobDescriptionsTest {
  private static final Pattern ROUND = Pattern.compile("pathnet round (\\d+)(.*)");

  @Test
  void theEventLogShowsEveryJobInTheStudysGroupAndEachRoundByNumber(@TempDir Path dir) throws IOException {
    Path events = Files.createDirectories(dir.resolve("events"));
    String directory = PathnetJob.run(new String[] {"--out", dir.resolve("study").toString()}, new SparkConf()
        .setMaster("local[2]")
        .set("spark.pathnet.seeds", "1")
        .set("spark.pathnet.T", "5")
        .set("spark.pathnet.maxGenerations", "3")
        .set("spark.pathnet.stopWhenSolved", "false")
        .set("spark.ui.enabled", "false")
        .set("spark.eventLog.enabled", "true")
        .set("spark.eventLog.dir", events.toUri().toString()));

    List<JsonNode> jobs = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> logs = Files.list(events)) {
      for (Path log : logs.toList()) {
        for (String line : Files.readAllLines(log)) {
          JsonNode event = json.readTree(line);
          if ("SparkListenerJobStart".equals(event.path("Event").asText())) {
            jobs.add(event.path("Properties"));
          }
        }
      }
    }
    assertTrue(jobs.size() > 6, "a job per round, then the tables: " + jobs.size());
    List<Integer> rounds = new ArrayList<>();
    int early = 0;
    for (JsonNode job : jobs) {
      assertEquals(SparkJobDescriptions.group(directory), job.path("spark.jobGroup.id").asText());
      String description = job.path("spark.job.description").asText();
      Matcher m = ROUND.matcher(description);
      if (m.lookingAt()) {
        int round = Integer.parseInt(m.group(1));
        if (m.group(2).startsWith(",")) {
          assertEquals(", early: submitted while round " + (round - 1) + " plays", m.group(2));
          early++;
        } else {
          assertTrue(m.group(2).contains("active runs {"), description);
        }
        if (rounds.isEmpty() || rounds.get(rounds.size() - 1) != round) {
          rounds.add(round);
        }
      }
    }
    // task A then task B of pathnet and finetune, 3 generations each: 6 rounds of one generation, a job each, every
    // one after the first submitted while a round before plays; so may be the rounds ahead of the last, which have
    // no run left to play
    assertEquals(List.of(1, 2, 3, 4, 5, 6), rounds.subList(0, Math.min(6, rounds.size())));
    assertTrue(rounds.size() <= 6 + SparkRounds.ROUNDS_AHEAD, "rounds: " + rounds);
    assertTrue(early >= 5, "jobs started early: " + early);
  }
}
