package org.pathnet.data;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated MNIST-format data set as read by {@link MnistDirectory}: the train and test splits,
 * where they came from, and the SHA-256 of each file for provenance. Immutable.
 */
public final class MnistData {
  private final String directory;
  private final LabelledImages train;
  private final LabelledImages test;
  private final Map<String, String> checksums;

  MnistData(String directory, LabelledImages train, LabelledImages test, Map<String, String> checksums) {
    this.directory = directory;
    this.train = train;
    this.test = test;
    this.checksums = Collections.unmodifiableMap(new TreeMap<>(checksums));
  }

  /** The split read from the train-* files. */
  public LabelledImages train() {
    return train;
  }

  /** The held-out split read from the t10k-* files. */
  public LabelledImages test() {
    return test;
  }

  /** File name (as stored, e.g. with ".gz") to lower-case hex SHA-256 of its bytes, sorted by name. */
  public Map<String, String> checksums() {
    return checksums;
  }

  /** The directory URI or path the data was read from, as the user gave it. */
  public String directory() {
    return directory;
  }
}
