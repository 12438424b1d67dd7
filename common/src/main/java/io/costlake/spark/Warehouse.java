package io.costlake.spark;

import io.costlake.model.Table;
import java.util.ArrayList;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Delta tables under one warehouse root ({@code <root>/<table_name>}): where they are and their
 * rows; their creation and history ({@link #tables()}), writes ({@link #writes()}), catalog entries
 * ({@link #catalog()}) and file upkeep ({@link #maintenance()}) each have their own class.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final String root;
  private final TableLifecycle tables;
  private final TableWrites writes;
  private final WarehouseCatalog catalog;
  private final TableMaintenance maintenance;

  public Warehouse(SparkSession spark, String root) {
    this(spark, root, ConflictRetry.standard());
  }

  /** A warehouse whose writes retry lost commit races with {@code conflicts}. */
  public Warehouse(SparkSession spark, String root, ConflictRetry conflicts) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.tables = new TableLifecycle(spark, this);
    this.writes = new TableWrites(this, tables, conflicts);
    this.catalog = new WarehouseCatalog(spark, this);
    this.maintenance = new TableMaintenance(spark, this);
  }

  public String root() {
    return root;
  }

  public String path(Table table) {
    return root + "/" + table.tableName();
  }

  /** Creation, widening and version history of the tables. */
  public TableLifecycle tables() {
    return tables;
  }

  /** Replacing, overwriting and appending rows, one commit each. */
  public TableWrites writes() {
    return writes;
  }

  /** The tables' entries in the session catalog and the metastore. */
  public WarehouseCatalog catalog() {
    return catalog;
  }

  /** Compaction and Z-ordering. */
  public TableMaintenance maintenance() {
    return maintenance;
  }

  /** Whether the table has its first commit (a {@code _delta_log} directory alone is no table). */
  public boolean exists(Table table) {
    return tables.exists(table);
  }

  /** The table's latest version. */
  public long version(Table table) {
    return tables.version(table);
  }

  /** The table's rows; an empty frame of the declared schema when it does not exist yet. */
  public Dataset<Row> read(Table table) {
    return read(table, spark);
  }

  /** {@link #read(Table)} in another session of the same application (for its own views). */
  public Dataset<Row> read(Table table, SparkSession session) {
    if (!exists(table)) {
      return session.createDataFrame(new ArrayList<Row>(), table.schema());
    }
    return session.read().format("delta").load(path(table));
  }

  /** The table as it was at {@code version} (Delta time travel; older than the log keeps fails). */
  public Dataset<Row> readAt(Table table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }
}
