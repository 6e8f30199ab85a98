package org.pathnet.experiment;

import java.util.List;
import org.pathnet.network.ParameterSlice;

/**
 * Plays a generation's contests, wherever that happens: in this process ({@link LocalContestRunner}) or as
 * one Spark job (the spark package). {@code starts.get(i)} is the parameters contest i starts from; the
 * outcomes may come back in any order, and are matched to their runs by {@link ContestOutcome#runIndex()}.
 */
public interface ContestRunner {
  List<ContestOutcome> play(List<Contest> contests, List<ParameterSlice> starts);
}
