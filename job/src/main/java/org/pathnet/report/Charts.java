package org.pathnet.report;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;

/** The report's chart style (white, light grid) and PNG encoding, shared by every chart. */
final class Charts {
  static final int WIDTH = 900;
  static final int HEIGHT = 480;

  private Charts() {}

  static void style(CategoryPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Palette.GRID);
    plot.setRangeGridlinesVisible(true);
    plot.getDomainAxis().setLabelFont(Palette.LABEL);
    plot.getRangeAxis().setLabelFont(Palette.LABEL);
  }

  static void style(XYPlot plot) {
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Palette.GRID);
    plot.setDomainGridlinePaint(Palette.GRID);
    plot.getDomainAxis().setLabelFont(Palette.LABEL);
    plot.getRangeAxis().setLabelFont(Palette.LABEL);
  }

  static byte[] png(JFreeChart chart) {
    return png(chart, HEIGHT);
  }

  /** A chart whose height follows its content (a line per comparison, say). */
  static byte[] png(JFreeChart chart, int height) {
    return png(chart.createBufferedImage(WIDTH, height));
  }

  static byte[] png(BufferedImage image) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a PNG in memory", e);
    }
    return bytes.toByteArray();
  }
}
