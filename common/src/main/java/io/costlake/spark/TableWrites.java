package io.costlake.spark;

import io.costlake.errors.CostlakeErrors;
import io.costlake.model.Table;
import java.util.function.Supplier;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes to the warehouse's tables: each one Delta commit whose description appears in {@code
 * DESCRIBE HISTORY}, creating or widening the table first, retried when another job won the race to
 * commit the same rows.
 */
public final class TableWrites {
  private final Warehouse warehouse;
  private final TableLifecycle tables;
  private final ConflictRetry conflicts;

  TableWrites(Warehouse warehouse, TableLifecycle tables, ConflictRetry conflicts) {
    this.warehouse = warehouse;
    this.tables = tables;
    this.conflicts = conflicts;
  }

  /**
   * Replaces the rows in {@code scope} with {@code rows}, atomically, in one commit. Every row
   * written must be in the scope (Delta checks it).
   *
   * @return the new table version
   */
  public long replace(Table table, Dataset<Row> rows, RowScope scope, String description) {
    return commit(
        table, () -> delta(rows, "overwrite", description).option("replaceWhere", scope.sql()));
  }

  /** Replaces every row in one commit (older versions stay readable); returns the new version. */
  public long overwrite(Table table, Dataset<Row> rows, String description) {
    return commit(table, () -> delta(rows, "overwrite", description));
  }

  /** Appends rows in one commit; returns the new version. */
  public long append(Table table, Dataset<Row> rows, String description) {
    return commit(table, () -> delta(rows, "append", description));
  }

  /** A Delta write whose commit carries {@code description} (DESCRIBE HISTORY's userMetadata). */
  private static DataFrameWriter<Row> delta(Dataset<Row> rows, String mode, String description) {
    return rows.write().format("delta").mode(mode).option("userMetadata", description);
  }

  /**
   * Creates or widens the table, then runs one write: again on the newer version when another job
   * committed to the same rows first (Delta's optimistic concurrency), since a replace of a
   * predicate's rows means the same on any version. When every attempt lost, nothing was written.
   *
   * @return the version this write made (or, when a later writer already committed, the latest)
   */
  private long commit(Table table, Supplier<DataFrameWriter<Row>> write) {
    try {
      conflicts.run(
          table.tableName(),
          () -> {
            tables.ensure(table);
            write.get().save(warehouse.path(table));
            return null;
          });
    } catch (ConflictRetry.Exhausted e) {
      throw CostlakeErrors.concurrentWrites(table.tableName(), e.getMessage());
    } catch (Exception e) { // Delta's AnalysisExceptions are checked, though Scala throws them
      throw CostlakeErrors.cannotWrite(table.tableName(), oneLine(e));
    }
    return tables.version(table);
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.split("\\R", 2)[0];
  }
}
