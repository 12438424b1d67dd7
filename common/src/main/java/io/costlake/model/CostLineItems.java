package io.costlake.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The {@code cost_line_items} table, derived from {@link FocusColumn}.
 *
 * <p>Grain: one row per provider line item per charge period, plus one row per unused commitment
 * that costlake derives (see {@code x_RowOrigin}). Partitioned by {@code x_BillingPeriod} then
 * {@code BillingAccountId}; a slice is one (x_Provider, BillingAccountId, x_BillingPeriod).
 */
public final class CostLineItems {
  public static final StructType SCHEMA = Schemas.of(FocusColumn.values());
  public static final List<String> PARTITION_COLUMNS =
      List.of(FocusColumn.x_BillingPeriod.name(), FocusColumn.BillingAccountId.name());

  private CostLineItems() {}

  /**
   * Selects every column in declared order, cast to its declared type; columns the input lacks
   * become typed nulls. This is how every adapter's output is made to fit the table exactly.
   */
  public static Dataset<Row> conform(Dataset<Row> mapped) {
    return Schemas.conform(mapped, FocusColumn.values());
  }

  /** {@code cost_amortized}: every cost_line_items column, then {@link AmortizedColumn}. */
  public static TableColumn[] amortizedColumns() {
    List<TableColumn> all = new ArrayList<>(Arrays.asList(FocusColumn.values()));
    all.addAll(Arrays.asList(AmortizedColumn.values()));
    return all.toArray(new TableColumn[0]);
  }

  public static Column[] columns() {
    return Arrays.stream(FocusColumn.values()).map(FocusColumn::col).toArray(Column[]::new);
  }
}
