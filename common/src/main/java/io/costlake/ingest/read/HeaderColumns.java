package io.costlake.ingest.read;

import java.util.HashMap;
import java.util.Map;

/** Checks of a CSV header line as written, before any layout reads it. */
final class HeaderColumns {
  private HeaderColumns() {}

  /**
   * Why a header that names a column twice cannot be read, or null: which of the two cells is the
   * column's value is anyone's guess, so the file is refused instead of taking the first. Names are
   * compared as written (tag keys differ by case); blank cells (trailing delimiters) are not names.
   */
  static String twice(String[] names) {
    Map<String, Integer> first = new HashMap<>();
    for (int i = 0; i < names.length; i++) {
      String name = names[i] == null ? "" : names[i].trim();
      if (name.isEmpty()) {
        continue;
      }
      Integer earlier = first.putIfAbsent(name, i + 1);
      if (earlier != null) {
        return "the header names column '"
            + name
            + "' twice, at positions "
            + earlier
            + " and "
            + (i + 1)
            + "; which one holds its values is ambiguous";
      }
    }
    return null;
  }
}
