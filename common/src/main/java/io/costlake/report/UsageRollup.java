package io.costlake.report;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.ColumnType;
import io.costlake.model.Schemas;
import io.costlake.model.UsageColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Cost and usage rolled up for people: per day and per month, by provider, account, service,
 * region, owner, currency and unit, with the unit cost and whether the account's period is final
 * (reconciled with its invoice) or still provisional. One aggregation of cost_allocated for the
 * days; the months are rolled up from the days. Every row of the input counts once, so the totals
 * equal cost_allocated's, hence those of allocation's source.
 */
public final class UsageRollup {
  static final List<String> DIMENSIONS =
      List.of(
          "x_Provider",
          "BillingAccountId",
          "ServiceName",
          "RegionId",
          "owner",
          "BillingCurrency",
          "ConsumedUnit");

  private UsageRollup() {}

  /**
   * @param allocated cost_allocated rows
   * @param reconciliation invoice_reconciliation rows (may be empty): which periods are final
   */
  public static Dataset<Row> daily(Dataset<Row> allocated, Dataset<Row> reconciliation) {
    List<Column> keys = new ArrayList<>();
    keys.add(col("x_BillingPeriod"));
    keys.add(to_date(col("ChargePeriodStart")).as("day"));
    DIMENSIONS.forEach(d -> keys.add(col(d)));
    Dataset<Row> days =
        allocated
            .groupBy(keys.toArray(new Column[0]))
            .agg(
                sum(col("ConsumedQuantity")).as("quantity"),
                sum(col("BilledCost")).as("BilledCost"),
                sum(col("EffectiveCost")).as("EffectiveCost"),
                count(lit(1)).as("line_count"));
    return finish(withStatus(days, reconciliation), UsageColumn.values());
  }

  /** The months of {@link #daily} rows. */
  public static Dataset<Row> monthly(Dataset<Row> daily) {
    List<Column> keys = new ArrayList<>();
    keys.add(col("x_BillingPeriod"));
    DIMENSIONS.forEach(d -> keys.add(col(d)));
    keys.add(col("period_status"));
    keys.add(col("reporting_currency"));
    Dataset<Row> months =
        daily
            .groupBy(keys.toArray(new Column[0]))
            .agg(
                sum(col("quantity")).as("quantity"),
                sum(col("BilledCost")).as("BilledCost"),
                sum(col("EffectiveCost")).as("EffectiveCost"),
                sum(col("line_count")).as("line_count"),
                wholeSum("reporting_billed_cost"),
                wholeSum("reporting_effective_cost"));
    return finish(months, UsageColumn.monthly());
  }

  /** A month's sum of a converted amount, or null when a day of it had no rate (not a part). */
  private static Column wholeSum(String column) {
    return when(count(col(column)).equalTo(count(lit(1))), sum(col(column))).as(column);
  }

  /**
   * The money columns of {@link #daily} rows in {@code currency} as well, at each (billing
   * currency, day)'s rate.
   *
   * @param rates one row per (BillingCurrency, day): fx_rate (null when none is quoted) and
   *     fx_rate_date
   */
  public static Dataset<Row> inCurrency(Dataset<Row> daily, Dataset<Row> rates, String currency) {
    Column rate = col("fx_rate");
    Dataset<Row> converted =
        daily
            .drop("reporting_currency", "fx_rate", "fx_rate_date")
            .join(broadcast(rates), Slices.seq(List.of("BillingCurrency", "day")), "left")
            .withColumn("reporting_currency", lit(currency))
            .withColumn("reporting_billed_cost", times(col("BilledCost"), rate))
            .withColumn("reporting_effective_cost", times(col("EffectiveCost"), rate));
    return finish(converted, UsageColumn.values());
  }

  private static Column times(Column amount, Column rate) {
    return amount.multiply(rate).cast(ColumnType.MONEY.sparkType());
  }

  private static Dataset<Row> withStatus(Dataset<Row> rows, Dataset<Row> reconciliation) {
    Dataset<Row> finals = PeriodStatus.ofSlices(reconciliation);
    return rows.join(broadcast(finals), Slices.KEYS, "left")
        .withColumn("period_status", PeriodStatus.column(col("final_flag")));
  }

  private static Dataset<Row> finish(Dataset<Row> rows, io.costlake.model.TableColumn[] columns) {
    Dataset<Row> priced = rows.withColumn("unit_cost", perUnit(col("EffectiveCost")));
    if (java.util.Arrays.asList(rows.columns()).contains("reporting_effective_cost")) {
      priced = priced.withColumn("reporting_unit_cost", perUnit(col("reporting_effective_cost")));
    }
    return Schemas.conform(priced, columns);
  }

  private static Column perUnit(Column cost) {
    return when(
        col("quantity").gt(0),
        // (20,10) / (30,10) keeps 18 decimals: per-GB-second prices are tiny.
        cost.cast(DataTypes.createDecimalType(20, 10))
            .divide(col("quantity").cast(DataTypes.createDecimalType(30, 10)))
            .cast(ColumnType.UNIT_PRICE.sparkType()));
  }
}
