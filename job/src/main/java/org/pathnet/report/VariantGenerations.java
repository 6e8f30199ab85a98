package org.pathnet.report;

import java.awt.Color;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.StatisticalBarRenderer;
import org.jfree.data.statistics.DefaultStatisticalCategoryDataset;

/**
 * Generations to solve across a study's variants: per (variant, pair), a bar for each arm and task with its mean
 * over solved runs and one standard error, so that how task A and task B respond to a setting reads at a glance.
 * Censored runs are not in the bars (the report's tables count them).
 */
final class VariantGenerations {
  /** Pixels per (variant, pair) group of bars. */
  private static final int GROUP_HEIGHT = 70;

  private VariantGenerations() {}

  static JFreeChart of(Summary summary) {
    DefaultStatisticalCategoryDataset data = new DefaultStatisticalCategoryDataset();
    boolean pairs = summary.rows().stream().map(Summary.Row::pair).distinct().count() > 1;
    for (Summary.Row r : summary.rows()) {
      if (r.genMean() != null) {
        data.add(r.genMean().doubleValue(), r.genSe() == null ? 0 : r.genSe().doubleValue(), r.arm() + " task " + r.task(),
            pairs ? r.variant() + " | " + r.pair() : r.variant());
      }
    }
    StatisticalBarRenderer renderer = new StatisticalBarRenderer();
    renderer.setErrorIndicatorPaint(Palette.INK);
    renderer.setItemMargin(0.05);
    for (int series = 0; series < data.getRowCount(); series++) {
      String[] armTask = data.getRowKey(series).toString().split(" task ");
      Color arm = Palette.armColor(armTask[0]);
      renderer.setSeriesPaint(series, armTask[1].equals("A") ? arm.brighter() : arm);
    }
    NumberAxis generations = new NumberAxis("mean generations to solve (solved runs), +- 1 s.e.");
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(null), generations, renderer);
    plot.setOrientation(PlotOrientation.HORIZONTAL);
    Charts.style(plot);
    JFreeChart chart = new JFreeChart("Generations to solve per variant", Palette.TITLE, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** The chart's height in pixels for {@code summary}: a group of bars per (variant, pair). */
  static int height(Summary summary) {
    long groups = summary.rows().stream().map(r -> List.of(r.variant(), r.pair())).distinct().count();
    return Math.max(Charts.HEIGHT, 120 + GROUP_HEIGHT * (int) groups);
  }
}
