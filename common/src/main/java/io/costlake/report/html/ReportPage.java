package io.costlake.report.html;

import static io.costlake.report.html.Html.escape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;

/**
 * The report as one self-contained HTML page: inline CSS and SVG, no script, no fonts or images to
 * fetch, so it opens from a file, an e-mail attachment or an object store as it is.
 */
public final class ReportPage {
  private static final int TABLE_ROWS = 25;

  private static final String STYLE =
      "body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;margin:0;"
          + "color:#222;background:#fafafa}"
          + "header{background:#1f3a5f;color:#fff;padding:16px 24px}"
          + "header h1{margin:0;font-size:22px}header p{margin:4px 0 0;opacity:.85}"
          + "nav{padding:8px 24px;background:#e8edf3}nav a{margin-right:14px;color:#1f3a5f}"
          + "section{background:#fff;margin:16px 24px;padding:12px 16px;border:1px solid #ddd;"
          + "border-radius:6px}section h2{margin:0 0 4px;font-size:18px}"
          + ".note{margin:0 0 10px;color:#555}"
          + ".pair{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-start}"
          + ".pair>figure{margin:0;flex:0 0 auto}.pair>.table{flex:1 1 420px;overflow-x:auto}"
          + "table{border-collapse:collapse;font-size:12px}"
          + "th,td{border-bottom:1px solid #eee;padding:3px 8px;text-align:left;white-space:nowrap}"
          + "td.num{text-align:right;font-variant-numeric:tabular-nums}th{background:#f3f5f8}"
          + ".empty{color:#777;font-style:italic}.more{color:#555;font-size:12px}"
          + "svg.chart text{font-size:11px;fill:#333}svg.chart .grid{stroke:#e3e3e3}"
          + "svg.chart .axis{stroke:#777}svg.chart .axis-title{fill:#555}";

  private ReportPage() {}

  public static String render(String title, String subtitle, List<Section> sections) {
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head>\n<body><header><h1>")
        .append(escape(title))
        .append("</h1><p>")
        .append(escape(subtitle))
        .append("</p></header>\n<nav>");
    for (Section s : sections) {
      html.append("<a href=\"#").append(s.id).append("\">").append(escape(s.title)).append("</a>");
    }
    html.append("</nav>\n");
    for (Section s : sections) {
      section(html, s);
    }
    return html.append("</body></html>\n").toString();
  }

  private static void section(StringBuilder html, Section s) {
    html.append("<section id=\"")
        .append(s.id)
        .append("\"><h2>")
        .append(escape(s.title))
        .append("</h2><p class=\"note\">")
        .append(escape(s.note))
        .append("</p>");
    if (s.rows.isEmpty()) {
      html.append("<p class=\"empty\">No data for this part yet.</p></section>\n");
      return;
    }
    html.append("<div class=\"pair\">");
    if (s.chart != null) {
      html.append("<figure>").append(s.chart).append("</figure>");
    }
    html.append("<div class=\"table\"><table><thead><tr>");
    for (String h : s.headers) {
      html.append("<th>").append(escape(h)).append("</th>");
    }
    html.append("</tr></thead><tbody>");
    for (List<Object> row : s.rows.subList(0, Math.min(TABLE_ROWS, s.rows.size()))) {
      html.append("<tr>");
      for (Object cell : row) {
        boolean number = cell instanceof Number;
        html.append(number ? "<td class=\"num\">" : "<td>")
            .append(escape(display(cell)))
            .append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</tbody></table><p class=\"more\">");
    if (s.rows.size() > TABLE_ROWS) {
      html.append(TABLE_ROWS).append(" of ").append(s.rows.size()).append(" rows shown. ");
    }
    html.append("All rows: <a href=\"")
        .append(s.csvFile())
        .append("\">")
        .append(s.csvFile())
        .append("</a></p></div></div></section>\n");
  }

  /** Amounts with two decimals and thousands separators; the CSV keeps every digit. */
  static String display(Object cell) {
    if (cell == null) {
      return "";
    }
    if (cell instanceof BigDecimal) {
      DecimalFormat format =
          new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
      return format.format(((BigDecimal) cell).setScale(2, RoundingMode.HALF_UP));
    }
    if (cell instanceof java.sql.Timestamp) {
      return ((java.sql.Timestamp) cell).toInstant().toString();
    }
    if (cell instanceof scala.collection.Seq) {
      return String.join(
          ", ",
          scala.collection.JavaConverters.seqAsJavaList((scala.collection.Seq<?>) cell).stream()
              .map(String::valueOf)
              .toArray(String[]::new));
    }
    return String.valueOf(cell);
  }
}
