package io.costlake.anomalies;

import io.costlake.config.BudgetConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where each budget stands in each period: spend to date, a run-rate forecast to the period's end,
 * and the alert thresholds that forecast crosses. Works on daily totals per budget scope (small).
 */
public final class BudgetBurn {
  private static final int RUN_RATE_DAYS = 7;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final BigDecimal MAX_PCT = new BigDecimal("99999.9999");

  private BudgetBurn() {}

  /** One day's cost of one scope value (an owner or a billing account) in one currency. */
  public static final class DailySpend {
    final String scope;
    final String scopeValue;
    final String currency;
    final LocalDate day;
    final BigDecimal cost;

    public DailySpend(
        String scope, String scopeValue, String currency, LocalDate day, BigDecimal cost) {
      this.scope = scope;
      this.scopeValue = scopeValue;
      this.currency = currency;
      this.day = day;
      this.cost = cost;
    }
  }

  /** A budget in one period. */
  public static final class Status {
    public final String period;
    public final BudgetConfig budget;
    public final BigDecimal spend;
    public final LocalDate asOf;
    public final int daysElapsed;
    public final int daysInPeriod;
    public final BigDecimal runRate;
    public final BigDecimal forecast;
    public final BigDecimal pctSpent;
    public final BigDecimal pctForecast;
    public final List<String> alerts;
    public final String status;

    Status(
        String period,
        BudgetConfig budget,
        BigDecimal spend,
        LocalDate asOf,
        BigDecimal runRate,
        BigDecimal forecast) {
      this.period = period;
      this.budget = budget;
      this.spend = spend;
      this.asOf = asOf;
      this.daysElapsed = asOf.getDayOfMonth();
      this.daysInPeriod = asOf.lengthOfMonth();
      this.runRate = runRate;
      this.forecast = forecast;
      this.pctSpent = pct(spend, budget.amount());
      this.pctForecast = pct(forecast, budget.amount());
      this.alerts =
          budget.alertsPct().stream()
              .filter(t -> pctForecast.compareTo(t) >= 0)
              .sorted()
              .map(BigDecimal::toPlainString)
              .collect(Collectors.toList());
      this.status =
          spend.compareTo(budget.amount()) > 0
              ? "over_budget"
              : forecast.compareTo(budget.amount()) > 0 ? "forecast_over" : "on_track";
    }

    private static BigDecimal pct(BigDecimal part, BigDecimal whole) {
      return part.multiply(HUNDRED).divide(whole, 4, RoundingMode.HALF_UP).min(MAX_PCT);
    }
  }

  /**
   * @param spend daily cost per scope value and currency
   * @param lastDay per billing period, the last day with any cost data: how far the month has run
   */
  public static List<Status> burn(
      List<BudgetConfig> budgets, List<DailySpend> spend, Map<String, LocalDate> lastDay) {
    List<Status> out = new ArrayList<>();
    for (Map.Entry<String, LocalDate> period : new TreeMap<>(lastDay).entrySet()) {
      LocalDate asOf = period.getValue();
      for (BudgetConfig budget : budgets) {
        if (!budget.appliesTo(period.getKey())) {
          continue;
        }
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal recent = BigDecimal.ZERO;
        LocalDate recentFrom = asOf.minusDays(RUN_RATE_DAYS - 1L);
        for (DailySpend d : spend) {
          boolean counts =
              d.scope.equals(budget.scope())
                  && d.scopeValue.equals(budget.scopeValue())
                  && d.currency.equals(budget.currency())
                  && YearMonth.from(d.day).toString().equals(period.getKey())
                  && !d.day.isAfter(asOf);
          if (counts) {
            total = total.add(d.cost);
            if (!d.day.isBefore(recentFrom)) {
              recent = recent.add(d.cost);
            }
          }
        }
        int days = Math.min(RUN_RATE_DAYS, asOf.getDayOfMonth());
        BigDecimal runRate = recent.divide(BigDecimal.valueOf(days), 10, RoundingMode.HALF_UP);
        int left = asOf.lengthOfMonth() - asOf.getDayOfMonth();
        BigDecimal forecast = total.add(runRate.multiply(BigDecimal.valueOf(left)));
        out.add(new Status(period.getKey(), budget, total, asOf, runRate, forecast));
      }
    }
    return out;
  }
}
