package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.costlake.amortize.StraightLine;
import java.util.Locale;

/** How {@code costlake amortize} recognizes commitment cost. */
public final class AmortizeConfig {
  private final StraightLine.Grid chargePeriod;

  @JsonCreator
  public AmortizeConfig(@JsonProperty("chargePeriod") String chargePeriod) {
    String value = chargePeriod == null ? "DAY" : chargePeriod.trim().toUpperCase(Locale.ROOT);
    try {
      this.chargePeriod = StraightLine.Grid.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "amortize.chargePeriod must be hour, day or month, not '" + chargePeriod + "'");
    }
  }

  public static AmortizeConfig defaults() {
    return new AmortizeConfig(null);
  }

  /** The charge periods computed amortization is cut into: hour, day (default) or month. */
  public StraightLine.Grid chargePeriod() {
    return chargePeriod;
  }
}
