package org.pathnet.report;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Composite;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.pathnet.experiment.TaskOutcome;
import org.pathnet.network.Pathway;

/**
 * Pathway diagrams like the paper's figure, for the first few seeds of one pair: the L x M module grid with task
 * A's frozen optimal path and task B's optimal path, and the connections each path uses between layers (every
 * active module feeds every active module of the next layer).
 */
final class PathwayDiagram {
  private static final int GAP_Y = 44;
  private static final int LEGEND = 40;
  private static final int LEGEND_WIDTH = 700;

  private PathwayDiagram() {}

  /** Diagrams for up to {@code count} seeds that have both tasks, lowest seed first; null when there are none. */
  static BufferedImage of(List<TaskOutcome> pathnetA, List<TaskOutcome> pathnetB, int layers, int modules, int count) {
    Map<Integer, TaskOutcome> aBySeed = pathnetA.stream().collect(Collectors.toMap(TaskOutcome::seed,
        Function.identity()));
    List<TaskOutcome> shown = pathnetB.stream().filter(b -> aBySeed.containsKey(b.seed()))
        .sorted(Comparator.comparingInt(TaskOutcome::seed)).limit(count).toList();
    if (shown.isEmpty()) {
      return null;
    }
    ModuleGrid grid = new ModuleGrid(layers, modules, GAP_Y);
    int columns = Math.min(shown.size(), modules > 12 ? 1 : 2);
    int rows = (shown.size() + columns - 1) / columns;
    BufferedImage image = grid.canvas(columns, rows, LEGEND, LEGEND_WIDTH);
    Graphics2D g = ModuleGrid.graphics(image);
    for (int i = 0; i < shown.size(); i++) {
      TaskOutcome b = shown.get(i);
      TaskOutcome a = aBySeed.get(b.seed());
      int x0 = (i % columns) * grid.panelWidth();
      int y0 = (i / columns) * grid.panelHeight();
      draw(g, grid, x0, y0, Pathway.of(a.path()), Pathway.of(b.path()), layers, modules);
      grid.drawFrame(g, x0, y0, "seed " + b.seed() + ": A " + outcome(a) + ", B " + outcome(b) + ", overlap "
          + b.overlap());
    }
    legend(g, 8, rows * grid.panelHeight() + 10);
    g.dispose();
    return image;
  }

  private static String outcome(TaskOutcome r) {
    return r.solved() ? "solved in " + r.generations() : "censored";
  }

  private static void draw(Graphics2D g, ModuleGrid grid, int x0, int y0, Pathway a, Pathway b, int layers,
      int modules) {
    connections(g, grid, x0, y0, a, Palette.TASK_A, -2);
    connections(g, grid, x0, y0, b, Palette.TASK_B, 2);
    for (int l = 0; l < layers; l++) {
      for (int m = 0; m < modules; m++) {
        boolean onA = a.uses(l, m);
        boolean onB = b.uses(l, m);
        Color fill = onA && onB ? Palette.BOTH : onA ? Palette.TASK_A : onB ? Palette.TASK_B : Color.WHITE;
        g.setColor(fill);
        g.fillRect(grid.x(x0, m), grid.y(y0, l), ModuleGrid.CELL_WIDTH, ModuleGrid.CELL_HEIGHT);
        g.setColor(onA || onB ? Palette.INK : Palette.CHANCE);
        g.drawRect(grid.x(x0, m), grid.y(y0, l), ModuleGrid.CELL_WIDTH, ModuleGrid.CELL_HEIGHT);
      }
    }
  }

  /** Lines from each active module of a layer to each active module of the next, shifted by {@code dx}. */
  private static void connections(Graphics2D g, ModuleGrid grid, int x0, int y0, Pathway p, Color color, int dx) {
    Composite previous = g.getComposite();
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.55f));
    g.setColor(color);
    g.setStroke(new BasicStroke(1.6f));
    for (int l = 0; l + 1 < p.layers(); l++) {
      for (int from : p.activeModules(l)) {
        for (int to : p.activeModules(l + 1)) {
          g.drawLine(grid.x(x0, from) + ModuleGrid.CELL_WIDTH / 2 + dx, grid.y(y0, l),
              grid.x(x0, to) + ModuleGrid.CELL_WIDTH / 2 + dx, grid.y(y0, l + 1) + ModuleGrid.CELL_HEIGHT);
        }
      }
    }
    g.setComposite(previous);
  }

  private record Key(Color color, String text) {}

  private static void legend(Graphics2D g, int x, int y) {
    g.setFont(Palette.LABEL);
    int cursor = x;
    for (Key key : List.of(new Key(Palette.TASK_A, "task A's optimal path (frozen for B)"),
        new Key(Palette.TASK_B, "task B's optimal path"), new Key(Palette.BOTH, "on both (re-used)"))) {
      g.setColor(key.color());
      g.fillRect(cursor, y, 18, 14);
      g.setColor(Palette.INK);
      g.drawString(key.text(), cursor + 24, y + 12);
      cursor += 24 + g.getFontMetrics().stringWidth(key.text()) + 24;
    }
  }
}
