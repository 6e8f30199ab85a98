package org.pathnet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XIntervalSeries;
import org.jfree.data.xy.XIntervalSeriesCollection;

/**
 * The study's answer at a glance, as a forest plot: one line per (variant, pair, control arm) with the speed-up of
 * PathNet transfer on task B over that control (the summary's ratio of means) and its 95% bootstrap interval, a
 * vertical line at 1 (no difference). A comparison without an interval (a side with one solved run) is a bare point.
 * Variant and pair appear in the labels only when the study has several.
 */
final class SpeedupForest {
  /** Pixels per line, so that a study of 8 variants x 3 pairs stays legible. */
  private static final int LINE_HEIGHT = 20;

  private SpeedupForest() {}

  static JFreeChart of(Summary summary) {
    List<Summary.Row> rows = summary.rows().stream().filter(r -> r.speedup() != null).toList();
    boolean variants = rows.stream().map(Summary.Row::variant).distinct().count() > 1;
    boolean pairs = rows.stream().map(Summary.Row::pair).distinct().count() > 1;
    Map<String, XIntervalSeries> byArm = new LinkedHashMap<>();
    String[] labels = new String[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      Summary.Row r = rows.get(i);
      int line = rows.size() - 1 - i; // the summary's first row at the top
      List<String> label = new ArrayList<>();
      if (variants) {
        label.add(r.variant());
      }
      if (pairs) {
        label.add(r.pair());
      }
      label.add(r.arm());
      labels[line] = String.join(" | ", label);
      double low = r.speedupLow() == null ? r.speedup() : r.speedupLow();
      double high = r.speedupHigh() == null ? r.speedup() : r.speedupHigh();
      byArm.computeIfAbsent(r.arm(), arm -> new XIntervalSeries(arm + "'s task B / pathnet's"))
          .add(r.speedup(), low, high, line);
    }
    XIntervalSeriesCollection data = new XIntervalSeriesCollection();
    byArm.values().forEach(data::addSeries);
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawYError(false);
    renderer.setErrorStroke(new BasicStroke(2f));
    List<String> arms = new ArrayList<>(byArm.keySet());
    for (int series = 0; series < arms.size(); series++) {
      renderer.setSeriesPaint(series, Palette.armColor(arms.get(series)));
    }
    NumberAxis speedup = new NumberAxis("speed-up of transfer: the control's mean generations / pathnet's");
    speedup.setAutoRangeIncludesZero(false);
    SymbolAxis lines = new SymbolAxis(null, labels);
    lines.setGridBandsVisible(false);
    lines.setTickLabelFont(Palette.SMALL);
    XYPlot plot = new XYPlot(data, speedup, lines, renderer);
    Charts.style(plot);
    plot.addDomainMarker(new ValueMarker(1.0, Palette.INK, new BasicStroke(1.2f)));
    JFreeChart chart = new JFreeChart("Task B: speed-up of PathNet transfer over each control", Palette.TITLE, plot,
        true);
    chart.addSubtitle(new TextTitle("point: ratio of mean generations over solved runs; bar: 95% bootstrap interval;"
        + " right of 1, transfer is faster", Palette.SMALL));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** The chart's height in pixels for {@code summary}: a line per comparison, at least the report's usual. */
  static int height(Summary summary) {
    return Math.max(Charts.HEIGHT, 160 + LINE_HEIGHT * (int) summary.rows().stream()
        .filter(r -> r.speedup() != null).count());
  }
}
