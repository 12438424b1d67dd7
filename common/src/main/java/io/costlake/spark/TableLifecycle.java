package io.costlake.spark;

import io.costlake.model.Table;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.Snapshot;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;

/**
 * The life of the warehouse's tables: created from their declared schema (never inferred, with
 * column comments, partitioning and statistics columns), widened when a newer costlake declares
 * more columns, and their history of versions.
 */
public final class TableLifecycle {
  /** How long a creator that made {@code _delta_log} gets to commit version 0 before we do. */
  private static final long CREATOR_GRACE_MILLIS = 5_000;

  private static final java.util.concurrent.ConcurrentMap<String, Object> CREATING =
      new java.util.concurrent.ConcurrentHashMap<>();

  private final SparkSession spark;
  private final Warehouse warehouse;

  TableLifecycle(SparkSession spark, Warehouse warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  private String path(Table table) {
    return warehouse.path(table);
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
        new java.util.HashSet<>(java.util.Arrays.asList(snapshot(table).schema().fieldNames()));
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

  /** The table's latest version, from its log (no Spark job, unlike reading its history). */
  public long version(Table table) {
    return snapshot(table).version();
  }

  private Snapshot snapshot(Table table) {
    DeltaLog log = DeltaLog.forTable(spark, path(table));
    return log.update(log.update$default$1(), log.update$default$2(), log.update$default$3());
  }
}
