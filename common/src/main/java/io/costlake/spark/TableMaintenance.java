package io.costlake.spark;

import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Upkeep of the warehouse's tables that changes their files, never their content. */
public final class TableMaintenance {
  private final SparkSession spark;
  private final Warehouse warehouse;

  TableMaintenance(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  /**
   * Compacts the table's small files in one commit (for one period when given and the table is
   * partitioned by period), Z-ordering {@code cost_line_items} by the columns analysts filter by
   * within a partition. Content and older versions are unchanged.
   *
   * @return files removed and added
   */
  public long[] optimize(Table table, Optional<BillingPeriod> period) {
    StringBuilder sql = new StringBuilder("OPTIMIZE delta.`" + warehouse.path(table) + "`");
    if (period.isPresent()
        && table.partitionColumns().contains(FocusColumn.x_BillingPeriod.name())) {
      sql.append(" WHERE ")
          .append(RowScope.equalTo(FocusColumn.x_BillingPeriod.name(), period.get()).sql());
    }
    if (!table.zorderColumns().isEmpty()) {
      sql.append(" ZORDER BY (").append(String.join(", ", table.zorderColumns())).append(")");
    }
    Row metrics =
        spark.sql(sql.toString()).select("metrics.numFilesRemoved", "metrics.numFilesAdded").head();
    return new long[] {metrics.getLong(0), metrics.getLong(1)};
  }
}
