package org.pathnet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
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
 * The transfer map's main effects as a forest plot: a line per level of each factor with its effect on the log
 * speed-up against the factor's reference level and the 95% paired bootstrap interval, a vertical line at 0 (no
 * effect).
 */
final class MainEffectsForest {
  private static final int LINE_HEIGHT = 24;

  private MainEffectsForest() {}

  static JFreeChart of(TransferMap map) {
    List<MainEffects.Effect> effects = map.effects().stream().filter(e -> e.effect() != null).toList();
    XIntervalSeries series = new XIntervalSeries("effect on log speed-up, 95% paired bootstrap interval");
    String[] labels = new String[effects.size()];
    for (int i = 0; i < effects.size(); i++) {
      MainEffects.Effect e = effects.get(i);
      int line = effects.size() - 1 - i; // the first effect at the top
      labels[line] = e.factor() + ": " + e.level() + " against " + e.reference();
      series.add(e.effect(), e.low(), e.high(), line);
    }
    XIntervalSeriesCollection data = new XIntervalSeriesCollection();
    data.addSeries(series);
    XYErrorRenderer renderer = new XYErrorRenderer();
    renderer.setDrawYError(false);
    renderer.setErrorStroke(new BasicStroke(2f));
    renderer.setSeriesPaint(0, Palette.INK);
    NumberAxis effect = new NumberAxis("effect on log speed-up (mean at the level - mean at the reference)");
    effect.setAutoRangeIncludesZero(true);
    SymbolAxis lines = new SymbolAxis(null, labels);
    lines.setGridBandsVisible(false);
    lines.setTickLabelFont(Palette.SMALL);
    XYPlot plot = new XYPlot(data, effect, lines, renderer);
    Charts.style(plot);
    plot.setNoDataMessage("no main effect: some cell has no speed-up (an arm without a solved run)");
    plot.setNoDataMessageFont(Palette.LABEL);
    plot.addDomainMarker(new ValueMarker(0.0, Palette.INK, new BasicStroke(1.2f)));
    JFreeChart chart = new JFreeChart("Main effects on the speed-up of transfer over scratch", Palette.TITLE, plot,
        false);
    chart.addSubtitle(new TextTitle("averaged over the other factors' levels and the pairs; right of 0, the level "
        + "makes transfer pay more than the reference does", Palette.SMALL));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  static int height(TransferMap map) {
    return Math.max(Charts.HEIGHT, 160 + LINE_HEIGHT * map.effects().size());
  }
}
