package io.costlake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import io.costlake.spark.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The billing periods a downstream job works on: the one asked for, or every one in its input. */
final class BillingPeriods {
  final Dataset<Row> rows;
  final List<String> periods;

  private BillingPeriods(Dataset<Row> rows, List<String> periods) {
    this.rows = rows;
    this.periods = periods;
  }

  static BillingPeriods of(Dataset<Row> all, Optional<String> onlyPeriod) {
    if (onlyPeriod.isPresent()) {
      String period = onlyPeriod.get();
      Dataset<Row> rows = all.filter(FocusColumn.x_BillingPeriod.col().equalTo(lit(period)));
      return new BillingPeriods(rows, rows.isEmpty() ? List.of() : List.of(period));
    }
    List<String> periods =
        all
            .select(FocusColumn.x_BillingPeriod.col())
            .distinct()
            .orderBy(col("x_BillingPeriod"))
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toList());
    return new BillingPeriods(all, periods);
  }

  /** The same rows, with further periods to write (periods that have no rows, only invoices). */
  BillingPeriods including(java.util.Collection<String> more) {
    java.util.TreeSet<String> all = new java.util.TreeSet<>(periods);
    all.addAll(more);
    return new BillingPeriods(rows, List.copyOf(all));
  }

  boolean isEmpty() {
    return periods.isEmpty();
  }

  /** The Delta replaceWhere predicate covering exactly these periods. */
  String predicate() {
    return predicate(periods);
  }

  /** The Delta replaceWhere predicate covering exactly {@code periods}. */
  static String predicate(java.util.Collection<String> periods) {
    return periods.stream()
        .map(p -> "'" + p + "'")
        .collect(Collectors.joining(", ", "x_BillingPeriod IN (", ")"));
  }

  String describe() {
    return periods.size() == 1
        ? "billing period " + periods.get(0)
        : periods.size()
            + " billing periods ("
            + periods.get(0)
            + " to "
            + periods.get(periods.size() - 1)
            + ")";
  }

  /** Every billing period cost_line_items has, oldest first. */
  static List<String> every(JobContext context) {
    Warehouse warehouse = context.warehouse();
    if (!warehouse.exists(Table.COST_LINE_ITEMS)) {
      return List.of();
    }
    return warehouse
        .read(Table.COST_LINE_ITEMS)
        .select(FocusColumn.x_BillingPeriod.col())
        .distinct()
        .orderBy(FocusColumn.x_BillingPeriod.name())
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .collect(Collectors.toList());
  }
}
