package io.costlake.chargeback;

import io.costlake.config.PeriodRange;
import io.costlake.errors.CostlakeErrors;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exchange rates from a rate table (one rate per currency pair and month {@code yyyy-MM}, or per
 * day {@code yyyy-MM-dd}). A billing period converts at its monthly rate when there is one, else at
 * the last daily rate of the month or before it (the month-end rate finance books use). The rate
 * and its date go on every converted line.
 */
public final class FxRates {
  /** A rate and the date (or month) it is quoted for. */
  public static final class Rate {
    final BigDecimal rate;
    final String date;

    Rate(BigDecimal rate, String date) {
      this.rate = rate;
      this.date = date;
    }
  }

  private final Map<String, TreeMap<String, BigDecimal>> byPair = new HashMap<>();

  /**
   * @param rows (date or month, from currency, to currency, rate): units of "to" per "from"
   */
  public FxRates(List<String[]> rows) {
    for (String[] row : rows) {
      byPair
          .computeIfAbsent(row[1] + ">" + row[2], k -> new TreeMap<>())
          .put(row[0], new BigDecimal(row[3]));
    }
  }

  /**
   * Parses a rate table: a CSV header naming {@code date, from, to, rate} (date is yyyy-MM or
   * yyyy-MM-dd), then one rate per line. A bad line fails with its file and line.
   */
  public static FxRates parse(List<String> lines, String file) {
    if (lines.isEmpty()) {
      throw CostlakeErrors.invalidInputFile(
          file, 1, "is empty; it needs a header date,from,to,rate");
    }
    List<String> header =
        java.util.Arrays.asList(
            lines.get(0).trim().toLowerCase(java.util.Locale.ROOT).split("\\s*,\\s*"));
    int[] at = {
      header.indexOf("date"), header.indexOf("from"), header.indexOf("to"), header.indexOf("rate")
    };
    if (java.util.Arrays.stream(at).anyMatch(i -> i < 0)) {
      throw CostlakeErrors.invalidInputFile(
          file, 1, "needs a header with the columns date, from, to and rate (got " + header + ")");
    }
    List<String[]> rows = new java.util.ArrayList<>();
    for (int n = 1; n < lines.size(); n++) {
      if (lines.get(n).isBlank()) {
        continue;
      }
      String[] cells = lines.get(n).split("\\s*,\\s*", -1);
      int line = n + 1;
      if (cells.length < header.size()) {
        throw CostlakeErrors.invalidInputFile(file, line, "has fewer columns than the header");
      }
      String date = cells[at[0]].trim();
      if (!date.matches(PeriodRange.PERIOD + "(-\\d\\d)?")) {
        throw CostlakeErrors.invalidInputFile(
            file, line, "column date: '" + date + "' is not yyyy-MM or yyyy-MM-dd");
      }
      String rate = cells[at[3]].trim();
      try {
        if (new BigDecimal(rate).signum() <= 0) {
          throw new NumberFormatException();
        }
      } catch (NumberFormatException e) {
        throw CostlakeErrors.invalidInputFile(
            file, line, "column rate: '" + rate + "' is not a positive number");
      }
      rows.add(
          new String[] {
            date,
            cells[at[1]].trim().toUpperCase(java.util.Locale.ROOT),
            cells[at[2]].trim().toUpperCase(java.util.Locale.ROOT),
            rate
          });
    }
    return new FxRates(rows);
  }

  /** The rate for converting {@code from} to {@code to} in {@code period}; null when none. */
  public Rate rate(String from, String to, String period) {
    if (from.equals(to)) {
      return new Rate(BigDecimal.ONE, null);
    }
    TreeMap<String, BigDecimal> rates = byPair.get(from + ">" + to);
    if (rates == null) {
      return null;
    }
    if (rates.containsKey(period)) {
      return new Rate(rates.get(period), period);
    }
    String monthEnd = YearMonth.parse(period).atEndOfMonth().toString();
    Map.Entry<String, BigDecimal> daily = rates.floorEntry(monthEnd);
    while (daily != null && daily.getKey().length() != 10) {
      daily = rates.lowerEntry(daily.getKey()); // skip monthly rates of earlier months
    }
    return daily == null ? null : new Rate(daily.getValue(), daily.getKey());
  }
}
