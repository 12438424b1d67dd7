package io.costlake.spark;

import io.costlake.config.SparkConfig;
import io.costlake.spark.localfs.ShellFreeLocalFileSystem;
import io.costlake.spark.localfs.ShellFreeLocalFs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which settings costlake gives its SparkSession, computed from what was already given. Precedence,
 * lowest first:
 *
 * <ol>
 *   <li>costlake's defaults, only in local mode (few shuffle partitions, loopback, no UI): on a
 *       cluster costlake adds no tuning of its own;
 *   <li>the cluster's {@code spark-defaults.conf}, then {@code spark-submit --conf} (spark-submit
 *       merges these two into the submitted SparkConf, the command line winning);
 *   <li>{@code spark.shufflePartitions} and {@code spark.settings} of costlake's YAML (and {@code
 *       --set spark.settings.<key>=...}): the user's own choice for costlake.
 * </ol>
 *
 * <p>Apart from these, the few {@link #REQUIRED} settings costlake's results depend on are always
 * set; a different value given anywhere is replaced, with a warning naming it. {@code
 * spark.sql.extensions} is a list: Delta's extension is added to the ones given, never replacing
 * them.
 */
public final class SparkSettings {
  public static final String LOCAL_DEFAULT_MASTER = "local[*]";
  public static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String EXTENSIONS = "spark.sql.extensions";
  static final String SHUFFLE_PARTITIONS = "spark.sql.shuffle.partitions";

  /** Local mode's shuffle partitions: a laptop's cores, not a cluster's. */
  static final String LOCAL_SHUFFLE_PARTITIONS = "8";

  /**
   * What every costlake job relies on, wherever it runs: the Delta catalog; UTC (billing periods
   * and charge periods are UTC); non-ANSI casts (a bad value becomes null and then a quarantine
   * reason, not a failed job); the last of duplicate map keys; the timestamp parser the provider
   * formats are written for; no schema auto-merge (schemas are declared, drift is detected, never
   * merged). Constraint propagation is off: the provider mappings are projections of hundreds of
   * aliased expressions, and inferring constraints through them for a join above (ingest's
   * duplicate check) took the optimizer tens of minutes; it only adds inferred not-null filters.
   */
  public static final Map<String, String> REQUIRED =
      Collections.unmodifiableMap(
          new LinkedHashMap<>(
              Map.of(
                  "spark.sql.catalog.spark_catalog",
                      "org.apache.spark.sql.delta.catalog.DeltaCatalog",
                  "spark.sql.session.timeZone", "UTC",
                  "spark.sql.ansi.enabled", "false",
                  "spark.sql.mapKeyDedupPolicy", "LAST_WIN",
                  "spark.sql.legacy.timeParserPolicy", "CORRECTED",
                  "spark.sql.constraintPropagation.enabled", "false",
                  "spark.databricks.delta.schema.autoMerge.enabled", "false")));

  private final String master;
  private final boolean setMaster;
  private final Map<String, String> settings;
  private final List<String> warnings;

  private SparkSettings(
      String master, boolean setMaster, Map<String, String> settings, List<String> warnings) {
    this.master = master;
    this.setMaster = setMaster;
    this.settings = Collections.unmodifiableMap(settings);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * @param submitted what spark-submit gave (spark-defaults.conf and --conf), as the SparkConf of
   *     the process holds it; empty when costlake runs without spark-submit
   * @param yaml costlake's own Spark config
   */
  public static SparkSettings plan(Map<String, String> submitted, SparkConfig yaml) {
    boolean masterGiven = submitted.containsKey("spark.master");
    String master =
        masterGiven
            ? submitted.get("spark.master")
            : yaml.settings()
                .getOrDefault("spark.master", yaml.master().orElse(LOCAL_DEFAULT_MASTER));
    Map<String, String> apply = new LinkedHashMap<>();
    if (master.startsWith("local")) {
      for (Map.Entry<String, String> setting : localDefaults().entrySet()) {
        if (!submitted.containsKey(setting.getKey())
            && !yaml.settings().containsKey(setting.getKey())) {
          apply.put(setting.getKey(), setting.getValue());
        }
      }
    }
    yaml.shufflePartitions().ifPresent(n -> apply.put(SHUFFLE_PARTITIONS, Integer.toString(n)));
    apply.putAll(yaml.settings());
    apply.remove("spark.master");

    List<String> warnings = new ArrayList<>();
    String extensions = apply.getOrDefault(EXTENSIONS, submitted.get(EXTENSIONS));
    if (extensions == null || extensions.isBlank()) {
      apply.put(EXTENSIONS, DELTA_EXTENSION);
    } else if (!List.of(extensions.split("\\s*,\\s*")).contains(DELTA_EXTENSION)) {
      apply.put(EXTENSIONS, extensions + "," + DELTA_EXTENSION);
    }
    for (Map.Entry<String, String> required : REQUIRED.entrySet()) {
      String given = apply.getOrDefault(required.getKey(), submitted.get(required.getKey()));
      if (given != null && !given.trim().equalsIgnoreCase(required.getValue())) {
        warnings.add(
            required.getKey()
                + " is "
                + given
                + "; costlake needs "
                + required.getValue()
                + " and uses it for its own session");
      }
      if (given == null || !given.trim().equalsIgnoreCase(required.getValue())) {
        apply.put(required.getKey(), required.getValue());
      }
    }
    return new SparkSettings(master, !masterGiven, apply, warnings);
  }

  /**
   * The embedded default's settings: loopback, no UI, few partitions, small Delta snapshots, a
   * local file system that starts no processes.
   */
  static Map<String, String> localDefaults() {
    Map<String, String> local = new LinkedHashMap<>();
    local.put(SHUFFLE_PARTITIONS, LOCAL_SHUFFLE_PARTITIONS);
    local.put("spark.driver.host", "127.0.0.1");
    local.put("spark.driver.bindAddress", "127.0.0.1");
    local.put("spark.ui.enabled", "false");
    local.put("spark.ui.showConsoleProgress", "false");
    local.put("spark.databricks.delta.snapshotPartitions", "2");
    local.put("spark.sql.sources.parallelPartitionDiscovery.parallelism", "2");
    // Spark describes every query's plan for its UI (off here) and event log even when neither
    // reads it; the formatted description cost a few percent of a small job's planning.
    local.put("spark.sql.ui.explainMode", "simple");
    // Spark's status store keeps the last 1,000 queries (with their plan text), jobs and stages
    // for a UI that is off here: in one long JVM (pipeline, demo, bench) they filled a 2 GiB
    // driver until allocate's cache no longer fit. A few are enough for error messages.
    local.put("spark.sql.ui.retainedExecutions", "20");
    local.put("spark.ui.retainedJobs", "50");
    local.put("spark.ui.retainedStages", "50");
    local.put("spark.ui.retainedTasks", "1000");
    local.put("spark.sql.maxPlanStringLength", "200000");
    // file: without a chmod or readlink process per file written (see ShellFreeRawLocalFileSystem).
    local.put("spark.hadoop.fs.file.impl", ShellFreeLocalFileSystem.class.getName());
    local.put("spark.hadoop.fs.AbstractFileSystem.file.impl", ShellFreeLocalFs.class.getName());
    local.put(
        "spark.sql.warehouse.dir",
        System.getProperty("java.io.tmpdir") + "/costlake-spark-warehouse");
    return local;
  }

  public String master() {
    return master;
  }

  /** Whether costlake sets the master (nobody else did). */
  public boolean setsMaster() {
    return setMaster;
  }

  /** The settings to give the session builder: each wins over what was submitted. */
  public Map<String, String> settings() {
    return settings;
  }

  /** One line per required setting that was given another value and is replaced. */
  public List<String> warnings() {
    return warnings;
  }
}
