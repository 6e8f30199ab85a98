package org.pathnet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * Winner fitness against generation for one task of one (variant, pair) cell: per arm, the median line and the
 * 10-90% band.
 */
final class FitnessChart {
  private FitnessChart() {}

  static JFreeChart of(String cell, String task, Map<String, List<FitnessBands.Point>> bands, double threshold) {
    YIntervalSeriesCollection data = new YIntervalSeriesCollection();
    DeviationRenderer renderer = new DeviationRenderer(true, false);
    renderer.setAlpha(0.18f);
    double lowest = threshold;
    for (Map.Entry<String, List<FitnessBands.Point>> band : bands.entrySet()) {
      String[] armTask = band.getKey().split(" ");
      if (!armTask[1].equals(task)) {
        continue;
      }
      YIntervalSeries series = new YIntervalSeries(armTask[0] + " (median, 10-90%)");
      for (FitnessBands.Point p : band.getValue()) {
        series.add(p.generation(), p.median(), p.low(), p.high());
        lowest = Math.min(lowest, p.low());
      }
      int index = data.getSeriesCount();
      data.addSeries(series);
      Color color = Palette.armColor(armTask[0]);
      renderer.setSeriesPaint(index, color);
      renderer.setSeriesFillPaint(index, color);
      renderer.setSeriesStroke(index, new BasicStroke(2f));
    }
    NumberAxis generation = new NumberAxis("generation");
    generation.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    NumberAxis fitness = new NumberAxis("winner fitness (training accuracy over T minibatches)");
    fitness.setRange(Math.max(0, Math.floor(lowest * 20) / 20 - 0.02), 1.005);
    XYPlot plot = new XYPlot(data, generation, fitness, renderer);
    Charts.style(plot);
    ValueMarker marker = new ValueMarker(threshold, Palette.CHANCE, new BasicStroke(1f, BasicStroke.CAP_BUTT,
        BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
    marker.setLabel(String.format(Locale.ROOT, "threshold %.3f", threshold));
    marker.setLabelFont(Palette.SMALL);
    marker.setLabelBackgroundColor(new Color(255, 255, 255, 0));
    marker.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
    marker.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
    plot.addRangeMarker(marker);
    JFreeChart chart = new JFreeChart("Winner fitness, task " + task + ", " + cell, Palette.TITLE, plot, true);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }
}
