package org.pathnet.experiment;

import static org.pathnet.experiment.SettingKey.DATA;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.pathnet.data.BinaryTask;
import org.pathnet.data.MnistData;
import org.pathnet.data.MnistDirectory;

/**
 * The binary tasks of a study, read once from the data directory: one {@link BinaryTask} per distinct pair
 * of classes among the study's task pairs, keyed by {@code a,b}.
 */
public final class StudyData extends BinaryTaskData {
  private final MnistData source;
  private final Map<String, BinaryTask> tasks;

  private StudyData(MnistData source, Map<String, BinaryTask> tasks) {
    this.source = source;
    this.tasks = tasks;
  }

  /** Reads {@code settings.data()} and builds every task the settings' pairs name. */
  public static StudyData load(Settings settings, Configuration hadoop) {
    MnistData source = MnistDirectory.read(settings.text(DATA), hadoop);
    Map<String, BinaryTask> tasks = new LinkedHashMap<>();
    for (TaskPair pair : settings.pairs()) {
      for (Task task : Task.values()) {
        TaskPair.Classes c = pair.classes(task);
        tasks.computeIfAbsent(c.toString(), k -> BinaryTask.of(source, c.first(), c.second()));
      }
    }
    return new StudyData(source, Map.copyOf(tasks));
  }

  @Override
  protected BinaryTask find(String classes) {
    return tasks.get(classes);
  }

  /** Every task, keyed by its classes. */
  public Map<String, BinaryTask> tasks() {
    return tasks;
  }

  /** The pixels per image (784 for MNIST). */
  public int inputSize() {
    return tasks.values().iterator().next().inputSize();
  }

  /** SHA-256 of each data file, by name, for the run's manifest. */
  public Map<String, String> checksums() {
    return source.checksums();
  }
}
