package org.pathnet.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.network.Pathway;

/**
 * A heat map of module usage across all seeds of one pair: for task A's and task B's optimal paths of the
 * pathnet arm, how many seeds' paths use each (layer, module), shaded relative to the most used module. Chance
 * alone spreads N / M of the seeds over every module; concentration on few modules shows that selection, not the
 * random start, chose them.
 */
final class ModuleUsageMap {
  private static final int GAP_Y = 10;
  private static final int FOOTER = 28;
  private static final int FOOTER_WIDTH = 720;

  /** One panel: a title, the runs whose paths it counts and the colour of a module every run uses. */
  record Panel(String title, List<TaskOutcome> runs, Color color) {}

  private ModuleUsageMap() {}

  static BufferedImage of(List<Panel> panels, int layers, int modules, int active) {
    ModuleGrid grid = new ModuleGrid(layers, modules, GAP_Y);
    int columns = modules > 12 ? 1 : Math.min(2, panels.size());
    int rows = (panels.size() + columns - 1) / columns;
    BufferedImage image = grid.canvas(columns, rows, FOOTER, FOOTER_WIDTH);
    Graphics2D g = ModuleGrid.graphics(image);
    for (int i = 0; i < panels.size(); i++) {
      Panel panel = panels.get(i);
      int x0 = (i % columns) * grid.panelWidth();
      int y0 = (i / columns) * grid.panelHeight();
      int[][] counts = new int[layers][modules];
      for (TaskOutcome r : panel.runs()) {
        Pathway p = Pathway.of(r.path());
        for (int l = 0; l < layers; l++) {
          for (int m : p.activeModules(l)) {
            counts[l][m]++;
          }
        }
      }
      // Shade relative to the panel's most used module, so that the contrast shows where paths concentrate.
      int most = Math.max(1, Arrays.stream(counts).flatMapToInt(Arrays::stream).max().orElse(0));
      for (int l = 0; l < layers; l++) {
        for (int m = 0; m < modules; m++) {
          double share = counts[l][m] / (double) most;
          g.setColor(blend(panel.color(), share));
          g.fillRect(grid.x(x0, m), grid.y(y0, l), ModuleGrid.CELL_WIDTH, ModuleGrid.CELL_HEIGHT);
          g.setColor(Palette.CHANCE);
          g.drawRect(grid.x(x0, m), grid.y(y0, l), ModuleGrid.CELL_WIDTH, ModuleGrid.CELL_HEIGHT);
          String text = Integer.toString(counts[l][m]);
          g.setFont(Palette.SMALL);
          g.setColor(share > 0.55 ? Color.WHITE : Palette.INK);
          int w = g.getFontMetrics().stringWidth(text);
          g.drawString(text, grid.x(x0, m) + (ModuleGrid.CELL_WIDTH - w) / 2, grid.y(y0, l) + 16);
        }
      }
      grid.drawFrame(g, x0, y0, panel.title() + " (" + panel.runs().size() + " seeds)");
    }
    g.setFont(Palette.SMALL);
    g.setColor(Palette.INK);
    g.drawString(String.format(Locale.ROOT, "cell = seeds whose optimal path uses the module, darkest = most used; "
        + "by chance a module is on N/M = %.2f of the paths", active / (double) modules), 8, image.getHeight() - 10);
    g.dispose();
    return image;
  }

  /** White at 0, {@code color} at 1. */
  private static Color blend(Color color, double share) {
    double s = Math.max(0, Math.min(1, share));
    return new Color((int) Math.round(255 + (color.getRed() - 255) * s),
        (int) Math.round(255 + (color.getGreen() - 255) * s), (int) Math.round(255 + (color.getBlue() - 255) * s));
  }
}
