package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * Settings of {@code costlake anomalies}: which cost is watched, how much history the baseline
 * uses, and how unusual and how large a day must be before anyone is told.
 */
public final class AnomalyConfig {
  private final String cost;
  private final int historyDays;
  private final int minHistoryDays;
  private final BigDecimal threshold;
  private final BigDecimal minImpact;

  @JsonCreator
  public AnomalyConfig(
      @JsonProperty("cost") String cost,
      @JsonProperty("historyDays") Integer historyDays,
      @JsonProperty("minHistoryDays") Integer minHistoryDays,
      @JsonProperty("threshold") BigDecimal threshold,
      @JsonProperty("minImpact") BigDecimal minImpact) {
    this.cost = Objects.requireNonNullElse(cost, "EffectiveCost");
    if (!this.cost.equals("EffectiveCost") && !this.cost.equals("BilledCost")) {
      throw new IllegalArgumentException("anomalies.cost is EffectiveCost or BilledCost");
    }
    this.historyDays = Objects.requireNonNullElse(historyDays, 28);
    if (this.historyDays < 14 || this.historyDays % 7 != 0 || this.historyDays > 91) {
      throw new IllegalArgumentException(
          "anomalies.historyDays must be whole weeks, from 14 to 91 (the baseline is per weekday)");
    }
    // Three weeks: three points per weekday, the fewest whose median one odd day cannot move (with
    // two, a monthly tax line on one Monday made the next Monday look like a drop).
    this.minHistoryDays = Objects.requireNonNullElse(minHistoryDays, 21);
    if (this.minHistoryDays < 7 || this.minHistoryDays > this.historyDays) {
      throw new IllegalArgumentException(
          "anomalies.minHistoryDays must be between 7 and historyDays");
    }
    this.threshold = Objects.requireNonNullElse(threshold, new BigDecimal("5"));
    this.minImpact = Objects.requireNonNullElse(minImpact, new BigDecimal("100"));
    if (this.threshold.signum() <= 0 || this.minImpact.signum() < 0) {
      throw new IllegalArgumentException(
          "anomalies.threshold must be positive and anomalies.minImpact not negative");
    }
  }

  public static AnomalyConfig defaults() {
    return new AnomalyConfig(null, null, null, null, null);
  }

  /** The cost column watched: EffectiveCost (amortized, the default) or BilledCost. */
  public String cost() {
    return cost;
  }

  /** Days of history behind each day's baseline (whole weeks). */
  public int historyDays() {
    return historyDays;
  }

  /** Days of a series' history needed before its days are scored. */
  public int minHistoryDays() {
    return minHistoryDays;
  }

  /** Robust z-score (deviations of 1.4826 x MAD) from which a day is unusual. */
  public BigDecimal threshold() {
    return threshold;
  }

  /** Smallest |actual - expected| (in the series' currency) worth reporting. */
  public BigDecimal minImpact() {
    return minImpact;
  }
}
