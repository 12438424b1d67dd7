package io.costlake.report.html;

import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.spark.RowScope;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The report's sections, each one small aggregate query over the tables registered as views in the
 * session (every query returns at most a few hundred rows, so collecting them is cheap). Charts
 * show one currency: the reporting currency when {@code report} converted the rollups into one
 * (every provider is drawn, each day at its rate), else the currency with the most lines, because
 * amounts in different currencies do not add up; the tables beside them list every currency.
 */
public final class ReportSections {
  private static final int TOP = 10;

  private final SparkSession spark;
  private final String where;
  private final String currency;
  private final boolean converted;
  private final String latest;
  private final Optional<BillingPeriod> onlyPeriod;

  /**
   * @param onlyPeriod report one billing period, or every period in the tables
   */
  public ReportSections(SparkSession spark, Optional<BillingPeriod> onlyPeriod) {
    this.spark = spark;
    this.onlyPeriod = onlyPeriod;
    this.where =
        onlyPeriod
            .map(p -> RowScope.equalTo(FocusColumn.x_BillingPeriod.name(), p).sql())
            .orElse("TRUE");
    List<Row> reporting =
        spark
            .sql(
                "SELECT MAX(reporting_currency), MAX(x_BillingPeriod) FROM usage_monthly WHERE "
                    + where
                    + " HAVING COUNT(DISTINCT reporting_currency) = 1")
            .collectAsList();
    this.converted = !reporting.isEmpty();
    List<Row> main =
        converted
            ? reporting
            : spark
                .sql(
                    "SELECT BillingCurrency, MAX(x_BillingPeriod) FROM usage_monthly WHERE "
                        + where
                        + " GROUP BY 1 ORDER BY SUM(line_count) DESC, 1 LIMIT 1")
                .collectAsList();
    this.currency = main.isEmpty() ? "USD" : main.get(0).getString(0);
    if (converted) {
      // Each day's and each period's rate into the reporting currency, as report used them, for
      // the charts of the tables that keep only their billing currency.
      spark
          .sql(
              "SELECT DISTINCT BillingCurrency, day, fx_rate FROM usage_daily"
                  + " WHERE fx_rate IS NOT NULL")
          .createOrReplaceTempView("fx_day");
      spark
          .sql(
              "SELECT BillingCurrency, x_BillingPeriod, MAX_BY(fx_rate, day) AS fx_rate"
                  + " FROM usage_daily WHERE fx_rate IS NOT NULL GROUP BY 1, 2")
          .createOrReplaceTempView("fx_period");
    }
    this.latest =
        main.isEmpty() ? onlyPeriod.map(String::valueOf).orElse("") : main.get(0).getString(1);
  }

  /** What the charts show, for the page's subtitle. */
  public String scope() {
    return "Charts in "
        + currency
        + (converted ? " (every provider, converted by day)" : "")
        + "; latest billing period "
        + latest
        + ".";
  }

  public List<Section> all() {
    return List.of(
        spendTrend(),
        amortizedVsBilled(),
        topServices(),
        allocationByOwner(),
        commitmentUtilization(),
        anomalies(),
        reconciliation(),
        pipelineHealth());
  }

  Section spendTrend() {
    // The latest period of the chart currency and the two calendar months before it. Days outside
    // those months (late charges of an earlier month) would only stretch the axis.
    YearMonth last = latest.isEmpty() ? YearMonth.of(1970, 1) : YearMonth.parse(latest);
    YearMonth first = onlyPeriod.isPresent() ? last : last.minusMonths(2);
    List<Row> days =
        rows(
            "SELECT day, x_Provider, SUM(%s) FROM usage_daily WHERE %s AND %s AND x_BillingPeriod"
                + " BETWEEN %s AND %s AND day BETWEEN DATE%s AND DATE%s GROUP BY 1, 2 ORDER BY 1, 2",
            converted ? "reporting_effective_cost" : "EffectiveCost",
            where,
            charted("BillingCurrency"),
            quoted(first.toString()),
            quoted(last.toString()),
            quoted(first.atDay(1).toString()),
            quoted(last.atEndOfMonth().toString()));
    String chart = null;
    if (!days.isEmpty()) {
      LocalDate firstDay = ((java.sql.Date) days.get(0).get(0)).toLocalDate();
      LocalDate lastDay = ((java.sql.Date) days.get(days.size() - 1).get(0)).toLocalDate();
      List<String> xs = new ArrayList<>();
      for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
        xs.add(d.toString());
      }
      Map<String, BigDecimal[]> byProvider = new LinkedHashMap<>();
      for (Row r : days) {
        BigDecimal[] values =
            byProvider.computeIfAbsent(r.getString(1), p -> new BigDecimal[xs.size()]);
        values[xs.indexOf(r.get(0).toString())] = r.getDecimal(2);
      }
      List<Series> series = new ArrayList<>();
      byProvider.forEach((p, v) -> series.add(new Series(p, java.util.Arrays.asList(v))));
      chart = Charts.lines("Daily effective cost by provider", xs, series, currency + " per day");
    }
    return section(
        "spend_trend",
        "Spend trend",
        "Daily amortized (effective) cost per provider over the last three months (or the period"
            + " asked);"
            + " the table has every period, provider and currency.",
        chart,
        "SELECT x_BillingPeriod, x_Provider, BillingCurrency, SUM(BilledCost) AS billed_cost,"
            + " SUM(EffectiveCost) AS effective_cost, MIN(period_status) AS period_status FROM"
            + " usage_monthly WHERE %s GROUP BY 1, 2, 3 ORDER BY 1 DESC, 2, 3",
        where);
  }

  Section amortizedVsBilled() {
    List<Row> rows =
        rows(
            "SELECT x_BillingPeriod, BillingCurrency, SUM(BilledCost) AS billed_cost,"
                + " SUM(EffectiveCost) AS amortized_cost, SUM(EffectiveCost) - SUM(BilledCost) AS"
                + " difference FROM usage_monthly WHERE %s GROUP BY 1, 2 ORDER BY 1 DESC, 2",
            where);
    List<Row> charted =
        converted
            ? rows(
                "SELECT x_BillingPeriod, NULL, SUM(reporting_billed_cost),"
                    + " SUM(reporting_effective_cost) FROM usage_monthly WHERE %s GROUP BY 1"
                    + " ORDER BY 1 DESC",
                where)
            : inCurrency(rows, 1);
    return new Section(
        "amortized_vs_billed",
        "Amortized vs billed",
        "Billed cost is what the invoice says; amortized (effective) cost spreads commitment"
            + " purchases over the periods they cover.",
        charted.isEmpty()
            ? null
            : Charts.bars(
                "Billed and amortized cost per billing period",
                column(charted, 0),
                List.of(
                    new Series("billed", decimals(charted, 2)),
                    new Series("amortized", decimals(charted, 3))),
                false,
                currency),
        List.of(
            "x_BillingPeriod", "BillingCurrency", "billed_cost", "amortized_cost", "difference"),
        values(rows));
  }

  Section topServices() {
    return ranked(
        "top_services",
        "Top services",
        "The services with the most amortized cost in " + latest + ".",
        "SELECT ServiceName, x_Provider, BillingCurrency, SUM(EffectiveCost) AS effective_cost,"
            + " SUM(BilledCost) AS billed_cost FROM usage_monthly WHERE x_BillingPeriod = %s"
            + " GROUP BY 1, 2, 3 ORDER BY 4 DESC, 1",
        "Amortized cost by service, " + latest);
  }

  Section allocationByOwner() {
    List<Row> rows =
        rows(
            "SELECT owner, BillingCurrency, SUM(EffectiveCost) AS effective_cost,"
                + " SUM(CASE WHEN allocation_method = 'direct' THEN EffectiveCost ELSE 0 END) AS"
                + " direct, SUM(CASE WHEN allocation_method <> 'direct' THEN EffectiveCost ELSE 0"
                + " END) AS by_rule FROM cost_allocated WHERE x_BillingPeriod = %s GROUP BY 1, 2"
                + " ORDER BY 3 DESC, 1",
            quoted(latest));
    List<Row> charted =
        top(
            converted
                ? rows(
                    "SELECT owner, NULL, SUM(EffectiveCost * fx_rate),"
                        + " SUM(CASE WHEN allocation_method = 'direct' THEN EffectiveCost * fx_rate"
                        + " ELSE 0 END), SUM(CASE WHEN allocation_method <> 'direct' THEN"
                        + " EffectiveCost * fx_rate ELSE 0 END) FROM cost_allocated a JOIN fx_day f"
                        + " ON a.BillingCurrency = f.BillingCurrency AND TO_DATE(a.ChargePeriodStart)"
                        + " = f.day WHERE x_BillingPeriod = %s GROUP BY 1 ORDER BY 3 DESC, 1",
                    quoted(latest))
                : inCurrency(rows, 1));
    return new Section(
        "allocation_by_owner",
        "Allocation by owner",
        "Who owns the cost of "
            + latest
            + " after tag policy and allocation rules: cost tagged or accounted to the owner"
            + " directly, and cost shared to it by rules. Unallocated cost has its own bucket.",
        charted.isEmpty()
            ? null
            : Charts.bars(
                "Amortized cost by owner, " + latest,
                column(charted, 0),
                List.of(
                    new Series("direct", decimals(charted, 3)),
                    new Series("shared by rules", decimals(charted, 4))),
                true,
                currency),
        List.of("owner", "BillingCurrency", "effective_cost", "direct", "by_rule"),
        values(rows));
  }

  Section commitmentUtilization() {
    List<Row> rows =
        rows(
            "SELECT x_BillingPeriod, CommitmentDiscountType, BillingCurrency,"
                + " SUM(commitment_cost) AS commitment_cost, SUM(used_cost) AS used_cost,"
                + " SUM(unused_cost) AS unused_cost, CAST(100 * SUM(used_cost) /"
                + " NULLIF(SUM(commitment_cost), 0) AS DECIMAL(9, 2)) AS utilization_pct FROM"
                + " commitment_utilization WHERE %s GROUP BY 1, 2, 3 ORDER BY 1 DESC, 2, 3",
            where);
    List<Row> perPeriod =
        converted
            ? rows(
                "SELECT u.x_BillingPeriod, SUM(used_cost * fx_rate), SUM(unused_cost * fx_rate)"
                    + " FROM commitment_utilization u JOIN fx_period f ON u.BillingCurrency ="
                    + " f.BillingCurrency AND u.x_BillingPeriod = f.x_BillingPeriod WHERE %s"
                    + " GROUP BY 1 ORDER BY 1 DESC",
                whereOf("u"))
            : rows(
                "SELECT x_BillingPeriod, SUM(used_cost), SUM(unused_cost) FROM"
                    + " commitment_utilization WHERE %s AND BillingCurrency = %s GROUP BY 1 ORDER"
                    + " BY 1 DESC",
                where, quoted(currency));
    return new Section(
        "commitment_utilization",
        "Commitment utilization",
        "What reservations, savings plans and committed-use discounts cost, split into the part"
            + " that covered usage and the part that went unused (waste).",
        perPeriod.isEmpty()
            ? null
            : Charts.bars(
                "Used and unused commitment cost per billing period",
                column(perPeriod, 0),
                List.of(
                    new Series("used", decimals(perPeriod, 1)),
                    new Series("unused", decimals(perPeriod, 2))),
                true,
                currency),
        List.of(
            "x_BillingPeriod",
            "CommitmentDiscountType",
            "BillingCurrency",
            "commitment_cost",
            "used_cost",
            "unused_cost",
            "utilization_pct"),
        values(rows));
  }

  Section anomalies() {
    List<Row> rows =
        rows(
            "SELECT day, label, dimension, x_Provider, COALESCE(ServiceName, owner) AS series,"
                + " BillingCurrency, expected, actual, impact, score, driver FROM cost_anomalies"
                + " WHERE %s ORDER BY CASE WHEN label = 'anomaly' THEN 0 ELSE 1 END, day DESC,"
                + " ABS(impact) DESC",
            where);
    List<Row> charted =
        converted
            ? rows(
                "SELECT a.day, label, NULL, NULL, COALESCE(ServiceName, owner), NULL, NULL, NULL,"
                    + " impact * fx_rate FROM cost_anomalies a JOIN fx_day f ON a.BillingCurrency"
                    + " = f.BillingCurrency AND a.day = f.day WHERE label = 'anomaly' AND %s"
                    + " ORDER BY a.day DESC, ABS(impact * fx_rate) DESC LIMIT %s",
                whereOf("a"), String.valueOf(TOP))
            : rows.stream()
                .filter(r -> "anomaly".equals(r.getString(1)) && currency.equals(r.getString(5)))
                .limit(TOP)
                .collect(Collectors.toList());
    return new Section(
        "anomalies",
        "Cost anomalies",
        "Days a series left its weekday baseline by more than the threshold and the minimum"
            + " impact. Restatements, credits, commitment true-ups, tax and recurring fees are"
            + " listed with their label, not as anomalies.",
        charted.isEmpty()
            ? null
            : Charts.bars(
                "Impact of each anomaly (actual - expected)",
                charted.stream()
                    .map(r -> r.get(0) + " " + r.getString(4))
                    .collect(Collectors.toList()),
                List.of(new Series("impact", decimals(charted, 8))),
                false,
                currency),
        List.of(
            "day",
            "label",
            "dimension",
            "x_Provider",
            "series",
            "BillingCurrency",
            "expected",
            "actual",
            "impact",
            "score",
            "driver"),
        values(rows));
  }

  Section reconciliation() {
    List<Row> rows =
        rows(
            "SELECT x_BillingPeriod, x_Provider, BillingAccountId, invoice_id, BillingCurrency,"
                + " status, computed_billed_cost, invoice_total, delta, delta_pct, period_status"
                + " FROM invoice_reconciliation WHERE %s ORDER BY 1 DESC, 2, 3, 4",
            where);
    List<Row> charted =
        rows.stream().filter(r -> r.get(9) != null).limit(TOP).collect(Collectors.toList());
    return new Section(
        "reconciliation",
        "Invoice reconciliation",
        "Computed billed cost against each provider invoice. MATCHED and WITHIN_TOLERANCE make"
            + " the period final; anything else needs a look.",
        charted.isEmpty()
            ? null
            : Charts.bars(
                "Difference from the invoice, % of the invoice",
                charted.stream()
                    .map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(5))
                    .collect(Collectors.toList()),
                List.of(new Series("delta %", decimals(charted, 9))),
                false,
                "% of invoice total"),
        List.of(
            "x_BillingPeriod",
            "x_Provider",
            "BillingAccountId",
            "invoice_id",
            "BillingCurrency",
            "status",
            "computed_billed_cost",
            "invoice_total",
            "delta",
            "delta_pct",
            "period_status"),
        values(rows));
  }

  Section pipelineHealth() {
    List<Row> rows =
        rows(
            "SELECT x_BillingPeriod, x_Provider, BillingAccountId, delivery_success_pct,"
                + " export_latency_hours, line_count, duplicate_line_pct, quarantine_rate_pct,"
                + " schema_drift_files, unallocated_pct, reconciliation_status,"
                + " reconciliation_delta_pct, period_status FROM pipeline_health WHERE %s ORDER"
                + " BY 1 DESC, 2, 3",
            where);
    List<Row> charted = rows.stream().limit(TOP).collect(Collectors.toList());
    return new Section(
        "pipeline_health",
        "Pipeline health",
        "Per account and period: share of ingest runs that succeeded, hours from the newest"
            + " usage to its arrival, repeated source lines, quarantined rows, files with unknown"
            + " columns, unallocated cost and the invoice difference.",
        charted.isEmpty()
            ? null
            : Charts.bars(
                "Unallocated, quarantined and duplicated, % per account and period",
                charted.stream()
                    .map(r -> r.getString(0) + " " + r.getString(1) + " " + r.getString(2))
                    .collect(Collectors.toList()),
                List.of(
                    new Series("unallocated %", decimals(charted, 9)),
                    new Series("quarantined %", decimals(charted, 7)),
                    new Series("duplicate %", decimals(charted, 6))),
                false,
                "%"),
        List.of(
            "x_BillingPeriod",
            "x_Provider",
            "BillingAccountId",
            "delivery_success_pct",
            "export_latency_hours",
            "line_count",
            "duplicate_line_pct",
            "quarantine_rate_pct",
            "schema_drift_files",
            "unallocated_pct",
            "reconciliation_status",
            "reconciliation_delta_pct",
            "period_status"),
        values(rows));
  }

  /** A top-N bar chart of column 3 by column 0 in the chart currency, beside every row. */
  private Section ranked(String id, String title, String note, String sql, String chartTitle) {
    List<Row> rows = rows(sql, quoted(latest));
    List<Row> charted =
        top(
            converted
                ? rows(
                    "SELECT ServiceName, NULL, NULL, SUM(reporting_effective_cost) FROM"
                        + " usage_monthly WHERE x_BillingPeriod = %s GROUP BY 1 ORDER BY 4 DESC, 1",
                    quoted(latest))
                : inCurrency(rows, 2));
    List<String> headers = List.of(spark.sql(String.format(sql, quoted(latest))).columns());
    return new Section(
        id,
        title,
        note,
        charted.isEmpty()
            ? null
            : Charts.bars(
                chartTitle,
                column(charted, 0),
                List.of(new Series("amortized", decimals(charted, 3))),
                false,
                currency),
        headers,
        values(rows));
  }

  private Section section(
      String id, String title, String note, String chart, String sql, String... args) {
    String query = String.format(sql, (Object[]) args);
    org.apache.spark.sql.Dataset<Row> frame = spark.sql(query);
    return new Section(
        id, title, note, chart, List.of(frame.columns()), values(frame.collectAsList()));
  }

  private List<Row> rows(String sql, String... args) {
    return spark.sql(String.format(sql, (Object[]) args)).collectAsList();
  }

  /** The period filter on the billing period of the table aliased {@code alias} in a join. */
  private String whereOf(String alias) {
    return onlyPeriod.map(p -> alias + ".x_BillingPeriod = " + quoted(p.toString())).orElse("TRUE");
  }

  /** The chart's rows: all of them when converted, else those in the chart currency. */
  private String charted(String currencyColumn) {
    return converted ? "TRUE" : currencyColumn + " = " + quoted(currency);
  }

  private List<Row> inCurrency(List<Row> rows, int currencyColumn) {
    return rows.stream()
        .filter(r -> currency.equals(r.getString(currencyColumn)))
        .collect(Collectors.toList());
  }

  private static List<Row> top(List<Row> rows) {
    return rows.subList(0, Math.min(TOP, rows.size()));
  }

  private static List<String> column(List<Row> rows, int i) {
    return rows.stream().map(r -> String.valueOf(r.get(i))).collect(Collectors.toList());
  }

  private static List<BigDecimal> decimals(List<Row> rows, int i) {
    return rows.stream().map(r -> (BigDecimal) r.get(i)).collect(Collectors.toList());
  }

  private static List<List<Object>> values(List<Row> rows) {
    List<List<Object>> out = new ArrayList<>();
    for (Row r : rows) {
      List<Object> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.get(i));
      }
      out.add(cells);
    }
    return out;
  }

  private static String quoted(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
