package org.pathnet.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.statistics.BoxAndWhiskerItem;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.pathnet.experiment.TaskOutcome;

/**
 * Generations to solve per arm, as box plots of the solved runs (task A and task B side by side): box = the
 * summary's quartiles, line = median, whiskers = the most extreme runs within 1.5 IQR, circles =
 * runs beyond. Censored runs cannot be placed on the axis; the subtitle counts them.
 */
final class SolveTimeChart {
  private SolveTimeChart() {}

  /** The chart of one (variant, pair) cell, titled by {@code cell}: its summary rows and its runs. */
  static JFreeChart of(String cell, List<Summary.Row> rows, List<TaskOutcome> runs) {
    DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
    List<String> censored = new ArrayList<>();
    for (Summary.Row row : rows) {
      double[] solved = runs.stream().filter(r -> r.arm().equals(row.arm()) && r.task().equals(row.task())
          && r.solved()).mapToDouble(TaskOutcome::generations).toArray();
      if (solved.length > 0) {
        data.add(box(Sample.of(solved)), "task " + row.task(), row.arm());
      }
      if (row.censored() > 0) {
        censored.add(row.arm() + " " + row.task() + ": " + row.censored() + " of " + row.runs());
      }
    }
    BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
    // JFreeChart draws the mean as a disc half the box wide, which hides the median; the table has the mean.
    renderer.setMeanVisible(false);
    renderer.setMaximumBarWidth(0.08);
    for (int series = 0; series < data.getRowCount(); series++) {
      renderer.setSeriesPaint(series, data.getRowKey(series).equals("task A") ? Palette.TASK_A : Palette.TASK_B);
    }
    renderer.setDefaultOutlinePaint(Palette.INK);
    renderer.setDefaultStroke(new BasicStroke(1.2f));
    NumberAxis generations = new NumberAxis("generations to solve (solved runs)");
    generations.setAutoRangeIncludesZero(true);
    CategoryPlot plot = new CategoryPlot(data, new CategoryAxis("arm"), generations, renderer);
    Charts.style(plot);
    JFreeChart chart = new JFreeChart("Generations to solve, " + cell, Palette.TITLE, plot, true);
    chart.addSubtitle(new TextTitle(censored.isEmpty() ? "no censored runs"
        : "censored (reached maxGenerations, not in the boxes): " + String.join("; ", censored), Palette.SMALL));
    chart.setBackgroundPaint(Color.WHITE);
    return chart;
  }

  /** A box from the same quartiles as the summary table (linear interpolation), Tukey's 1.5 IQR whiskers. */
  static BoxAndWhiskerItem box(Sample s) {
    double q1 = s.quantile(0.25);
    double q3 = s.quantile(0.75);
    double fence = 1.5 * (q3 - q1);
    double low = Double.POSITIVE_INFINITY;
    double high = Double.NEGATIVE_INFINITY;
    List<Double> outliers = new ArrayList<>();
    for (double v : s.sorted()) {
      if (v < q1 - fence || v > q3 + fence) {
        outliers.add(v);
      } else {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
    double min = outliers.isEmpty() ? low : Math.min(low, outliers.get(0));
    double max = outliers.isEmpty() ? high : Math.max(high, outliers.get(outliers.size() - 1));
    double mean = s.mean();
    double median = s.median();
    return new BoxAndWhiskerItem(mean, median, q1, q3, low, high, min, max, outliers);
  }
}
