package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How costlake builds its SparkSession. {@code master} is only used when nothing else set one:
 * under spark-submit the cluster's master wins. {@code shufflePartitions} and {@code settings} are
 * the user's own settings: they win over the cluster's (see {@code spark.SparkSettings}).
 */
public final class SparkConfig {
  public static final String DEFAULT_APP_NAME = "costlake";
  private final String master;
  private final String appName;
  private final Integer shufflePartitions;
  private final Map<String, String> settings;

  @JsonCreator
  public SparkConfig(
      @JsonProperty("master") String master,
      @JsonProperty("appName") String appName,
      @JsonProperty("shufflePartitions") Integer shufflePartitions,
      @JsonProperty("settings") Map<String, String> settings) {
    this.master = master;
    this.appName = Objects.requireNonNullElse(appName, DEFAULT_APP_NAME);
    this.shufflePartitions = shufflePartitions;
    if (shufflePartitions != null && shufflePartitions < 1) {
      throw new IllegalArgumentException("shufflePartitions must be at least 1");
    }
    this.settings =
        settings == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  public static SparkConfig defaults() {
    return new SparkConfig(null, null, null, null);
  }

  public Optional<String> master() {
    return Optional.ofNullable(master);
  }

  public String appName() {
    return appName;
  }

  /**
   * {@code spark.sql.shuffle.partitions} as the user set it here; empty leaves it to the cluster
   * (and to costlake's local default).
   */
  public Optional<Integer> shufflePartitions() {
    return Optional.ofNullable(shufflePartitions);
  }

  /** Any further {@code spark.*} or {@code spark.hadoop.*} settings, applied as given. */
  public Map<String, String> settings() {
    return settings;
  }

  /** This config with {@code key} set to {@code value} (replacing what it held). */
  public SparkConfig withSetting(String key, String value) {
    Map<String, String> changed = new TreeMap<>(settings);
    changed.put(key, value);
    return new SparkConfig(master, appName, shufflePartitions, changed);
  }
}
