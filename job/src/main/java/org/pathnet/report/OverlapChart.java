package org.pathnet.report;

import java.awt.Color;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.pathnet.experiment.TaskOutcome;

/**
 * How many modules of task B's optimal path lie on task A's (pathnet runs of one (variant, pair) cell), as a
 * fraction of runs per overlap value, beside the exact distribution for two independent random pathways.
 */
final class OverlapChart {
  private OverlapChart() {}

  static JFreeChart of(String cell, List<TaskOutcome> pathnetB, int layers, int modules, int active) {
    double[] chance = RandomOverlap.distribution(layers, modules, active);
    int[] counts = new int[chance.length];
    double sum = 0;
    for (TaskOutcome r : pathnetB) {
      counts[r.overlap()]++;
      sum += r.overlap();
    }
    String observed = "pathnet task B (" + pathnetB.size() + " runs)";
    String random = "two random pathways (exact)";
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int k = 0; k < chance.length; k++) {
      data.addValue(pathnetB.isEmpty() ? 0 : counts[k] / (double) pathnetB.size(), observed, Integer.valueOf(k));
      data.addValue(chance[k], random, Integer.valueOf(k));
    }
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    renderer.setSeriesPaint(0, Palette.TASK_B);
    renderer.setSeriesPaint(1, Palette.CHANCE);
    CategoryPlot plot = new CategoryPlot(data,
        new CategoryAxis("modules of task B's path on task A's path (of " + layers * active + ")"),
        new NumberAxis("fraction of runs"), renderer);
    Charts.style(plot);
    JFreeChart chart = new JFreeChart("Overlap of task B's path with task A's, " + cell, Palette.TITLE, plot,
        true);
    chart.addSubtitle(new TextTitle(String.format(Locale.ROOT, "mean %s observed, %.2f expected by chance",
        pathnetB.isEmpty() ? "-" : String.format(Locale.ROOT, "%.2f", sum / pathnetB.size()),
        RandomOverlap.expected(layers, modules, active)), Palette.SMALL));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
