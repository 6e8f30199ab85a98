package org.pathnet.report;

import static org.pathnet.experiment.SettingKey.ACTIVE;
import static org.pathnet.experiment.SettingKey.DATA;
import static org.pathnet.experiment.SettingKey.LAYERS;
import static org.pathnet.experiment.SettingKey.MAX_GENERATIONS;
import static org.pathnet.experiment.SettingKey.PROFILE;
import static org.pathnet.experiment.SettingKey.SEEDS;
import static org.pathnet.experiment.SettingKey.THRESHOLD;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pathnet.experiment.Arm;
import org.pathnet.experiment.SettingKey;
import org.pathnet.experiment.Settings;
import org.pathnet.experiment.TaskPair;
import org.pathnet.experiment.Variant;

/**
 * The HTML of {@code report.html}: one self-contained page (inline CSS, no scripts or web fonts) with the figures
 * across the study's variants and pairs, a section per (variant, pair) (what the numbers say in words, the summary
 * table, the figures) and the resolved settings.
 */
final class ReportPage {
  private static final String STYLE = "body{font-family:sans-serif;margin:24px auto;max-width:1000px;color:#222}"
      + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;"
      + "text-align:right;font-size:13px}th{background:#f2f2f2}td.l,th.l{text-align:left}"
      + "figure{margin:18px 0}img{max-width:100%;border:1px solid #eee}figcaption{font-size:13px;color:#555}"
      + "li{margin:4px 0}.note{color:#555;font-size:13px}code{background:#f4f4f4;padding:0 3px}";

  private final Settings settings;
  private final StringBuilder overview = new StringBuilder();
  private final StringBuilder map = new StringBuilder();
  private final List<Section> sections = new ArrayList<>();

  /** The part of the page about one task pair in one variant, whose runs trained under {@code settings}. */
  final class Section {
    private final Variant variant;
    private final Settings settings;
    private final TaskPair pair;
    private final List<Summary.Row> rows;
    private final StringBuilder figures = new StringBuilder();

    private Section(Variant variant, Settings settings, TaskPair pair, List<Summary.Row> rows) {
      this.variant = variant;
      this.settings = settings;
      this.pair = pair;
      this.rows = rows;
    }

    void figure(String image, String caption) {
      ReportPage.figure(figures, image, caption);
    }

    void note(String text) {
      figures.append("<p class=\"note\">").append(escape(text)).append("</p>\n");
    }

    private void appendTo(StringBuilder html) {
      html.append("<h2>").append(hasVariants() ? "Variant " + escape(variant.label()) + ", pair " : "Pair ")
          .append(escape(pair.label())).append(": task A = ").append(pair.taskA().first())
          .append(" vs ").append(pair.taskA().second()).append(", task B = ").append(pair.taskB().first())
          .append(" vs ").append(pair.taskB().second()).append("</h2>\n<ul>\n");
      for (String reading : readings()) {
        html.append("<li>").append(escape(reading)).append("</li>\n");
      }
      html.append("</ul>\n");
      table(html);
      html.append(figures);
    }

    /** What the numbers say, in words: the comparisons, the overlap, then what the censored runs leave out. */
    private List<String> readings() {
      List<String> readings = new ArrayList<>();
      rows.stream().filter(r -> r.pValue() != null).forEach(r -> readings.add(comparison(r)));
      for (Summary.Row r : rows) {
        if (r.overlapRandom() != null) {
          readings.add(r.overlapMean() == null ? "No pathnet run reached task B, so there is no overlap."
              : String.format(Locale.ROOT, "Task B's optimal path shares %.2f of its %d modules with task A's on "
                  + "average, against %.2f for two random pathways.", r.overlapMean(),
                  settings.integer(LAYERS) * settings.integer(ACTIVE), r.overlapRandom()));
        }
      }
      for (Summary.Row r : rows) {
        if (r.censored() > 0) {
          readings.add(String.format(Locale.ROOT, "%d of %d %s runs on task %s reached maxGenerations (%d) "
              + "unsolved: they are left out of the means and ranked at the cap in the p-values%s.", r.censored(),
              r.runs(), r.arm(), r.task(), settings.integer(MAX_GENERATIONS),
              r.task().equals("A") ? ", and never trained task B" : ""));
        }
      }
      return readings;
    }

    private String comparison(Summary.Row r) {
      String p = String.format(Locale.ROOT, "Mann-Whitney p = %s", probability(r.pValue()));
      if (r.speedup() == null) {
        return String.format(Locale.ROOT, "Task B, %s against pathnet: no speed-up (one side has no solved run); "
            + "%s.", r.arm(), p);
      }
      String ratio = String.format(Locale.ROOT, "%s needed %.2f times pathnet's mean generations", r.arm(),
          r.speedup());
      if (r.speedupLow() == null) {
        return "Task B: " + ratio + " (no interval: one side has a single solved run; " + p + ").";
      }
      ratio += String.format(Locale.ROOT, " (95%% CI %.2f-%.2f; %s)", r.speedupLow(), r.speedupHigh(), p);
      if (r.speedupLow() > 1) {
        return "Task B, by mean generations PathNet transfer was faster than " + r.arm() + ": " + ratio + ".";
      }
      if (r.speedupHigh() < 1) {
        return "Task B, by mean generations PathNet transfer was slower than " + r.arm() + ": " + ratio + ".";
      }
      return "Task B, no clear difference between PathNet transfer and " + r.arm() + ": " + ratio
          + "; the interval includes 1.";
    }

    private void table(StringBuilder html) {
      html.append("<table><tr><th class=\"l\">arm</th><th class=\"l\">task</th><th>runs</th><th>solved</th>"
          + "<th>censored</th><th>gen mean &plusmn; se</th><th>gen median</th><th>gen IQR</th>"
          + "<th>speed-up [95% CI]</th><th>p-value</th><th>overlap (chance)</th></tr>\n");
      for (Summary.Row r : rows) {
        html.append("<tr><td class=\"l\">").append(r.arm()).append("</td><td class=\"l\">").append(r.task())
            .append("</td><td>").append(r.runs()).append("</td><td>").append(r.solved()).append("</td><td>")
            .append(r.censored()).append("</td><td>").append(fixed(r.genMean(), 1));
        if (r.genSe() != null) {
          html.append(" &plusmn; ").append(fixed(r.genSe(), 1));
        }
        html.append("</td><td>").append(fixed(r.genMedian(), 1)).append("</td><td>")
            .append(r.genQ1() == null ? "-" : fixed(r.genQ1(), 1) + "-" + fixed(r.genQ3(), 1)).append("</td><td>")
            .append(r.speedup() == null ? "-" : fixed(r.speedup(), 2) + (r.speedupLow() == null ? ""
                : " [" + fixed(r.speedupLow(), 2) + ", " + fixed(r.speedupHigh(), 2) + "]"))
            .append("</td><td>").append(probability(r.pValue())).append("</td><td>")
            .append(r.overlapRandom() == null ? "-" : fixed(r.overlapMean(), 2) + " (" + fixed(r.overlapRandom(), 2)
                + ")")
            .append("</td></tr>\n");
      }
      html.append("</table>\n<p class=\"note\">Generations over solved runs only. Speed-up = the arm's mean "
          + "generations on task B / pathnet's, so above 1 means PathNet transfer is faster; 95% percentile "
          + "bootstrap interval over ").append(Bootstrap.RESAMPLES).append(" resamples of the runs. p-value: "
          + "two-sided Mann-Whitney over all runs, censored runs ranked at maxGenerations. The same numbers are "
          + "the table <code>summary/</code>.</p>\n");
    }
  }

  ReportPage(Settings settings) {
    this.settings = settings;
  }

  /** A figure about all the study's variants and pairs, shown before their sections. */
  void overview(String image, String caption) {
    figure(overview, image, caption);
  }

  /** The transfer map's section, shown after the overview: its readings, its figures, each with its table. */
  void transferMap(List<String> readings, List<TransferMap.Part> parts) {
    map.append("<h2>The transfer map</h2>\n<ul>\n");
    readings.forEach(r -> map.append("<li>").append(escape(r)).append("</li>\n"));
    map.append("</ul>\n");
    for (TransferMap.Part part : parts) {
      figure(map, part.figure().name(), part.figure().caption());
      table(map, part.table());
    }
    map.append("<p class=\"note\">The cells are the table <code>transferMap/</code>.</p>\n");
  }

  private static void table(StringBuilder html, TransferMap.Table table) {
    html.append("<table><tr>");
    table.columns().forEach(c -> html.append("<th class=\"l\">").append(escape(c)).append("</th>"));
    html.append("</tr>\n");
    for (List<String> row : table.rows()) {
      html.append("<tr>");
      row.forEach(v -> html.append("<td class=\"l\">").append(escape(v)).append("</td>"));
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  /** The section of {@code pair} in {@code variant}, with its rows of the summary. */
  Section section(Variant variant, TaskPair pair, List<Summary.Row> rows) {
    Section section = new Section(variant, settings.of(variant), pair, rows);
    sections.add(section);
    return section;
  }

  private boolean hasVariants() {
    return !settings.variants().equals(List.of(Variant.BASE));
  }

  private static void figure(StringBuilder html, String image, String caption) {
    html.append("<figure><img src=\"").append(escape(image)).append("\" alt=\"").append(escape(caption))
        .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
  }

  String html() {
    StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<title>PathNet study report</title><style>" + STYLE + "</style></head><body>\n");
    html.append("<h1>PathNet study report</h1>\n<p>")
        .append(String.format(Locale.ROOT, "%d seeds x arms %s on %d task pair(s)%s; a task is solved when the "
            + "winner fitness reaches %s, censored after %s generations. Profile <code>%s</code>, data <code>%s"
            + "</code>.", settings.integer(SEEDS), String.join(", ", settings.arms().stream().map(Arm::label).toList()),
            settings.pairs().size(), hasVariants() ? " in " + settings.variants().size() + " variants ("
                + escape(String.join("; ", settings.variants().stream().map(Variant::label).toList())) + ")" : "",
            varied(SettingKey.THRESHOLD) ? "the variant's threshold" : Double.toString(settings.decimal(THRESHOLD)),
            varied(SettingKey.MAX_GENERATIONS) ? "the variant's maxGenerations"
                : Integer.toString(settings.integer(MAX_GENERATIONS)), escape(settings.text(PROFILE)),
            escape(settings.text(DATA))))
        .append("</p>\n").append(overview).append(map);
    sections.forEach(s -> s.appendTo(html));
    html.append("<h2>Resolved settings</h2>\n<table>\n");
    for (Map.Entry<String, String> e : settings.toProperties().entrySet()) {
      html.append("<tr><td class=\"l\"><code>").append(escape(e.getKey())).append("</code></td><td class=\"l\">")
          .append(escape(e.getValue())).append("</td></tr>\n");
    }
    html.append("</table>\n</body></html>\n");
    return html.toString();
  }

  /** Whether some variant sets {@code key}. */
  private boolean varied(SettingKey key) {
    return settings.variants().stream().anyMatch(v -> v.overrides().containsKey(key.key()));
  }

  private static String fixed(Double v, int decimals) {
    return v == null ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", v);
  }

  private static String probability(Double p) {
    if (p == null) {
      return "-";
    }
    return p >= 0.001 ? String.format(Locale.ROOT, "%.3f", p) : String.format(Locale.ROOT, "%.1e", p);
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
