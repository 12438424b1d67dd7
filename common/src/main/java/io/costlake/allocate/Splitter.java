package io.costlake.allocate;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.slice;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.costlake.config.AllocationRuleConfig;
import io.costlake.model.ColumnType;
import io.costlake.spark.Decimals;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Splits the lines a rule takes into one row per target. Each amount (cost, and the consumed
 * quantity with it) is the line's amount times the target's share, rounded to the amount's scale;
 * the last target of the array takes the line's amount minus all the others, so the rows of every
 * line add up to it exactly. No shuffle: shares come as a literal or a broadcast table, and the
 * residual is computed within each line.
 */
final class Splitter {
  /** A column split by share: exact sums need an arithmetic type that leaves room to multiply. */
  private static final class Amount {
    final String column;
    final DecimalType arithmetic;
    final ColumnType type;

    Amount(String column, DecimalType arithmetic, ColumnType type) {
      this.column = column;
      this.arithmetic = arithmetic;
      this.type = type;
    }

    Column narrow(Column value) {
      return value.cast(arithmetic);
    }
  }

  private static final List<Amount> AMOUNTS =
      List.of(
          new Amount("BilledCost", Decimals.ARITHMETIC, ColumnType.MONEY),
          new Amount("EffectiveCost", Decimals.ARITHMETIC, ColumnType.MONEY),
          // 18 integer digits and 12 decimals: quantities are finer than money, never larger.
          new Amount("ConsumedQuantity", DataTypes.createDecimalType(30, 12), ColumnType.QUANTITY));

  private Splitter() {}

  static Dataset<Row> split(
      Dataset<Row> taken, Shares shares, AllocationRuleConfig rule, String unallocated) {
    String[] columns = taken.columns();
    Dataset<Row> withTargets;
    if (shares.literal != null) {
      withTargets = taken.withColumn(Shares.TARGETS, shares.literal);
    } else {
      Column on = lit(true);
      for (String key : shares.keys) {
        on = on.and(col(key.substring(Shares.KEY_PREFIX.length())).eqNullSafe(col(key)));
      }
      withTargets =
          taken
              .join(broadcast(shares.table), on, "left")
              .withColumn(
                  Shares.TARGETS, coalesce(col(Shares.TARGETS), Shares.noDriver(unallocated)));
    }
    Column parts =
        transform(
            col(Shares.TARGETS),
            t -> {
              List<Column> fields =
                  new ArrayList<>(
                      List.of(
                          t.getField("target").as("target"),
                          t.getField("driver").as("driver"),
                          t.getField("total").as("total"),
                          t.getField("share").as("share"),
                          t.getField("reason").as("reason")));
              for (Amount amount : AMOUNTS) {
                fields.add(
                    round(
                            amount.narrow(col(amount.column)).multiply(t.getField("share")),
                            amount.arithmetic.scale())
                        .cast(amount.arithmetic)
                        .as(amount.column));
              }
              return struct(fields.toArray(new Column[0]));
            });
    Dataset<Row> withParts = withTargets.withColumn("__parts", parts);
    List<Column> select = new ArrayList<>();
    for (String column : columns) {
      select.add(col(column));
    }
    for (Amount amount : AMOUNTS) {
      Column others = slice(col("__parts"), lit(1), size(col("__parts")).minus(lit(1)));
      select.add(
          aggregate(
                  others,
                  lit(0).cast(amount.arithmetic),
                  (acc, p) -> acc.plus(p.getField(amount.column)).cast(amount.arithmetic))
              .as("__rest_" + amount.column));
    }
    select.add(size(col("__parts")).as("__n"));
    select.add(posexplode(col("__parts")).as(new String[] {"__pos", "__part"}));
    Dataset<Row> exploded = withParts.select(select.toArray(new Column[0]));

    Column part = col("__part");
    Column last = col("__pos").equalTo(col("__n").minus(lit(1)));
    Dataset<Row> out = exploded;
    for (Amount amount : AMOUNTS) {
      String name = amount.column;
      out =
          out.withColumn(
              name,
              when(last, amount.narrow(col(name)).minus(col("__rest_" + name)))
                  .otherwise(part.getField(name))
                  .cast(amount.type.sparkType()));
    }
    out =
        out.withColumn(CostAllocation.OWNER, part.getField("target"))
            .withColumn(
                CostAllocation.UNALLOCATED_REASON,
                when(
                    part.getField("target").equalTo(lit(unallocated)),
                    coalesce(part.getField("reason"), col(CostAllocation.UNALLOCATED_REASON))))
            .withColumn(CostAllocation.METHOD, lit(rule.method().label()))
            .withColumn(CostAllocation.RULE_ID, lit(rule.id()))
            .withColumn(CostAllocation.RULE_VERSION, lit((long) rule.version()))
            .withColumn(
                CostAllocation.PATH, concat(col(CostAllocation.PATH), array(lit(rule.label()))))
            .withColumn(CostAllocation.DRIVER_VALUE, part.getField("driver"))
            .withColumn(CostAllocation.DRIVER_TOTAL, part.getField("total"))
            .withColumn(
                CostAllocation.SHARE,
                col(CostAllocation.SHARE)
                    .multiply(part.getField("share"))
                    .cast(ColumnType.RATIO.sparkType()));
    return out.select(Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new));
  }
}
