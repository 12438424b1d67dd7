package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How costlake builds its SparkSession. {@code master} is only used when nothing else set one:
 * under spark-submit the cluster's master wins.
 */
public final class SparkConfig {
  public static final String DEFAULT_APP_NAME = "costlake";
  public static final int DEFAULT_SHUFFLE_PARTITIONS = 8;

  private final String master;
  private final String appName;
  private final int shufflePartitions;
  private final Map<String, String> settings;

  @JsonCreator
  public SparkConfig(
      @JsonProperty("master") String master,
      @JsonProperty("appName") String appName,
      @JsonProperty("shufflePartitions") Integer shufflePartitions,
      @JsonProperty("settings") Map<String, String> settings) {
    this.master = master;
    this.appName = Objects.requireNonNullElse(appName, DEFAULT_APP_NAME);
    this.shufflePartitions =
        Objects.requireNonNullElse(shufflePartitions, DEFAULT_SHUFFLE_PARTITIONS);
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

  public int shufflePartitions() {
    return shufflePartitions;
  }

  /** Any further {@code spark.*} or {@code spark.hadoop.*} settings, applied as given. */
  public Map<String, String> settings() {
    return settings;
  }
}
