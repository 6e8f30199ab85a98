package org.pathnet.data;

import java.util.Objects;

/**
 * The images of one IDX image file: {@code count} greyscale images of {@code rows x cols}
 * unsigned-byte pixels, stored row-major, image after image, exactly as in the file.
 * Immutable; pixels are handed out one at a time as ints in 0..255.
 */
public final class ImageSet {
  private final int count;
  private final int rows;
  private final int cols;
  private final byte[] pixels;

  /** Takes ownership of {@code pixels}, which must hold exactly {@code count * rows * cols} bytes. */
  ImageSet(int count, int rows, int cols, byte[] pixels) {
    if ((long) count * rows * cols != pixels.length) {
      throw new IllegalArgumentException(count + " images of " + rows + "x" + cols
          + " need " + (long) count * rows * cols + " bytes, got " + pixels.length);
    }
    this.count = count;
    this.rows = rows;
    this.cols = cols;
    this.pixels = pixels;
  }

  /** Number of images. */
  public int count() {
    return count;
  }

  /** Height of every image in pixels. */
  public int rows() {
    return rows;
  }

  /** Width of every image in pixels. */
  public int cols() {
    return cols;
  }

  /** Pixels per image, {@code rows() * cols()}. */
  public int imageSize() {
    return rows * cols;
  }

  /**
   * The unsigned value (0..255) of one pixel.
   *
   * @param image index of the image, 0-based, in file order
   * @param offset row-major offset of the pixel in the image, {@code row * cols() + col}
   */
  public int pixel(int image, int offset) {
    Objects.checkIndex(image, count);
    Objects.checkIndex(offset, imageSize());
    return pixels[image * imageSize() + offset] & 0xff;
  }
}
