package io.costlake.anomalies;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Cost lines as daily series: one row per (series, day) from the first day of the data to the last,
 * zero on days a series has no cost (a service that appears from nothing is a spike too), with the
 * part of each day's cost every {@link SpikeLabel} explanation accounts for.
 */
final class DailySeries {
  static final String SERVICE = "service";
  static final String OWNER = "owner";
  static final List<String> KEYS =
      List.of(
          "dimension",
          "x_Provider",
          "BillingAccountId",
          "ServiceName",
          "ChargeCategory",
          "owner",
          "BillingCurrency");
  static final String SERIES = "series_id";
  static final String DAY = "day";
  static final String VALUE = "value";
  static final String COST = "cost";
  static final String DRIVER = "driver";

  private DailySeries() {}

  /**
   * Lines as (series keys, series_id, day, label, driver, cost). A service series is (provider,
   * account, service, charge category, currency); an owner series (owner, currency).
   */
  static Dataset<Row> lines(Dataset<Row> lines, String dimension, String costColumn) {
    boolean byService = dimension.equals(SERVICE);
    List<Column> keys = new ArrayList<>();
    keys.add(lit(dimension).as("dimension"));
    for (String key : List.of("x_Provider", "BillingAccountId", "ServiceName", "ChargeCategory")) {
      keys.add((byService ? col(key) : lit(null).cast("string")).as(key));
    }
    keys.add((byService ? lit(null).cast("string") : col("owner")).as("owner"));
    keys.add(col("BillingCurrency"));
    List<Column> select = new ArrayList<>(keys);
    select.add(to_json(struct(keys.toArray(new Column[0]))).as(SERIES));
    select.add(to_date(col("ChargePeriodStart")).as(DAY));
    select.add(SpikeLabel.of(lines).as("label"));
    select.add(
        coalesce(
                SpikeLabel.optional(lines, "ResourceId"),
                SpikeLabel.optional(lines, "SkuId"),
                SpikeLabel.optional(lines, "ServiceName"))
            .as(DRIVER));
    select.add(col(costColumn).cast(ColumnType.MONEY.sparkType()).as(COST));
    return lines.select(select.toArray(new Column[0]));
  }

  /**
   * Zero-filled daily totals of {@link #lines} rows, with one column per explanation; a series is
   * filled from {@code historyDays} before its first day to as many after its last.
   */
  static Dataset<Row> daily(Dataset<Row> lineRows, int historyDays) {
    List<Column> groupBy = new ArrayList<>();
    KEYS.forEach(k -> groupBy.add(col(k)));
    groupBy.add(col(SERIES));
    groupBy.add(col(DAY));
    List<Column> sums = new ArrayList<>();
    for (String label : SpikeLabel.EXPLANATIONS) {
      sums.add(sum(when(col("label").equalTo(label), col(COST)).otherwise(lit(0))).as(label));
    }
    Dataset<Row> totals =
        lineRows
            .groupBy(groupBy.toArray(new Column[0]))
            .agg(sum(col(COST)).as(VALUE), sums.toArray(new Column[0]));
    // Each series is filled from historyDays before its first day (a service appearing from
    // nothing is a spike) to historyDays after its last (so is one that stops).
    Dataset<Row> span = totals.agg(max(col(DAY)).as("__hi"));
    List<Column> seriesKeys = new ArrayList<>();
    KEYS.forEach(k -> seriesKeys.add(col(k)));
    seriesKeys.add(col(SERIES));
    // A service series may have invented (zero) history only within its billing account's data:
    // an account onboarded later does not make all its services "new". Owner series never do.
    WindowSpec account =
        Window.partitionBy(col("dimension"), col("x_Provider"), col("BillingAccountId"));
    Column owner = col("dimension").equalTo(lit(OWNER));
    Dataset<Row> bounds =
        totals
            .groupBy(seriesKeys.toArray(new Column[0]))
            .agg(min(col(DAY)).as("__first"), max(col(DAY)).as("__last"))
            .withColumn("__account_first", min(col("__first")).over(account))
            .withColumn("__account_last", max(col("__last")).over(account));
    Column from =
        when(owner, col("__first"))
            .otherwise(greatest(date_sub(col("__first"), historyDays), col("__account_first")));
    Column to =
        when(owner, least(date_add(col("__last"), historyDays), col("__hi")))
            .otherwise(least(date_add(col("__last"), historyDays), col("__account_last")));
    List<Column> gridColumns = new ArrayList<>(seriesKeys);
    gridColumns.add(explode(sequence(from, to)).as(DAY));
    Dataset<Row> grid =
        bounds.crossJoin(broadcast(span)).select(gridColumns.toArray(new Column[0]));
    List<Column> amounts = new ArrayList<>();
    amounts.add(col(SERIES).as("__series"));
    amounts.add(col(DAY).as("__day"));
    amounts.add(col(VALUE));
    SpikeLabel.EXPLANATIONS.forEach(l -> amounts.add(col(l)));
    Dataset<Row> filled =
        grid.join(
                totals.select(amounts.toArray(new Column[0])),
                col(SERIES).equalTo(col("__series")).and(col(DAY).equalTo(col("__day"))),
                "left")
            .drop("__series", "__day");
    Column zero = lit(0).cast(ColumnType.MONEY.sparkType());
    filled = filled.withColumn(VALUE, coalesce(col(VALUE), zero));
    for (String label : SpikeLabel.EXPLANATIONS) {
      filled = filled.withColumn(label, coalesce(col(label), zero));
    }
    return filled;
  }
}
