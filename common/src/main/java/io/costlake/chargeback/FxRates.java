package io.costlake.chargeback;

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
