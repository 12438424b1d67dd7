package io.costlake.anomalies;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;

import io.costlake.config.BudgetConfig;
import io.costlake.model.BudgetBurnColumn;
import io.costlake.model.Schemas;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Spark side of budgets: daily cost of the budgeted owners (cost_allocated) and accounts
 * (cost_line_items), one aggregation each, and the last day of data per period; results to rows.
 */
public final class BudgetFrames {
  private BudgetFrames() {}

  /** Daily cost of every budgeted scope value; allocated may be null (no owner budgets then). */
  public static List<BudgetBurn.DailySpend> dailySpend(
      List<BudgetConfig> budgets, Dataset<Row> lines, Dataset<Row> allocated, String cost) {
    List<BudgetBurn.DailySpend> out = new ArrayList<>();
    add(out, budgets, BudgetConfig.OWNER, allocated, "owner", cost);
    add(out, budgets, BudgetConfig.ACCOUNT, lines, "BillingAccountId", cost);
    return out;
  }

  private static void add(
      List<BudgetBurn.DailySpend> out,
      List<BudgetConfig> budgets,
      String scope,
      Dataset<Row> rows,
      String column,
      String cost) {
    List<String> values =
        budgets.stream()
            .filter(b -> b.scope().equals(scope))
            .map(BudgetConfig::scopeValue)
            .distinct()
            .collect(Collectors.toList());
    if (values.isEmpty() || rows == null) {
      return;
    }
    for (Row r :
        rows.filter(col(column).isin(values.toArray()))
            .groupBy(col(column), col("BillingCurrency"), to_date(col("ChargePeriodStart")))
            .agg(sum(col(cost)))
            .collectAsList()) {
      out.add(
          new BudgetBurn.DailySpend(
              scope, r.getString(0), r.getString(1), r.getDate(2).toLocalDate(), r.getDecimal(3)));
    }
  }

  /** Per billing period, the last day in it with any cost: how far the month's data has run. */
  public static Map<String, java.time.LocalDate> lastDays(Dataset<Row> lines) {
    Map<String, java.time.LocalDate> out = new TreeMap<>();
    Dataset<Row> inPeriod =
        lines.filter(
            date_format(col("ChargePeriodStart"), "yyyy-MM").equalTo(col("x_BillingPeriod")));
    for (Row r :
        inPeriod
            .groupBy(col("x_BillingPeriod"))
            .agg(max(to_date(col("ChargePeriodStart"))))
            .collectAsList()) {
      out.put(r.getString(0), r.getDate(1).toLocalDate());
    }
    return out;
  }

  public static List<Row> rows(List<BudgetBurn.Status> statuses, Timestamp now) {
    List<Row> rows = new ArrayList<>();
    for (BudgetBurn.Status s : statuses) {
      Map<BudgetBurnColumn, Object> v = new EnumMap<>(BudgetBurnColumn.class);
      v.put(BudgetBurnColumn.x_BillingPeriod, s.period);
      v.put(BudgetBurnColumn.budget_id, s.budget.id());
      v.put(BudgetBurnColumn.scope, s.budget.scope());
      v.put(BudgetBurnColumn.scope_value, s.budget.scopeValue());
      v.put(BudgetBurnColumn.currency, s.budget.currency());
      v.put(BudgetBurnColumn.budget_amount, s.budget.amount());
      v.put(BudgetBurnColumn.spend_to_date, s.spend);
      v.put(BudgetBurnColumn.as_of, Date.valueOf(s.asOf));
      v.put(BudgetBurnColumn.days_elapsed, s.daysElapsed);
      v.put(BudgetBurnColumn.days_in_period, s.daysInPeriod);
      v.put(BudgetBurnColumn.daily_run_rate, s.runRate);
      v.put(BudgetBurnColumn.forecast, s.forecast);
      v.put(BudgetBurnColumn.pct_spent, s.pctSpent);
      v.put(BudgetBurnColumn.pct_forecast, s.pctForecast);
      v.put(
          BudgetBurnColumn.alerts, scala.collection.JavaConverters.asScalaBuffer(s.alerts).toSeq());
      v.put(BudgetBurnColumn.status, s.status);
      v.put(BudgetBurnColumn.computed_at, now);
      rows.add(Schemas.row(v, BudgetBurnColumn.values().length));
    }
    return rows;
  }
}
