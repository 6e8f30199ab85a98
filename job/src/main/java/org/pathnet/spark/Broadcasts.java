package org.pathnet.spark;

import java.util.Collection;
import org.apache.spark.broadcast.Broadcast;

/** Ending a round's broadcasts. */
final class Broadcasts {
  private Broadcasts() {}

  /**
   * Destroys {@code broadcasts} and waits until their blocks are gone. {@link Broadcast#destroy()} only asks for
   * the removal: a later broadcast that needs storage memory can then evict a block that is still there, and
   * evicting serializes its value, which by then may hold parameter blocks the study has released (a crash seen
   * in the benchmark when runs were broadcast as objects: "You can't use DataBuffer once it was released").
   */
  static void destroyNow(Collection<? extends Broadcast<?>> broadcasts) {
    // destroy(boolean) is private[spark] in Scala, public to Java; the blocking form exists for this purpose
    broadcasts.forEach(b -> b.destroy(true));
  }
}
