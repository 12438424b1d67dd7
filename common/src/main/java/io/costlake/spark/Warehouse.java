package io.costlake.spark;

import io.costlake.errors.CostlakeErrors;
import io.costlake.model.Table;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import scala.Option;

/**
 * The Delta tables under one warehouse root ({@code <root>/<table_name>}). Tables are created from
 * their declared schema, never inferred, with column comments, and every write is one Delta commit
 * whose description appears in {@code DESCRIBE HISTORY}.
 */
public final class Warehouse {
  private static final Object CATALOG = new Object();

  /** How long a creator that made {@code _delta_log} gets to commit version 0 before we do. */
  private static final long CREATOR_GRACE_MILLIS = 5_000;

  private static final java.util.concurrent.ConcurrentMap<String, Object> CREATING =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final SparkSession spark;
  private final String root;
  private final ConflictRetry conflicts;

  public Warehouse(SparkSession spark, String root) {
    this(spark, root, ConflictRetry.standard());
  }

  /** A warehouse whose writes retry lost commit races with {@code conflicts}. */
  public Warehouse(SparkSession spark, String root, ConflictRetry conflicts) {
    this.spark = spark;
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.conflicts = conflicts;
  }

  public String root() {
    return root;
  }

  public String path(Table table) {
    return root + "/" + table.tableName();
  }

  /** Whether the table has its first commit (a {@code _delta_log} directory alone is no table). */
  public boolean exists(Table table) {
    if (DeltaTable.isDeltaTable(spark, path(table))) {
      return true;
    }
    if (log(table).hasCommit()) {
      // Delta answered from a log it cached before another job's first commit: forget that log.
      DeltaLog.invalidateCache(spark, new Path(path(table)));
      return true;
    }
    return false;
  }

  /**
   * Creates the table from its declared schema when it does not exist yet, and adds the columns a
   * newer costlake declares to a table an older one created (additive changes only, all nullable).
   */
  public void ensure(Table table) {
    // Jobs of one application creating a table at once would race to commit version 0; on a local
    // file system the loser can corrupt the winner's checksum file. Between applications Delta's
    // log store decides (see README, Delta on S3).
    synchronized (CREATING.computeIfAbsent(path(table), p -> new Object())) {
      ensureUnlocked(table);
    }
  }

  private void ensureUnlocked(Table table) {
    if (exists(table)) {
      addMissingColumns(table);
      return;
    }
    DeltaTableBuilder builder =
        DeltaTable.createIfNotExists(spark)
            .location(path(table))
            .comment("costlake " + table.tableName() + ": " + table.grain());
    for (StructField field : table.schema().fields()) {
      builder = builder.addColumn(field);
    }
    if (!table.partitionColumns().isEmpty()) {
      builder = builder.partitionedBy(table.partitionColumns().toArray(new String[0]));
    }
    if (!table.statsColumns().isEmpty()) {
      builder =
          builder.property(
              "delta.dataSkippingStatsColumns", String.join(",", table.statsColumns()));
    }
    try {
      builder.execute();
    } catch (Exception e) { // Delta's AnalysisExceptions are checked, though Scala throws them
      if (!String.valueOf(e.getMessage()).contains("DELTA_TABLE_NOT_FOUND")) {
        throw e;
      }
      // CREATE TABLE IF NOT EXISTS took a _delta_log without a commit for a table, did nothing,
      // and found no table reading it back. Another job is creating it (it made the directory and
      // commits version 0 within moments), or one was killed doing so: give the first a moment,
      // then treat it as the second.
      if (!log(table).awaitCommit(CREATOR_GRACE_MILLIS)) {
        createByFirstCommit(table);
      }
    }
  }

  private DeltaLogDirectory log(Table table) {
    return new DeltaLogDirectory(
        new Path(path(table), "_delta_log"), spark.sessionState().newHadoopConf());
  }

  /**
   * Creates the table where a {@code _delta_log} directory has no commit: commits version 0 as an
   * empty write of the declared schema (partitioning and statistics columns included; the table
   * comment is the one thing only CREATE TABLE sets). Against a creator that was slow rather than
   * dead, one of the two commits loses and is retried (see {@link ConflictRetry}).
   */
  private void createByFirstCommit(Table table) {
    org.apache.spark.sql.DataFrameWriter<Row> write =
        spark
            .createDataFrame(new ArrayList<Row>(), table.schema())
            .write()
            .format("delta")
            .mode("append")
            .option("userMetadata", "costlake create " + table.tableName());
    if (!table.partitionColumns().isEmpty()) {
      write = write.partitionBy(table.partitionColumns().toArray(new String[0]));
    }
    if (!table.statsColumns().isEmpty()) {
      write =
          write.option("delta.dataSkippingStatsColumns", String.join(",", table.statsColumns()));
    }
    write.save(path(table));
  }

  private void addMissingColumns(Table table) {
    java.util.Set<String> existing =
        new java.util.HashSet<>(
            java.util.Arrays.asList(
                spark.read().format("delta").load(path(table)).schema().fieldNames()));
    List<String> added = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      if (!existing.contains(field.name())) {
        added.add(
            "`"
                + field.name()
                + "` "
                + field.dataType().sql()
                + " COMMENT '"
                + field.getComment().getOrElse(() -> "").replace("'", "\\'")
                + "'");
      }
    }
    if (!added.isEmpty()) {
      spark.sql(
          "ALTER TABLE delta.`" + path(table) + "` ADD COLUMNS (" + String.join(", ", added) + ")");
    }
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

  /**
   * Replaces the rows matching {@code predicate} with {@code rows}, atomically, in one commit.
   * Every row written must match the predicate (Delta checks it).
   *
   * @return the new table version
   */
  public long replace(Table table, Dataset<Row> rows, String predicate, String description) {
    return commit(
        table,
        () ->
            rows.write()
                .format("delta")
                .mode("overwrite")
                .option("replaceWhere", predicate)
                .option("userMetadata", description)
                .save(path(table)));
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
                .save(path(table)));
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
                .save(path(table)));
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
            ensure(table);
            write.run();
            return null;
          });
    } catch (ConflictRetry.Exhausted e) {
      throw CostlakeErrors.concurrentWrites(table.tableName(), e.getMessage());
    } catch (Exception e) { // Delta's AnalysisExceptions are checked, though Scala throws them
      throw CostlakeErrors.cannotWrite(table.tableName(), oneLine(e));
    }
    return version(table);
  }

  /** The version a commit described as {@code description} made (its userMetadata), if any. */
  public java.util.Optional<Long> versionDescribed(Table table, String description) {
    if (!exists(table)) {
      return java.util.Optional.empty();
    }
    List<Row> found =
        DeltaTable.forPath(spark, path(table))
            .history()
            .filter(functions.col("userMetadata").equalTo(functions.lit(description)))
            .select("version")
            .collectAsList();
    return found.stream().map(r -> r.getLong(0)).max(Long::compare);
  }

  /** Makes the table's content that of {@code version} again, in one new commit (RESTORE). */
  public void restore(Table table, long version) {
    DeltaTable.forPath(spark, path(table)).restoreToVersion(version);
  }

  public long version(Table table) {
    return DeltaTable.forPath(spark, path(table)).history(1).select("version").head().getLong(0);
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
      if (exists(table)) {
        TableIdentifier id = new TableIdentifier(table.tableName());
        dropExternal(id, catalogEntry(id));
        createExternal("`" + table.tableName() + "`", table);
        registered.add(table);
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

  /**
   * Compacts the table's small files in one commit (for one period when given and the table is
   * partitioned by period), Z-ordering {@code cost_line_items} by the columns analysts filter by
   * within a partition. Content and older versions are unchanged.
   *
   * @return files removed and added
   */
  public long[] optimize(Table table, java.util.Optional<String> period) {
    StringBuilder sql = new StringBuilder("OPTIMIZE delta.`" + path(table) + "`");
    if (period.isPresent()
        && table
            .partitionColumns()
            .contains(io.costlake.model.FocusColumn.x_BillingPeriod.name())) {
      sql.append(" WHERE x_BillingPeriod = '").append(period.get().replace("'", "")).append("'");
    }
    if (!table.zorderColumns().isEmpty()) {
      sql.append(" ZORDER BY (").append(String.join(", ", table.zorderColumns())).append(")");
    }
    Row metrics =
        spark.sql(sql.toString()).select("metrics.numFilesRemoved", "metrics.numFilesAdded").head();
    return new long[] {metrics.getLong(0), metrics.getLong(1)};
  }

  private static String oneLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.split("\\R", 2)[0];
  }
}
