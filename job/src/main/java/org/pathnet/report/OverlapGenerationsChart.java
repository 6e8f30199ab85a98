package org.pathnet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.text.DecimalFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * Does re-use predict a fast task B? Box plots, per overlap value and pair, of the pathnet runs' task-B generations
 * relative to their cell's median, so that runs of fast and slow variants share one axis as the within-cell
 * correlation does. Solved runs only; the correlation ranks censored runs at the cap.
 */
final class OverlapGenerationsChart {
  private OverlapGenerationsChart() {}

  static JFreeChart of(List<CellRuns> cells) {
    Map<Integer, Map<String, List<Double>>> byOverlap = new TreeMap<>();
    List<String> pairs = cells.stream().map(CellRuns::pair).distinct().toList();
    for (CellRuns c : cells) {
      double[] solved = Arrays.stream(c.pathnet()).filter(g -> !Double.isNaN(g)).toArray();
      if (solved.length == 0) {
        continue;
      }
      double median = Sample.of(solved).median();
      for (int s = 0; s < c.pathnet().length; s++) {
        if (!Double.isNaN(c.pathnet()[s]) && !Double.isNaN(c.overlap()[s])) {
          byOverlap.computeIfAbsent((int) c.overlap()[s], o -> new TreeMap<>())
              .computeIfAbsent(c.pair(), p -> new ArrayList<>()).add(c.pathnet()[s] / median);
        }
      }
    }
    DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
    byOverlap.forEach((overlap, byPair) -> pairs.forEach(pair -> {
      List<Double> values = byPair.get(pair);
      if (values != null) {
        data.add(SolveTimeChart.box(Sample.of(values.stream().mapToDouble(Double::doubleValue).toArray())), pair,
            overlap);
      }
    }));
    BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
    renderer.setMeanVisible(false);
    renderer.setMaximumBarWidth(0.06);
    renderer.setDefaultOutlinePaint(Palette.INK);
    renderer.setDefaultStroke(new BasicStroke(1.2f));
    List<Color> colors = List.of(Palette.TASK_A, Palette.TASK_B, Palette.BOTH, Palette.CHANCE);
    for (int series = 0; series < data.getRowCount(); series++) {
      renderer.setSeriesPaint(series, colors.get(series % colors.size()));
    }
    LogAxis relative = new LogAxis("task B's generations / its cell's median (log scale)");
    relative.setSmallestValue(0.01);
    relative.setBase(2); // ticks at halves and doubles of the median, labelled as plain ratios
    relative.setNumberFormatOverride(new DecimalFormat("0.##"));
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("modules of task B's path on task A's path"),
        relative, renderer);
    Charts.style(plot);
    JFreeChart chart = new JFreeChart("Task B's generations against its re-use of task A's path", Palette.TITLE,
        plot, true);
    chart.addSubtitle(new TextTitle("pathnet runs that solved task B, every variant; below 1, faster than the "
        + "cell's median run", Palette.SMALL));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
