package org.pathnet.report;

import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The transfer map as a heat map: a row per variant, a column per pair, each cell coloured by its log speed-up of
 * transfer over scratch on a diverging scale (blue: transfer faster, red: slower, white: no difference) and
 * labelled with the speed-up, a star where the cell's corrected interval excludes 1. A cell without a speed-up is
 * left grey.
 */
final class TransferHeatMap {
  /** Pixels per variant, so that 24 variants stay legible. */
  private static final int ROW_HEIGHT = 24;
  private static final Color FASTER = new Color(0x21, 0x66, 0xac);
  private static final Color SLOWER = new Color(0xb2, 0x18, 0x2b);
  private static final Color EMPTY = new Color(0xee, 0xee, 0xee);

  private TransferHeatMap() {}

  static JFreeChart of(TransferMap map) {
    List<String> variants = map.cells().stream().map(TransferMap.Cell::variant).distinct().toList();
    List<String> pairs = map.cells().stream().map(TransferMap.Cell::pair).distinct().toList();
    List<TransferMap.Cell> shown = map.cells().stream().filter(c -> c.speedup() != null).toList();
    double[][] xyz = new double[3][shown.size()];
    // the scale reaches the largest log speed-up either way, at least log 2, so that noise looks pale
    double limit = Math.max(Math.log(2), shown.stream().mapToDouble(c -> Math.abs(Math.log(c.speedup()))).max()
        .orElse(0));
    Diverging scale = new Diverging(limit);
    XYBlockRenderer renderer = new XYBlockRenderer();
    renderer.setPaintScale(scale);
    String[] rows = new String[variants.size()];
    for (int i = 0; i < variants.size(); i++) {
      rows[variants.size() - 1 - i] = variants.get(i); // the first variant at the top
    }
    XYPlot plot = new XYPlot(null, new SymbolAxis("pair (task A -> task B)", pairs.toArray(String[]::new)),
        new SymbolAxis(null, rows), renderer);
    for (int i = 0; i < shown.size(); i++) {
      TransferMap.Cell c = shown.get(i);
      double x = pairs.indexOf(c.pair());
      double y = variants.size() - 1 - variants.indexOf(c.variant());
      double log = Math.log(c.speedup());
      xyz[0][i] = x;
      xyz[1][i] = y;
      xyz[2][i] = log;
      XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "%.2f%s", c.speedup(),
          c.marked() ? " *" : ""), x, y);
      label.setFont(new Font(Font.SANS_SERIF, c.marked() ? Font.BOLD : Font.PLAIN, 12));
      label.setPaint(Math.abs(log) > 0.6 * limit ? Color.WHITE : Palette.INK);
      plot.addAnnotation(label);
    }
    DefaultXYZDataset data = new DefaultXYZDataset();
    data.addSeries("log speed-up", xyz);
    plot.setDataset(data);
    plot.setBackgroundPaint(EMPTY);
    plot.setDomainGridlinesVisible(false);
    plot.setRangeGridlinesVisible(false);
    ((SymbolAxis) plot.getDomainAxis()).setGridBandsVisible(false);
    ((SymbolAxis) plot.getRangeAxis()).setGridBandsVisible(false);
    plot.getRangeAxis().setTickLabelFont(Palette.SMALL);
    plot.getDomainAxis().setLabelFont(Palette.LABEL);
    JFreeChart chart = new JFreeChart("Transfer map: speed-up of PathNet transfer over scratch on task B",
        Palette.TITLE, plot, false);
    chart.addSubtitle(new TextTitle("cell: scratch's mean generations / pathnet's; * = its interval corrected for "
        + map.compared() + " cells (Bonferroni, family-wise 95%) excludes 1; grey: no speed-up", Palette.SMALL));
    NumberAxis legendAxis = new NumberAxis("log speed-up (> 0: transfer faster)");
    legendAxis.setLabelFont(Palette.SMALL);
    legendAxis.setTickLabelFont(Palette.SMALL);
    legendAxis.setRange(-limit, limit);
    PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
    legend.setPosition(RectangleEdge.BOTTOM);
    legend.setAxisLocation(AxisLocation.BOTTOM_OR_LEFT);
    legend.setMargin(4, 60, 4, 60);
    legend.setStripWidth(12);
    chart.addSubtitle(legend);
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** The chart's height in pixels: a row per variant, at least the report's usual. */
  static int height(TransferMap map) {
    long variants = map.cells().stream().map(TransferMap.Cell::variant).distinct().count();
    return Math.max(Charts.HEIGHT, 200 + ROW_HEIGHT * (int) variants);
  }

  /** White at 0, {@link #FASTER} at +limit and above, {@link #SLOWER} at -limit and below. */
  private record Diverging(double limit) implements PaintScale {
    @Override
    public double getLowerBound() {
      return -limit;
    }

    @Override
    public double getUpperBound() {
      return limit;
    }

    @Override
    public Paint getPaint(double value) {
      double share = Math.min(1, Math.abs(value) / limit);
      Color end = value >= 0 ? FASTER : SLOWER;
      return new Color(toward(end.getRed(), share), toward(end.getGreen(), share), toward(end.getBlue(), share));
    }

    /** A colour component {@code share} of the way from white's 255 to {@code component}. */
    private static int toward(int component, double share) {
      return (int) Math.round(255 + (component - 255) * share);
    }
  }
}
