package io.costlake.report.html;

/** Text into HTML and SVG: every value from the tables is escaped, names included. */
final class Html {
  private Html() {}

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '&':
          out.append("&amp;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /** Coordinates with one decimal: enough for a screen, and stable text for tests. */
  static String num(double value) {
    return String.format(java.util.Locale.ROOT, "%.1f", value);
  }
}
