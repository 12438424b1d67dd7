package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The external driver of a {@code metric} rule: a CSV file or a Delta table with one row per
 * (billing period, target) and the driver's value (vCPU-hours, requests, GB stored, ...).
 */
public final class DriverConfig {
  private final String file;
  private final String table;
  private final String periodColumn;
  private final String targetColumn;
  private final String valueColumn;

  @JsonCreator
  public DriverConfig(
      @JsonProperty("file") String file,
      @JsonProperty("table") String table,
      @JsonProperty("periodColumn") String periodColumn,
      @JsonProperty("targetColumn") String targetColumn,
      @JsonProperty("valueColumn") String valueColumn) {
    if ((file == null) == (table == null)) {
      throw new IllegalArgumentException("driver needs exactly one of file (a CSV) or table");
    }
    this.file = file;
    this.table = table;
    this.periodColumn = Objects.requireNonNullElse(periodColumn, "billing_period");
    this.targetColumn = Objects.requireNonNullElse(targetColumn, "target");
    this.valueColumn = Objects.requireNonNullElse(valueColumn, "value");
  }

  /** A CSV file with a header line; relative paths are resolved against the YAML file's folder. */
  public String file() {
    return file;
  }

  /** A Delta table: a name under the warehouse, or a URI. */
  public String table() {
    return table;
  }

  /** The column holding the billing period as yyyy-MM. */
  public String periodColumn() {
    return periodColumn;
  }

  public String targetColumn() {
    return targetColumn;
  }

  public String valueColumn() {
    return valueColumn;
  }

  /** Where it is read from, for messages. */
  public String describe() {
    return file != null ? file : "table " + table;
  }
}
