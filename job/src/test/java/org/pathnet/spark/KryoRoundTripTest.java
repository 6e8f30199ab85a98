package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.pathnet.evolution.Tournament;
import org.pathnet.experiment.ContestOutcome;
import org.pathnet.experiment.InProcessRounds;
import org.pathnet.experiment.Rounds;
import org.pathnet.experiment.Run;
import org.pathnet.experiment.Scores;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.Study;
import org.pathnet.experiment.StudyData;
import org.pathnet.experiment.StudyRuns;
import org.pathnet.fixtures.StudyFixtures;
import org.pathnet.network.Aggregation;
import org.pathnet.network.Architecture;
import org.pathnet.network.ModuleStore;
import org.pathnet.network.Optimizer;
import org.pathnet.network.ParameterBlock;
import org.pathnet.network.ParameterSlice;
import org.pathnet.network.Pathway;
import scala.reflect.ClassTag$;

/**
 * What crosses Spark's wire, through the job's real Kryo configuration. Local mode never deserializes
 * broadcasts, so without this a cluster would be the first to find a class Kryo cannot rebuild.
 */
class KryoRoundTripTest {
  private static final SerializerInstance KRYO =
      new KryoSerializer(PathnetJobConf.kryo(new SparkConf())).newInstance();

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) {
    ByteBuffer bytes = KRYO.serialize(value, ClassTag$.MODULE$.AnyRef());
    return (T) KRYO.deserialize(bytes, ClassTag$.MODULE$.AnyRef());
  }

  private static ParameterSlice slice() {
    Architecture arch = new Architecture(2, 4, 2, 6, 3, Aggregation.SUM);
    ModuleStore store = ModuleStore.initialised(arch, Optimizer.named("adam", 0.01), id -> new SplittableRandom(id));
    store.startTask("A", new SplittableRandom(1));
    Pathway path = Pathway.of(new int[][] {{0, 1}, {2, 3}});
    store.freeze(Pathway.of(new int[][] {{0, 0}, {3, 3}}));
    return store.slice("A", List.of(path));
  }

  @Test
  void aParameterSliceSurvivesKryo() {
    ParameterSlice original = slice();
    ParameterSlice copy = roundTrip(original);
    assertEquals(original.size(), copy.size());
    for (int i = 0; i < original.size(); i++) {
      assertEquals(original.moduleId(i), copy.moduleId(i));
      assertEquals(original.frozenAt(i), copy.frozenAt(i));
      assertArrayEquals(original.moduleAt(i).params(), copy.moduleAt(i).params());
      assertArrayEquals(original.moduleAt(i).state(), copy.moduleAt(i).state());
    }
    assertArrayEquals(original.head().params(), copy.head().params());
    assertEquals(original.step(), copy.step());
  }

  @Test
  void aBlockWithoutOptimiserStateSurvivesKryo() {
    ParameterBlock sgd = new ParameterBlock(new float[] {1, 2, 3, 4, 5}, new float[0]);
    ParameterBlock copy = roundTrip(sgd);
    assertArrayEquals(sgd.params(), copy.params());
    assertEquals(0, copy.state().length);
  }

  @Test
  void aContestOutcomeSurvivesKryo() {
    ContestOutcome original = new ContestOutcome(7, new Tournament.Result(0.5, 0.75, slice()), 1234);
    ContestOutcome copy = roundTrip(original);
    assertEquals(7, copy.runIndex());
    assertEquals(0.5, copy.result().firstFitness());
    assertEquals(0.75, copy.result().secondFitness());
    assertArrayEquals(original.result().winnerParameters().head().params(),
        copy.result().winnerParameters().head().params());
  }

  /**
   * A new study's runs are started in the executors from what a cluster broadcasts with Kryo: runs started from the
   * copy play the rows of runs started from the original.
   */
  @Test
  void whatANewStudysRunsAreStartedFromSurvivesKryo() {
    Settings settings = StudyFixtures.settings("seeds", "1", "variants", "learningRate=0.001,0.01",
        "maxGenerations", "2", "stopWhenSolved", "false");
    StudyData data = StudyFixtures.data(settings);
    InProcessRounds inProcess = new InProcessRounds(data, 1);
    Rounds fromACopy = new Rounds() {
      @Override
      public void host(StudyRuns runs) {
        inProcess.host(roundTrip(runs));
      }

      @Override
      public long advance(int round, List<Run> runs, Consumer<Scores> done) {
        return inProcess.advance(round, runs, done);
      }
    };
    Study.Results copied = new Study(settings, data).run(fromACopy, round -> { });
    Study.Results original = new Study(settings, data).run(new InProcessRounds(data, 1), round -> { });
    assertEquals(StudyFixtures.generationRows(original), StudyFixtures.generationRows(copied));
    assertEquals(StudyFixtures.runRows(original), StudyFixtures.runRows(copied));
  }
}
