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

    /** Units of the target currency per unit of the source. */
    public BigDecimal value() {
      return rate;
    }

    /** The date or month the rate is quoted for; null when no conversion was needed. */
    public String quotedFor() {
      return date;
    }

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
    List<List<String>> records = io.costlake.io.CsvLines.cells(lines);
    List<String> header = new java.util.ArrayList<>();
    records.get(0).forEach(name -> header.add(name.toLowerCase(java.util.Locale.ROOT)));
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
      List<String> cells = records.get(n);
      int line = n + 1;
      if (cells.size() < header.size()) {
        throw CostlakeErrors.invalidInputFile(file, line, "has fewer columns than the header");
      }
      String[] row = {cells.get(at[0]), cells.get(at[1]), cells.get(at[2]), cells.get(at[3])};
      String problem = problem(row);
      if (problem != null) {
        throw CostlakeErrors.invalidInputFile(file, line, problem);
      }
      rows.add(normalized(row));
    }
    return new FxRates(rows);
  }

  /**
   * Rates from the rows of a rate table ({@code date, from, to, rate} as text); a bad row fails
   * naming the table and the row.
   */
  public static FxRates fromTable(List<String[]> tableRows, String table) {
    List<String[]> rows = new java.util.ArrayList<>();
    for (String[] row : tableRows) {
      String problem = problem(row);
      if (problem != null) {
        throw CostlakeErrors.invalidTableRow(
            table, "row " + java.util.Arrays.toString(row), problem);
      }
      rows.add(normalized(row));
    }
    return new FxRates(rows);
  }

  /** What is wrong with a (date, from, to, rate) row; null when nothing. */
  private static String problem(String[] row) {
    String date = row[0] == null ? "" : row[0].trim();
    if (!date.matches(PeriodRange.PERIOD + "(-\\d\\d)?")) {
      return "column date: '" + date + "' is not yyyy-MM or yyyy-MM-dd";
    }
    for (int i = 1; i <= 2; i++) {
      if (row[i] == null || !row[i].trim().matches("[A-Za-z]{3}")) {
        return "column " + (i == 1 ? "from" : "to") + ": '" + row[i] + "' is not a currency code";
      }
    }
    String rate = row[3] == null ? "" : row[3].trim();
    try {
      if (new BigDecimal(rate).signum() <= 0) {
        return "column rate: '" + rate + "' is not a positive number";
      }
    } catch (NumberFormatException e) {
      return "column rate: '" + rate + "' is not a positive number";
    }
    return null;
  }

  private static String[] normalized(String[] row) {
    return new String[] {
      row[0].trim(),
      row[1].trim().toUpperCase(java.util.Locale.ROOT),
      row[2].trim().toUpperCase(java.util.Locale.ROOT),
      row[3].trim()
    };
  }

  /**
   * These rates and those of {@code other}; two sources quoting different rates for one pair and
   * date is an error, since either choice would price some invoice silently wrong.
   */
  public FxRates with(FxRates other, String otherSource) {
    FxRates merged = new FxRates(List.of());
    byPair.forEach((pair, rates) -> merged.byPair.put(pair, new TreeMap<>(rates)));
    other.byPair.forEach(
        (pair, rates) ->
            rates.forEach(
                (date, rate) -> {
                  TreeMap<String, BigDecimal> into =
                      merged.byPair.computeIfAbsent(pair, k -> new TreeMap<>());
                  BigDecimal before = into.put(date, rate);
                  if (before != null && before.compareTo(rate) != 0) {
                    throw CostlakeErrors.invalidArgument(
                        otherSource,
                        String.format(
                            "quotes %s on %s at %s, another rate source at %s",
                            pair, date, rate.toPlainString(), before.toPlainString()));
                  }
                }));
    return merged;
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

  /**
   * The rate for converting {@code from} to {@code to} on {@code day}: the latest quote on or
   * before the day, a monthly quote counting from its month's first day (so a daily quote within
   * the month wins from its date on). Null when nothing is quoted on or before the day.
   */
  public Rate rateOn(String from, String to, java.time.LocalDate day) {
    if (from.equals(to)) {
      return new Rate(BigDecimal.ONE, null);
    }
    TreeMap<String, BigDecimal> rates = byPair.get(from + ">" + to);
    if (rates == null) {
      return null;
    }
    // Keys sort as text, so a month ("2025-10") sorts just before its days ("2025-10-01"): the
    // floor of a day is its latest quote, a monthly one counting from the month's first day.
    Map.Entry<String, BigDecimal> quote = rates.floorEntry(day.toString());
    if (quote == null) {
      return null;
    }
    return new Rate(quote.getValue(), quote.getKey());
  }
}
