package io.costlake.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * costlake's one CSV writer. {@link #cell} is for spreadsheets: RFC 4180 quoting, numbers as plain
 * decimals, and text that a spreadsheet would run as a formula ({@code = + - @}, tab, carriage
 * return first) prefixed with a quote.
 */
public final class Csv {
  private Csv() {}

  public static String of(List<String> headers, List<List<Object>> rows) {
    StringBuilder out = new StringBuilder();
    out.append(headers.stream().map(Csv::cell).collect(Collectors.joining(","))).append('\n');
    for (List<Object> row : rows) {
      out.append(row.stream().map(Csv::cell).collect(Collectors.joining(","))).append('\n');
    }
    return out.toString();
  }

  public static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal) {
      return ((BigDecimal) value).toPlainString();
    }
    String text = String.valueOf(value);
    if (!(value instanceof Number) && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text; // a spreadsheet must not run it as a formula
    }
    return quoted(text);
  }

  /**
   * RFC 4180 quoting only, for machine-read output ({@code costlake sql --format csv}): the value
   * exactly as it is, quoted where it holds a comma, quote or line break.
   */
  public static String quoted(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }
}
