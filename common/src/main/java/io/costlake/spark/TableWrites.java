package io.costlake.spark;

import io.costlake.errors.CostlakeErrors;
import io.costlake.model.Table;
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
        table,
        () ->
            rows.write()
                .format("delta")
                .mode("overwrite")
                .option("replaceWhere", scope.sql())
                .option("userMetadata", description)
                .save(warehouse.path(table)));
  }

  /** Replaces every row in one commit (older versions stay readable); returns the new version. */
  public long overwrite(Table table, Dataset<Row> rows, String description) {
    return commit(
        table,
        () ->
            rows.write()
                .format("delta")
                .mode("overwrite")
                .option("userMetadata", description)
                .save(warehouse.path(table)));
  }

  /** Appends rows in one commit; returns the new version. */
  public long append(Table table, Dataset<Row> rows, String description) {
    return commit(
        table,
        () ->
            rows.write()
                .format("delta")
                .mode("append")
                .option("userMetadata", description)
                .save(warehouse.path(table)));
  }

  /**
   * Creates or widens the table, then runs one write: again on the newer version when another job
   * committed to the same rows first (Delta's optimistic concurrency), since a replace of a
   * predicate's rows means the same on any version. When every attempt lost, nothing was written.
   *
   * @return the version this write made (or, when a later writer already committed, the latest)
   */
  private long commit(Table table, Runnable write) {
    try {
      conflicts.run(
          table.tableName(),
          () -> {
            tables.ensure(table);
            write.run();
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
