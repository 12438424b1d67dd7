package io.costlake.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** Row counts as people write them: {@code 1M,2M,500k,20000}. */
public final class Sizes {
  private Sizes() {}

  /**
   * The distinct sizes, smallest first.
   *
   * @throws IllegalArgumentException naming the entry that is not a positive count
   */
  public static List<Long> parse(String list) {
    TreeSet<Long> sizes = new TreeSet<>();
    for (String entry : list.split(",")) {
      sizes.add(parseOne(entry.trim()));
    }
    return new ArrayList<>(sizes);
  }

  static long parseOne(String entry) {
    String lower = entry.toLowerCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    if (lower.endsWith("k")) {
      unit = 1_000;
    } else if (lower.endsWith("m")) {
      unit = 1_000_000;
    }
    String digits = unit == 1 ? lower : lower.substring(0, lower.length() - 1);
    try {
      double value = Double.parseDouble(digits);
      long rows = Math.round(value * unit);
      if (digits.isEmpty() || !digits.matches("[0-9.]+") || rows < 1) {
        throw new NumberFormatException();
      }
      return rows;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + entry + "' is not one");
    }
  }

  /** {@code 1M}, {@code 250k} or the plain count: how sizes are labelled in the report. */
  public static String label(long rows) {
    if (rows % 1_000_000 == 0) {
      return rows / 1_000_000 + "M";
    }
    if (rows % 1_000 == 0) {
      return rows / 1_000 + "k";
    }
    return Long.toString(rows);
  }
}
