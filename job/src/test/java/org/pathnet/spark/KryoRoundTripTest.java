package org.pathnet.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.pathnet.evolution.Tournament;
import org.pathnet.experiment.ContestOutcome;
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
    ModuleStore store = ModuleStore.initialised(arch, Optimizer.named("adam", 0.01), DataType.FLOAT,
        id -> new SplittableRandom(id));
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
      assertEquals(original.moduleAt(i).params(), copy.moduleAt(i).params());
      assertEquals(original.moduleAt(i).state(), copy.moduleAt(i).state());
    }
    assertEquals(original.head().params(), copy.head().params());
    assertEquals(original.step(), copy.step());
  }

  @Test
  void aBlockWithoutOptimiserStateOrInDoublePrecisionSurvivesKryo() {
    ParameterBlock sgd = new ParameterBlock(Nd4j.linspace(DataType.FLOAT, 1, 5, 1).reshape(1, 5), null);
    ParameterBlock copy = roundTrip(sgd);
    assertEquals(sgd.params(), copy.params());
    assertNull(copy.state());
    ParameterBlock precise = new ParameterBlock(Nd4j.linspace(DataType.DOUBLE, 0.1, 0.5, 5).reshape(1, 5),
        Nd4j.linspace(DataType.DOUBLE, 1, 10, 10).reshape(1, 10));
    copy = roundTrip(precise);
    assertEquals(DataType.DOUBLE, copy.params().dataType());
    assertEquals(precise.params(), copy.params());
    assertEquals(precise.state(), copy.state());
  }

  @Test
  void aContestOutcomeSurvivesKryo() {
    ContestOutcome original = new ContestOutcome(7, new Tournament.Result(0.5, 0.75, slice()), 1234);
    ContestOutcome copy = roundTrip(original);
    assertEquals(7, copy.runIndex());
    assertEquals(0.5, copy.result().firstFitness());
    assertEquals(0.75, copy.result().secondFitness());
    assertEquals(original.result().winnerParameters().head().params(),
        copy.result().winnerParameters().head().params());
  }
}
