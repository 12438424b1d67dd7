package io.costlake.verify;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;

import io.costlake.model.FocusColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A data check that a transform created and lost no money: per key (a billing period, account and
 * currency), the sums of the amounts are exactly equal in its input and its output (DECIMAL sums,
 * null-safe, so a key on one side only is a difference too). Any job can run it on the tables as
 * written; {@code allocate} runs {@link #ALLOCATION} before it reports success.
 */
public final class Conservation {
  /** cost_allocated against its input (cost_amortized or cost_line_items). */
  public static final Conservation ALLOCATION =
      new Conservation(
          "allocation",
          List.of(
              FocusColumn.x_BillingPeriod.name(),
              FocusColumn.BillingAccountId.name(),
              FocusColumn.BillingCurrency.name()),
          List.of(FocusColumn.BilledCost.name(), FocusColumn.EffectiveCost.name()));

  private static final String BEFORE = "before_";
  private static final String AFTER = "after_";

  private final String name;
  private final List<String> keys;
  private final List<String> amounts;

  public Conservation(String name, List<String> keys, List<String> amounts) {
    this.name = name;
    this.keys = List.copyOf(keys);
    this.amounts = List.copyOf(amounts);
  }

  public String name() {
    return name;
  }

  /**
   * Each key whose totals differ: the key columns, then {@code before_<amount>} and {@code
   * after_<amount>} for every amount. Empty when the transform conserved every total.
   */
  public Dataset<Row> differences(Dataset<Row> before, Dataset<Row> after) {
    Dataset<Row> b = totals(before, BEFORE);
    Dataset<Row> a = totals(after, AFTER);
    Column sameKey = lit(true);
    for (String key : keys) {
      sameKey = sameKey.and(b.col(BEFORE + key).eqNullSafe(a.col(AFTER + key)));
    }
    Column differs = lit(false);
    for (String amount : amounts) {
      differs = differs.or(not(col(BEFORE + amount).eqNullSafe(col(AFTER + amount))));
    }
    List<Column> out = new ArrayList<>();
    for (String key : keys) {
      out.add(coalesce(col(BEFORE + key), col(AFTER + key)).as(key));
    }
    for (String amount : amounts) {
      out.add(col(BEFORE + amount));
      out.add(col(AFTER + amount));
    }
    return b.join(a, sameKey, "full_outer").filter(differs).select(out.toArray(new Column[0]));
  }

  /** The first difference in words, or empty when every total is conserved. */
  public Optional<String> firstDifference(Dataset<Row> before, Dataset<Row> after) {
    List<Row> found = differences(before, after).limit(1).collectAsList();
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Row r = found.get(0);
    String key = keys.stream().map(k -> k + " " + r.getAs(k)).collect(Collectors.joining(", "));
    String totals =
        amounts.stream()
            .map(m -> m + " " + r.getAs(BEFORE + m) + " before, " + r.getAs(AFTER + m) + " after")
            .collect(Collectors.joining("; "));
    return Optional.of(key + ": " + totals);
  }

  private Dataset<Row> totals(Dataset<Row> rows, String prefix) {
    List<Column> groups =
        keys.stream().map(k -> col(k).as(prefix + k)).collect(Collectors.toList());
    List<Column> sums =
        amounts.stream().map(m -> sum(col(m)).as(prefix + m)).collect(Collectors.toList());
    return rows.groupBy(groups.toArray(new Column[0]))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(new Column[0]));
  }
}
