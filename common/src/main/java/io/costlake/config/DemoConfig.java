package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/** What {@code costlake demo} generates and where it puts its input files. */
public final class DemoConfig {
  private final String inputDir;
  private final long rows;
  private final long seed;
  private final String firstPeriod;
  private final int months;
  private final String reportDir;

  @JsonCreator
  public DemoConfig(
      @JsonProperty("inputDir") String inputDir,
      @JsonProperty("rows") Long rows,
      @JsonProperty("seed") Long seed,
      @JsonProperty("firstPeriod") String firstPeriod,
      @JsonProperty("months") Integer months,
      @JsonProperty("reportDir") String reportDir) {
    this.inputDir = Objects.requireNonNullElse(inputDir, "demo-data");
    this.rows = Objects.requireNonNullElse(rows, 20_000L);
    this.seed = Objects.requireNonNullElse(seed, 42L);
    this.firstPeriod = Objects.requireNonNullElse(firstPeriod, "2025-09");
    this.months = Objects.requireNonNullElse(months, 2);
    this.reportDir = Objects.requireNonNullElse(reportDir, "report");
    if (this.rows < 1 || this.months < 1) {
      throw new IllegalArgumentException("rows and months must be positive");
    }
  }

  public static DemoConfig defaults() {
    return new DemoConfig(null, null, null, null, null, null);
  }

  /** Where the demo writes generated exports and the bundled samples (relative to the cwd). */
  public String inputDir() {
    return inputDir;
  }

  /** Line items the generator writes per provider, over all months. */
  public long rows() {
    return rows;
  }

  public long seed() {
    return seed;
  }

  public String firstPeriod() {
    return firstPeriod;
  }

  public int months() {
    return months;
  }

  /** Where the demo writes the HTML report (relative to the cwd, or a URI). */
  public String reportDir() {
    return reportDir;
  }
}
