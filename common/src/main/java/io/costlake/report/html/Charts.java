package io.costlake.report.html;

import static io.costlake.report.html.Html.escape;
import static io.costlake.report.html.Html.num;

import java.math.BigDecimal;
import java.util.List;

/**
 * Charts as inline SVG, drawn here rather than by a script: the report opens without network or
 * JavaScript, prints, and shows the same picture in every browser. Each mark carries a title with
 * its exact value; the table beside each chart has every digit.
 */
public final class Charts {
  /** Tableau 10: distinguishable, and kind to the most common colour blindness. */
  static final List<String> PALETTE =
      List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1");

  private static final int WIDTH = 640;
  private static final int LABEL_WIDTH = 190;
  private static final int RIGHT = 20;
  private static final int BAR = 16;
  private static final int GAP = 8;

  private Charts() {}

  /**
   * Horizontal bars, one group per category, one bar per series (or one stacked bar).
   *
   * @param unit what the values are, for the axis title (a currency, "%")
   */
  public static String bars(
      String title, List<String> categories, List<Series> series, boolean stacked, String unit) {
    int perGroup = stacked ? 1 : series.size();
    int legend = series.size() > 1 ? 24 : 0;
    int top = 10 + legend;
    int plotHeight = categories.size() * (perGroup * BAR + GAP);
    int height = top + plotHeight + 40;
    double low = 0;
    double high = 0;
    for (int c = 0; c < categories.size(); c++) {
      double positive = 0;
      double negative = 0;
      for (Series s : series) {
        double v = s.values.get(c).doubleValue();
        if (stacked) {
          positive += Math.max(v, 0);
          negative += Math.min(v, 0);
        } else {
          positive = Math.max(positive, v);
          negative = Math.min(negative, v);
        }
      }
      high = Math.max(high, positive);
      low = Math.min(low, negative);
    }
    Axis axis = Axis.of(low, high);
    double plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
    StringBuilder svg = open(title, height);
    legend(svg, series, LABEL_WIDTH);
    // Grid and value axis.
    for (double tick : axis.ticks) {
      double x = LABEL_WIDTH + axis.fraction(tick) * plotWidth;
      svg.append(
          String.format(
              "<line class=\"grid\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\"/>",
              num(x), top, num(x), top + plotHeight));
      svg.append(
          String.format(
              "<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              num(x), top + plotHeight + 16, escape(Axis.label(tick))));
    }
    svg.append(
        String.format(
            "<text class=\"axis-title\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>",
            num(LABEL_WIDTH + plotWidth / 2), top + plotHeight + 34, escape(unit)));
    double zero = LABEL_WIDTH + axis.fraction(0) * plotWidth;
    for (int c = 0; c < categories.size(); c++) {
      int groupTop = top + c * (perGroup * BAR + GAP) + GAP / 2;
      String category = categories.get(c);
      svg.append(
          String.format(
              "<text class=\"category\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s<title>%s</title></text>",
              LABEL_WIDTH - 6,
              groupTop + perGroup * BAR / 2 + 4,
              escape(shorten(category)),
              escape(category)));
      double positiveEnd = 0;
      double negativeEnd = 0;
      for (int s = 0; s < series.size(); s++) {
        double v = series.get(s).values.get(c).doubleValue();
        double from;
        double to;
        if (stacked) {
          from = v >= 0 ? positiveEnd : negativeEnd;
          to = from + v;
          if (v >= 0) {
            positiveEnd = to;
          } else {
            negativeEnd = to;
          }
        } else {
          from = 0;
          to = v;
        }
        double x1 = LABEL_WIDTH + axis.fraction(Math.min(from, to)) * plotWidth;
        double x2 = LABEL_WIDTH + axis.fraction(Math.max(from, to)) * plotWidth;
        int y = stacked ? groupTop : groupTop + s * BAR;
        svg.append(
            String.format(
                "<rect class=\"mark\" x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"%s\">"
                    + "<title>%s, %s: %s</title></rect>",
                num(x1),
                y,
                num(Math.max(x2 - x1, v == 0 ? 0 : 1)),
                BAR - 2,
                color(s),
                escape(category),
                escape(series.get(s).name),
                hover(series.get(s).values.get(c), unit)));
      }
    }
    svg.append(
        String.format(
            "<line class=\"axis\" x1=\"%s\" y1=\"%d\" x2=\"%s\" y2=\"%d\"/>",
            num(zero), top, num(zero), top + plotHeight));
    return svg.append("</svg>").toString();
  }

  /** One line per series over ordered categories (days, months); about eight labelled. */
  public static String lines(String title, List<String> xs, List<Series> series, String unit) {
    int left = 64;
    int top = 10 + (series.size() > 1 ? 24 : 0);
    int plotHeight = 220;
    int height = top + plotHeight + 44;
    double plotWidth = WIDTH - left - RIGHT;
    double low = 0;
    double high = 0;
    for (Series s : series) {
      for (var v : s.values) {
        low = Math.min(low, v.doubleValue());
        high = Math.max(high, v.doubleValue());
      }
    }
    Axis axis = Axis.of(low, high);
    StringBuilder svg = open(title, height);
    legend(svg, series, left);
    for (double tick : axis.ticks) {
      double y = top + (1 - axis.fraction(tick)) * plotHeight;
      svg.append(
          String.format(
              "<line class=\"grid\" x1=\"%d\" y1=\"%s\" x2=\"%s\" y2=\"%s\"/>",
              left, num(y), num(left + plotWidth), num(y)));
      svg.append(
          String.format(
              "<text class=\"tick\" x=\"%d\" y=\"%s\" text-anchor=\"end\">%s</text>",
              left - 6, num(y + 4), escape(Axis.label(tick))));
    }
    svg.append(
        String.format(
            "<text class=\"axis-title\" x=\"12\" y=\"%s\" transform=\"rotate(-90 12 %s)\""
                + " text-anchor=\"middle\">%s</text>",
            num(top + plotHeight / 2.0), num(top + plotHeight / 2.0), escape(unit)));
    int n = xs.size();
    double step = n > 1 ? plotWidth / (n - 1) : 0;
    int every = Math.max(1, (int) Math.ceil(n / 8.0));
    for (int i = 0; i < n; i += every) {
      double x = left + (n > 1 ? i * step : plotWidth / 2);
      svg.append(
          String.format(
              "<text class=\"tick\" x=\"%s\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              num(x), top + plotHeight + 16, escape(xs.get(i))));
    }
    for (int s = 0; s < series.size(); s++) {
      StringBuilder points = new StringBuilder();
      StringBuilder dots = new StringBuilder();
      for (int i = 0; i < n; i++) {
        double x = left + (n > 1 ? i * step : plotWidth / 2);
        double y =
            top + (1 - axis.fraction(series.get(s).values.get(i).doubleValue())) * plotHeight;
        points.append(num(x)).append(',').append(num(y)).append(' ');
        dots.append(
            String.format(
                "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"%s\"><title>%s, %s: %s</title></circle>",
                num(x),
                num(y),
                color(s),
                escape(xs.get(i)),
                escape(series.get(s).name),
                hover(series.get(s).values.get(i), unit)));
      }
      svg.append(
          String.format(
              "<polyline class=\"mark\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>",
              color(s), points.toString().trim()));
      svg.append(dots);
    }
    svg.append(
        String.format(
            "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>",
            left, top + plotHeight, WIDTH - RIGHT, top + plotHeight));
    return svg.append("</svg>").toString();
  }

  private static StringBuilder open(String title, int height) {
    return new StringBuilder(
        String.format(
            "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
                + " width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\"><title>%s</title>",
            WIDTH, height, WIDTH, height, escape(title), escape(title)));
  }

  private static void legend(StringBuilder svg, List<Series> series, int left) {
    if (series.size() < 2) {
      return;
    }
    int x = left;
    for (int s = 0; s < series.size(); s++) {
      svg.append(
          String.format(
              "<rect x=\"%d\" y=\"6\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                  + "<text class=\"legend\" x=\"%d\" y=\"16\">%s</text>",
              x, color(s), x + 16, escape(series.get(s).name)));
      x += 24 + 7 * series.get(s).name.length();
    }
  }

  private static String color(int series) {
    return PALETTE.get(series % PALETTE.size());
  }

  private static String shorten(String label) {
    return label.length() <= 28 ? label : label.substring(0, 27) + "\u2026";
  }

  /** A mark's exact value as the tables beside the charts show it, with its unit. */
  static String hover(BigDecimal value, String unit) {
    return escape(ReportPage.display(value) + " " + unit);
  }
}
