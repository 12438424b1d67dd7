package io.costlake.tasks;

import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import io.costlake.spark.RowScope;
import io.costlake.spark.Warehouse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The billing periods a downstream job works on: the one asked for, or every one in its input. */
public final class BillingPeriods {
  final Dataset<Row> rows;
  final List<BillingPeriod> periods;

  private BillingPeriods(Dataset<Row> rows, List<BillingPeriod> periods) {
    this.rows = rows;
    this.periods = periods;
  }

  public static BillingPeriods of(Dataset<Row> all, Optional<BillingPeriod> onlyPeriod) {
    if (onlyPeriod.isPresent()) {
      BillingPeriod period = onlyPeriod.get();
      Dataset<Row> rows = all.filter(scope(List.of(period)).column());
      return new BillingPeriods(rows, rows.isEmpty() ? List.of() : List.of(period));
    }
    return new BillingPeriods(all, distinct(all));
  }

  /** The periods {@code rows} have, oldest first. */
  private static List<BillingPeriod> distinct(Dataset<Row> rows) {
    return rows
        .select(FocusColumn.x_BillingPeriod.col())
        .distinct()
        .orderBy(FocusColumn.x_BillingPeriod.col())
        .collectAsList()
        .stream()
        .map(r -> BillingPeriod.parse(r.getString(0)))
        .collect(Collectors.toList());
  }

  /** The same rows, with further periods to write (periods that have no rows, only invoices). */
  public BillingPeriods including(java.util.Collection<BillingPeriod> more) {
    java.util.TreeSet<BillingPeriod> all = new java.util.TreeSet<>(periods);
    all.addAll(more);
    return new BillingPeriods(rows, List.copyOf(all));
  }

  public boolean isEmpty() {
    return periods.isEmpty();
  }

  /** The rows of exactly these periods, for Delta's replaceWhere. */
  public RowScope scope() {
    return scope(periods);
  }

  /** The rows of exactly {@code periods}: {@code x_BillingPeriod IN (...)}. */
  public static RowScope scope(java.util.Collection<BillingPeriod> periods) {
    return scope(FocusColumn.x_BillingPeriod.name(), periods);
  }

  /** The rows of exactly {@code periods} in a table whose period column is {@code column}. */
  public static RowScope scope(String column, java.util.Collection<BillingPeriod> periods) {
    return RowScope.periods(column, periods);
  }

  /** The periods as the tables write them ({@code yyyy-MM}), oldest first. */
  public List<String> texts() {
    return periods.stream().map(BillingPeriod::toString).collect(Collectors.toList());
  }

  public String describe() {
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
  public static List<BillingPeriod> every(JobContext context) {
    Warehouse warehouse = context.warehouse();
    if (!warehouse.exists(Table.COST_LINE_ITEMS)) {
      return List.of();
    }
    return distinct(warehouse.read(Table.COST_LINE_ITEMS));
  }
}
