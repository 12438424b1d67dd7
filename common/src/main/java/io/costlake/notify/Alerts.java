package io.costlake.notify;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What is worth telling someone, from {@code budget_burn} and {@code cost_anomalies}: one row per
 * alert (alert_key, kind, x_BillingPeriod, owner, message). An alert's key names what it is about,
 * so the same budget threshold or the same anomalous day is the same alert in every run, however
 * often the tables are recomputed.
 *
 * <p>The owner is the budget's (an owner budget), the anomaly's (an owner series), else the owner
 * who carries most of that cost in {@code cost_allocated} by the owner chain (an account budget: of
 * the account in the period; a service series: of the series on that day); null without one.
 */
public final class Alerts {
  public static final String BUDGET = "budget";
  public static final String ANOMALY = "anomaly";

  private Alerts() {}

  /**
   * Every threshold a budget's forecast has crossed, and the budget's status when it is over or
   * forecast over; the latest row per (budget, period) counts.
   */
  public static Dataset<Row> fromBudgets(
      Dataset<Row> budgetBurn, Optional<Dataset<Row>> allocated) {
    Dataset<Row> latest =
        budgetBurn
            .withColumn(
                "rank",
                expr(
                    "row_number() OVER (PARTITION BY budget_id, x_BillingPeriod"
                        + " ORDER BY computed_at DESC)"))
            .where("rank = 1")
            .drop("rank");
    Dataset<Row> thresholds =
        latest
            .select(col("*"), explode(col("alerts")).as("event"))
            .withColumn("event", concat(col("event"), lit("%")));
    Dataset<Row> statuses =
        latest
            .where("status IN ('forecast_over', 'over_budget')")
            .withColumn("event", col("status"));
    Dataset<Row> events = thresholds.unionByName(statuses);
    Column owner =
        when(col("scope").equalTo("owner"), col("scope_value")).otherwise(col("account_owner"));
    Column currency = col("currency");
    Column message =
        concat(
            lit("Budget "),
            col("budget_id"),
            lit(" ("),
            col("scope"),
            lit(" "),
            col("scope_value"),
            lit(") "),
            col("x_BillingPeriod"),
            lit(": "),
            when(col("event").equalTo("over_budget"), lit("over budget. "))
                .when(col("event").equalTo("forecast_over"), lit("forecast over budget. "))
                .otherwise(concat(lit("forecast crossed "), col("event"), lit(" of budget. "))),
            lit("Spent "),
            money(col("spend_to_date"), currency),
            lit(" of "),
            money(col("budget_amount"), currency),
            lit(" ("),
            format_number(col("pct_spent"), 1),
            lit("%) up to "),
            date_format(col("as_of"), "yyyy-MM-dd"),
            lit("; forecast "),
            money(col("forecast"), currency),
            lit(" ("),
            format_number(col("pct_forecast"), 1),
            lit("%) at "),
            money(col("daily_run_rate"), currency),
            lit(" a day."));
    Dataset<Row> withAccountOwner =
        allocated
            .map(
                a ->
                    events.join(
                        topOwner(a, "x_BillingPeriod", "BillingAccountId")
                            .withColumnRenamed("BillingAccountId", "scope_value")
                            .withColumnRenamed("top_owner", "account_owner"),
                        new String[] {"x_BillingPeriod", "scope_value"},
                        "left"))
            .orElseGet(() -> events.withColumn("account_owner", lit(null).cast("string")));
    return withAccountOwner.select(
        concat_ws(":", lit(BUDGET), col("budget_id"), col("x_BillingPeriod"), col("event"))
            .as("alert_key"),
        lit(BUDGET).as("kind"),
        col("x_BillingPeriod"),
        owner.as("owner"),
        message.as("message"));
  }

  /** Every day cost_anomalies labels {@code anomaly}. */
  public static Dataset<Row> fromAnomalies(
      Dataset<Row> anomalies, Optional<Dataset<Row>> allocated) {
    Dataset<Row> spikes = anomalies.where("label = 'anomaly'");
    Dataset<Row> withSeriesOwner =
        allocated
            .map(
                a ->
                    spikes
                        .join(
                            topOwner(
                                    a.withColumn("day", to_date(col("ChargePeriodStart"))),
                                    "x_Provider",
                                    "BillingAccountId",
                                    "ServiceName",
                                    "ChargeCategory",
                                    "BillingCurrency",
                                    "day")
                                .withColumnRenamed("top_owner", "series_owner"),
                            spikes
                                .col("x_Provider")
                                .eqNullSafe(col("a.x_Provider"))
                                .and(
                                    spikes
                                        .col("BillingAccountId")
                                        .eqNullSafe(col("a.BillingAccountId")))
                                .and(spikes.col("ServiceName").eqNullSafe(col("a.ServiceName")))
                                .and(
                                    spikes
                                        .col("ChargeCategory")
                                        .eqNullSafe(col("a.ChargeCategory")))
                                .and(
                                    spikes.col("BillingCurrency").equalTo(col("a.BillingCurrency")))
                                .and(spikes.col("day").equalTo(col("a.day")))
                                .and(spikes.col("dimension").equalTo("service")),
                            "left")
                        .select(spikes.col("*"), col("series_owner")))
            .orElseGet(() -> spikes.withColumn("series_owner", lit(null).cast("string")));
    Column currency = col("BillingCurrency");
    Column what =
        when(col("dimension").equalTo("owner"), concat(lit("owner "), col("owner")))
            .otherwise(
                concat(
                    coalesce(col("ServiceName"), lit("(no service)")),
                    lit(" in "),
                    col("x_Provider"),
                    lit(" account "),
                    col("BillingAccountId"),
                    lit(" ("),
                    col("ChargeCategory"),
                    lit(")")));
    Column message =
        concat(
            lit("Cost anomaly on "),
            date_format(col("day"), "yyyy-MM-dd"),
            lit(": "),
            what,
            lit(" cost "),
            money(col("actual"), currency),
            lit(" against "),
            money(col("expected"), currency),
            lit(" expected ("),
            when(col("impact").geq(0), lit("+")).otherwise(lit("")),
            money(col("impact"), currency),
            lit(", score "),
            format_number(col("score"), 1),
            lit(")"),
            when(
                    col("driver").isNotNull(),
                    concat(
                        lit("; driver "),
                        col("driver"),
                        lit(" ("),
                        coalesce(money(col("driver_impact"), currency), lit("?")),
                        lit(")")))
                .otherwise(lit("")),
            lit("."));
    return withSeriesOwner
        .select(
            concat_ws(
                    ":",
                    lit(ANOMALY),
                    col("dimension"),
                    coalesce(col("x_Provider"), lit("")),
                    coalesce(col("BillingAccountId"), lit("")),
                    coalesce(col("ServiceName"), lit("")),
                    coalesce(col("ChargeCategory"), lit("")),
                    coalesce(col("owner"), lit("")),
                    col("BillingCurrency"),
                    date_format(col("day"), "yyyy-MM-dd"))
                .as("alert_key"),
            lit(ANOMALY).as("kind"),
            col("x_BillingPeriod"),
            coalesce(col("owner"), col("series_owner")).as("owner"),
            message.as("message"))
        .dropDuplicates("alert_key");
  }

  /**
   * The owner with the most cost (absolute EffectiveCost) of each group of {@code keys}; of two
   * with the same, the last by name, so that every run routes the alert alike.
   */
  private static Dataset<Row> topOwner(Dataset<Row> allocated, String... keys) {
    Column[] groups = new Column[keys.length];
    Column[] withOwner = new Column[keys.length + 1];
    for (int i = 0; i < keys.length; i++) {
      groups[i] = col(keys[i]);
      withOwner[i] = col(keys[i]);
    }
    withOwner[keys.length] = col("owner");
    return allocated
        .groupBy(withOwner)
        .agg(sum(abs(col("EffectiveCost"))).as("weight"))
        .groupBy(groups)
        .agg(expr("max(struct(weight, owner)).owner").as("top_owner"))
        .alias("a");
  }

  private static Column money(Column amount, Column currency) {
    return concat(format_number(amount, 2), lit(" "), currency);
  }
}
