package org.pathnet.data;

/**
 * One split of a data set (train or test): images with their digit labels, index for index,
 * in file order. Immutable.
 */
public final class LabelledImages {
  private final ImageSet images;
  private final byte[] labels;
  private final String labelsFile;

  /**
   * Takes ownership of {@code labels}; the caller has checked there is one per image and each
   * is a digit 0..9.
   */
  LabelledImages(ImageSet images, byte[] labels, String labelsFile) {
    this.images = images;
    this.labels = labels;
    this.labelsFile = labelsFile;
  }

  /** The images, in file order. */
  public ImageSet images() {
    return images;
  }

  /** Number of examples. */
  public int count() {
    return labels.length;
  }

  /** The digit (0..9) of example {@code i}. */
  public int label(int i) {
    return labels[i];
  }

  /** Whether at least one example has digit {@code c}. */
  public boolean hasClass(int c) {
    return countOf(c) > 0;
  }

  /** Number of examples of digit {@code c}. */
  public int countOf(int c) {
    int n = 0;
    for (byte label : labels) {
      if (label == c) {
        n++;
      }
    }
    return n;
  }

  /** Path of the label file this split came from, for messages about its contents. */
  public String labelsFile() {
    return labelsFile;
  }
}
