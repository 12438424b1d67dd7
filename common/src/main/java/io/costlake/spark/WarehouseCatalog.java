package io.costlake.spark;

import io.costlake.errors.CostlakeErrors;
import io.costlake.model.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import scala.Option;

/**
 * The warehouse's tables in the session catalog, by name: for SQL in this application, and as
 * external tables in the metastore (Hive, Glue, Dataproc Metastore) for everyone else.
 */
public final class WarehouseCatalog {
  private static final Object CATALOG = new Object();

  private final SparkSession spark;
  private final Warehouse warehouse;

  WarehouseCatalog(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  private String path(Table table) {
    return warehouse.path(table);
  }

  private boolean exists(Table table) {
    return warehouse.exists(table);
  }

  /**
   * Runs {@code body} with {@code tables} (those that exist) registered under their names, while no
   * other job of this JVM can point the names at another warehouse: the session catalog is shared
   * by every session of the JVM (jobs run side by side in tests, notebooks and job servers). Only
   * the tables asked for are registered: each registration reads its table's Delta log.
   */
  public void withTables(Collection<Table> tables, Runnable body) {
    synchronized (CATALOG) {
      register(tables);
      body.run();
    }
  }

  /**
   * The costlake tables a SQL statement names: each table whose name stands in it as a whole word
   * (any case). A word that only looks like a table name registers one table too many, never one
   * too few.
   */
  public static List<Table> namedIn(String sql) {
    List<Table> named = new ArrayList<>();
    String text = sql.toLowerCase(java.util.Locale.ROOT);
    for (Table table : Table.values()) {
      if (java.util.regex.Pattern.compile("(?<![a-z0-9_])" + table.tableName() + "(?![a-z0-9_])")
          .matcher(text)
          .find()) {
        named.add(table);
      }
    }
    return named;
  }

  /**
   * Registers each of {@code tables} that exists in the session catalog under its name, so SQL can
   * say {@code SELECT ... FROM cost_line_items} and {@code ... VERSION AS OF 3}.
   *
   * @return the tables registered
   */
  public List<Table> register(Collection<Table> tables) {
    List<Table> registered = new ArrayList<>();
    for (Table table : tables) {
      TableIdentifier id = new TableIdentifier(table.tableName());
      CatalogTable entry = catalogEntry(id);
      if (exists(table)) {
        dropExternal(id, entry);
        createExternal("`" + table.tableName() + "`", table);
        registered.add(table);
      } else if (entry != null && "EXTERNAL".equalsIgnoreCase(entry.tableType().name())) {
        // Left by an earlier statement on another warehouse: the name must not read a table
        // of a warehouse other than this one.
        spark.sessionState().catalog().dropTable(id, true, false);
      }
    }
    return registered;
  }

  /** What {@link #register} did with a table. */
  public enum Registration {
    CREATED,
    UNCHANGED,
    MOVED
  }

  /**
   * Registers one table as {@code database.name} in the session catalog (the Hive metastore, Glue
   * or Dataproc Metastore on a cluster), as an external Delta table whose schema and column
   * comments come from its Delta log. An entry already pointing here is left alone, keeping its
   * grants; one pointing elsewhere is re-pointed; a managed table of that name is an error.
   */
  public Registration register(Table table, String database) {
    TableIdentifier id = new TableIdentifier(table.tableName(), Option.apply(database));
    String name = "`" + database + "`.`" + table.tableName() + "`";
    CatalogTable entry = catalogEntry(id);
    if (entry == null) {
      createExternal(name, table);
      return Registration.CREATED;
    }
    if (new org.apache.hadoop.fs.Path(entry.location())
        .equals(new org.apache.hadoop.fs.Path(path(table)))) {
      return Registration.UNCHANGED;
    }
    dropExternal(id, entry);
    createExternal(name, table);
    return Registration.MOVED;
  }

  /**
   * The catalog's own record of a table, or null: read from the metastore only, so an entry whose
   * files are gone (a deleted warehouse) can still be inspected and dropped.
   */
  private CatalogTable catalogEntry(TableIdentifier id) {
    SessionCatalog catalog = spark.sessionState().catalog();
    try {
      return catalog.tableExists(id) ? catalog.getTableMetadata(id) : null;
    } catch (org.apache.spark.sql.AnalysisException noSuchTableOrDatabase) {
      return null;
    }
  }

  private void createExternal(String name, Table table) {
    spark.sql(
        "CREATE TABLE " + name + " USING delta LOCATION '" + path(table).replace("'", "\\'") + "'");
  }

  /** Drops a previous registration; never a managed table, whose drop would delete data. */
  private void dropExternal(TableIdentifier id, CatalogTable entry) {
    if (entry == null) {
      return;
    }
    String type = entry.tableType().name();
    if (!"EXTERNAL".equalsIgnoreCase(type)) {
      throw CostlakeErrors.cannotWrite(
          "the catalog entry " + id.unquotedString(),
          "a "
              + type
              + " table of that name exists; costlake only replaces its own external entries");
    }
    spark.sessionState().catalog().dropTable(id, true, false);
  }
}
