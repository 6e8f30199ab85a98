package org.pathnet.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The geometry of PathNet's L x M module grid as the report draws it (the paper's figure): one row per layer,
 * layer 1 (the input side) at the bottom, modules 0 .. M-1 from left to right, each module a box. Panels of
 * this grid sit side by side in one image.
 */
final class ModuleGrid {
  static final int CELL_WIDTH = 30;
  static final int CELL_HEIGHT = 22;
  private static final int GAP_X = 6;
  private static final int LEFT = 58;
  private static final int TOP = 42;
  private static final int BOTTOM = 30;
  private static final int RIGHT = 16;

  private final int layers;
  private final int modules;
  private final int gapY;

  /** {@code gapY}: room between layers (more when paths are drawn between them). */
  ModuleGrid(int layers, int modules, int gapY) {
    this.layers = layers;
    this.modules = modules;
    this.gapY = gapY;
  }

  int panelWidth() {
    return LEFT + modules * (CELL_WIDTH + GAP_X) + RIGHT;
  }

  int panelHeight() {
    return TOP + layers * CELL_HEIGHT + (layers - 1) * gapY + BOTTOM;
  }

  /** Left edge of module {@code m}'s box within a panel at {@code x0}. */
  int x(int x0, int m) {
    return x0 + LEFT + m * (CELL_WIDTH + GAP_X);
  }

  /** Top edge of layer {@code l}'s boxes (0-based, drawn bottom-up) within a panel at {@code y0}. */
  int y(int y0, int l) {
    return y0 + TOP + (layers - 1 - l) * (CELL_HEIGHT + gapY);
  }

  /** Draws the panel's title, layer names and module numbers. */
  void drawFrame(Graphics2D g, int x0, int y0, String title) {
    g.setColor(Palette.INK);
    g.setFont(Palette.LABEL.deriveFont(java.awt.Font.BOLD));
    g.drawString(title, x0 + 8, y0 + 22);
    g.setFont(Palette.SMALL);
    for (int l = 0; l < layers; l++) {
      g.drawString("layer " + (l + 1), x0 + 8, y(y0, l) + CELL_HEIGHT - 6);
    }
    for (int m = 0; m < modules; m++) {
      String label = Integer.toString(m);
      int w = g.getFontMetrics().stringWidth(label);
      g.drawString(label, x(x0, m) + (CELL_WIDTH - w) / 2, y(y0, 0) + CELL_HEIGHT + 16);
    }
  }

  /**
   * A white image for {@code columns} x {@code rows} panels, {@code extra} pixels below them, and at least
   * {@code minWidth} wide (room for a legend under a single panel).
   */
  BufferedImage canvas(int columns, int rows, int extra, int minWidth) {
    BufferedImage image = new BufferedImage(Math.max(minWidth, columns * panelWidth()), rows * panelHeight() + extra,
        BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.dispose();
    return image;
  }

  static Graphics2D graphics(BufferedImage image) {
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    return g;
  }
}
