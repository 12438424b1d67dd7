package io.costlake.spark;

import io.costlake.config.SparkConfig;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a costlake process uses. Under spark-submit the cluster's settings
 * (master, deploy mode, resources) win; costlake only adds what its jobs rely on: the Delta
 * catalog, UTC session time, non-ANSI casts (a bad value becomes null and then a quarantine
 * reason), and few shuffle partitions. The embedded default runs {@code local[*]} bound to
 * loopback.
 */
public final class SparkSessions {
  public static final String LOCAL_DEFAULT_MASTER = "local[*]";

  private SparkSessions() {}

  public static SparkSession getOrCreate(SparkConfig config) {
    SparkConf submitted = new SparkConf();
    boolean masterGiven = submitted.contains("spark.master");
    String master =
        masterGiven ? submitted.get("spark.master") : config.master().orElse(LOCAL_DEFAULT_MASTER);
    SparkSession.Builder builder = SparkSession.builder().appName(config.appName());
    if (!masterGiven) {
      builder.master(master);
    }
    for (Map.Entry<String, String> setting : requiredSettings(config).entrySet()) {
      builder.config(setting.getKey(), setting.getValue());
    }
    if (master.startsWith("local")) {
      for (Map.Entry<String, String> setting : localSettings().entrySet()) {
        if (!config.settings().containsKey(setting.getKey())
            && !submitted.contains(setting.getKey())) {
          builder.config(setting.getKey(), setting.getValue());
        }
      }
    }
    for (Map.Entry<String, String> setting : config.settings().entrySet()) {
      builder.config(setting.getKey(), setting.getValue());
    }
    return builder.getOrCreate();
  }

  /**
   * What every costlake job relies on, wherever it runs. Constraint propagation is off: the
   * provider mappings are projections of hundreds of aliased expressions, and inferring constraints
   * through them for a join above (ingest's duplicate check) took the optimizer tens of minutes; it
   * only adds inferred not-null filters.
   */
  static Map<String, String> requiredSettings(SparkConfig config) {
    return Map.of(
        "spark.sql.constraintPropagation.enabled", "false",
        "spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension",
        "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        "spark.sql.session.timeZone", "UTC",
        "spark.sql.ansi.enabled", "false",
        "spark.sql.shuffle.partitions", Integer.toString(config.shufflePartitions()),
        "spark.sql.mapKeyDedupPolicy", "LAST_WIN",
        "spark.sql.legacy.timeParserPolicy", "CORRECTED",
        "spark.databricks.delta.schema.autoMerge.enabled", "false");
  }

  /** Embedded default only: loopback, no UI, small Delta snapshots. */
  static Map<String, String> localSettings() {
    return Map.of(
        "spark.driver.host", "127.0.0.1",
        "spark.driver.bindAddress", "127.0.0.1",
        "spark.ui.enabled", "false",
        "spark.ui.showConsoleProgress", "false",
        "spark.databricks.delta.snapshotPartitions", "2",
        "spark.sql.sources.parallelPartitionDiscovery.parallelism", "2",
        "spark.sql.warehouse.dir",
            System.getProperty("java.io.tmpdir") + "/costlake-spark-warehouse");
  }
}
