package io.costlake.allocate;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import io.costlake.config.AllocationRuleConfig;
import io.costlake.model.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * What one rule splits a line into: an array of (target, driver, total, share, reason), ordered so
 * the target that takes the rounding residual (the largest share; on a tie the first name) comes
 * last. Even and fixed rules give one literal array; proportional and metric rules give a small
 * table of arrays per billing period (and scope), joined to the lines by broadcast.
 */
final class Shares {
  static final String TARGETS = "__targets";
  static final String KEY_PREFIX = "__k_";
  static final DecimalType DRIVER = DataTypes.createDecimalType(38, 18);

  /** Drivers are compared at 6 decimals: dividing two DECIMAL(24,6) keeps 14 decimals of share. */
  private static final DecimalType WEIGHT = DataTypes.createDecimalType(24, 6);

  /** Either a literal array for every line, or a table keyed by {@link #keys}. */
  final Column literal;

  final Dataset<Row> table;
  final List<String> keys;

  private Shares(Column literal, Dataset<Row> table, List<String> keys) {
    this.literal = literal;
    this.table = table;
    this.keys = keys;
  }

  static Shares even(AllocationRuleConfig rule) {
    int n = rule.targets().size();
    BigDecimal share = BigDecimal.ONE.divide(BigDecimal.valueOf(n), 18, RoundingMode.DOWN);
    List<Entry> entries = new ArrayList<>();
    for (String target : rule.targets()) {
      entries.add(new Entry(target, BigDecimal.ONE, BigDecimal.valueOf(n), share));
    }
    return new Shares(literal(entries), null, List.of());
  }

  static Shares fixed(AllocationRuleConfig rule) {
    BigDecimal hundred = BigDecimal.valueOf(100);
    List<Entry> entries = new ArrayList<>();
    rule.split()
        .forEach(
            (target, percent) ->
                entries.add(
                    new Entry(
                        target, percent, hundred, percent.divide(hundred, 18, RoundingMode.DOWN))));
    return new Shares(literal(entries), null, List.of());
  }

  /**
   * Weights are each target's own cost ({@code rule.by()}) in the rows the rule does not take, per
   * billing period and scope; owners with no positive cost get no share.
   *
   * @param others the allocation rows as they stand before the rule, minus the rows it takes
   */
  static Shares proportional(AllocationRuleConfig rule, Dataset<Row> others, String unallocated) {
    List<String> keys = new ArrayList<>();
    keys.add("x_BillingPeriod");
    keys.addAll(rule.scope());
    Column eligible = col(CostAllocation.OWNER).notEqual(lit(unallocated));
    if (!rule.targets().isEmpty()) {
      eligible = eligible.and(col(CostAllocation.OWNER).isin(rule.targets().toArray()));
    }
    if (!rule.select().owner().isEmpty()) {
      eligible = eligible.and(not(col(CostAllocation.OWNER).isin(rule.select().owner().toArray())));
    }
    List<Column> groups = new ArrayList<>();
    keys.forEach(k -> groups.add(col(k).as(KEY_PREFIX + k)));
    groups.add(col(CostAllocation.OWNER).as("target"));
    Dataset<Row> weights =
        others
            .filter(eligible)
            .groupBy(groups.toArray(new Column[0]))
            .agg(sum(col(rule.by())).cast(DRIVER).as("driver"))
            .withColumn("reason", lit(null).cast("string"));
    return fromWeights(weights, prefixed(keys));
  }

  /**
   * Weights from the rule's driver table ({@code x_BillingPeriod, target, value}). When the rule
   * lists its targets, the driver of any other name goes to the unallocated bucket (reason
   * unlisted_target) instead of quietly enlarging the listed targets' shares.
   */
  static Shares metric(AllocationRuleConfig rule, Dataset<Row> driver, String unallocated) {
    Column target = col("target");
    Column reason = lit(null).cast("string");
    if (!rule.targets().isEmpty()) {
      Column listed = target.isin(rule.targets().toArray());
      reason = when(not(listed), lit(CostAllocation.UNLISTED_TARGET));
      target = when(listed, target).otherwise(lit(unallocated));
    }
    Dataset<Row> weights =
        driver
            .groupBy(
                col("x_BillingPeriod").as(KEY_PREFIX + "x_BillingPeriod"),
                target.as("target"),
                reason.as("reason"))
            .agg(sum(col("value")).cast(DRIVER).as("driver"));
    return fromWeights(weights, List.of(KEY_PREFIX + "x_BillingPeriod"));
  }

  private static List<String> prefixed(List<String> keys) {
    List<String> out = new ArrayList<>();
    keys.forEach(k -> out.add(KEY_PREFIX + k));
    return out;
  }

  /** (keys, target, driver, reason) rows with positive drivers into one sorted array per key. */
  private static Shares fromWeights(Dataset<Row> weights, List<String> keys) {
    Column driver = col("driver").cast(WEIGHT);
    Dataset<Row> positive = weights.filter(driver.gt(lit(0)));
    Column[] keyColumns = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Dataset<Row> grouped =
        positive
            .groupBy(keyColumns)
            .agg(
                collect_list(struct(col("target"), col("driver"), col("reason"))).as("entries"),
                sum(driver).cast(WEIGHT).as("total"));
    Column entries =
        transform(
            col("entries"),
            e ->
                struct(
                    e.getField("target").as("target"),
                    e.getField("driver").as("driver"),
                    col("total").cast(DRIVER).as("total"),
                    e.getField("driver")
                        .cast(WEIGHT)
                        .divide(col("total"))
                        .cast(ColumnType.RATIO.sparkType())
                        .as("share"),
                    e.getField("reason").as("reason")));
    List<Column> out = new ArrayList<>();
    keys.forEach(k -> out.add(col(k)));
    out.add(residualLast(entries).as(TARGETS));
    return new Shares(null, grouped.select(out.toArray(new Column[0])), keys);
  }

  /** Sorts so the largest share (first name on a tie) is last: it takes the residual. */
  static Column residualLast(Column entries) {
    return array_sort(
        entries,
        (l, r) -> {
          Column ls = l.getField("share");
          Column rs = r.getField("share");
          Column lt = l.getField("target");
          Column rt = r.getField("target");
          return when(ls.lt(rs), lit(-1))
              .when(ls.gt(rs), lit(1))
              .when(lt.gt(rt), lit(-1))
              .when(lt.lt(rt), lit(1))
              .otherwise(lit(0));
        });
  }

  /** The array a line gets when a rule found nothing to split it by. */
  static Column noDriver(String unallocated) {
    return array(
        entry(
            lit(unallocated),
            lit(null).cast(DRIVER),
            lit(null).cast(DRIVER),
            lit(BigDecimal.ONE).cast(ColumnType.RATIO.sparkType()),
            lit(CostAllocation.NO_DRIVER)));
  }

  private static Column literal(List<Entry> entries) {
    List<Entry> sorted = new ArrayList<>(entries);
    sorted.sort(
        Comparator.comparing((Entry e) -> e.share)
            .thenComparing((Entry e) -> e.target, Comparator.reverseOrder()));
    Column[] items =
        sorted.stream()
            .map(
                e ->
                    entry(
                        lit(e.target),
                        lit(e.driver).cast(DRIVER),
                        lit(e.total).cast(DRIVER),
                        lit(e.share).cast(ColumnType.RATIO.sparkType()),
                        lit(null).cast("string")))
            .toArray(Column[]::new);
    return array(items);
  }

  private static Column entry(
      Column target, Column driver, Column total, Column share, Column reason) {
    return struct(
        target.as("target"),
        driver.as("driver"),
        total.as("total"),
        share.as("share"),
        reason.as("reason"));
  }

  Optional<Dataset<Row>> table() {
    return Optional.ofNullable(table);
  }

  private static final class Entry {
    final String target;
    final BigDecimal driver;
    final BigDecimal total;
    final BigDecimal share;

    Entry(String target, BigDecimal driver, BigDecimal total, BigDecimal share) {
      this.target = target;
      this.driver = driver;
      this.total = total;
      this.share = share;
    }
  }
}
