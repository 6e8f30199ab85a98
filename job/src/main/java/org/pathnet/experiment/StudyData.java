package org.pathnet.experiment;

import static org.pathnet.experiment.SettingKey.DATA;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.pathnet.data.BinaryDataset;
import org.pathnet.data.MnistData;
import org.pathnet.data.MnistDirectory;

/**
 * The datasets of a study, read once from the data directory: one {@link BinaryDataset} per distinct pair of
 * classes among the tasks of the study's task pairs, keyed by {@code a,b}.
 */
public final class StudyData extends BinaryDatasets {
  private final MnistData source;
  private final Map<String, BinaryDataset> datasets;

  private StudyData(MnistData source, Map<String, BinaryDataset> datasets) {
    this.source = source;
    this.datasets = datasets;
  }

  /** Reads the {@code data} directory and builds the dataset of every task the settings' pairs name. */
  public static StudyData load(Settings settings, Configuration hadoop) {
    MnistData source = MnistDirectory.read(settings.text(DATA), hadoop);
    Map<String, BinaryDataset> datasets = new LinkedHashMap<>();
    for (TaskPair pair : settings.pairs()) {
      for (Task task : Task.values()) {
        TaskPair.Classes c = pair.classes(task);
        datasets.computeIfAbsent(c.toString(), k -> BinaryDataset.of(source, c.first(), c.second()));
      }
    }
    return new StudyData(source, Map.copyOf(datasets));
  }

  @Override
  protected BinaryDataset find(String classes) {
    return datasets.get(classes);
  }

  /** Every dataset, keyed by its classes. */
  public Map<String, BinaryDataset> datasets() {
    return datasets;
  }

  /** The pixels per image (784 for MNIST). */
  public int inputSize() {
    return datasets.values().iterator().next().inputSize();
  }

  /** SHA-256 of each data file, by name, for the run's manifest. */
  public Map<String, String> checksums() {
    return source.checksums();
  }
}
