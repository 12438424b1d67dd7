package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code costlake report} adds for people: one reporting currency, into which every money
 * column of usage_daily and usage_monthly is also converted (with chargeback's FX rates, by day),
 * and in which the HTML report draws every provider.
 */
public final class ReportConfig {
  private final String currency;

  @JsonCreator
  public ReportConfig(@JsonProperty("currency") String currency) {
    if (currency != null && !currency.matches("[A-Za-z]{3}")) {
      throw new IllegalArgumentException(
          "report.currency must be an ISO 4217 code such as USD (got '" + currency + "')");
    }
    this.currency = currency == null ? null : currency.toUpperCase(Locale.ROOT);
  }

  public static ReportConfig defaults() {
    return new ReportConfig(null);
  }

  /** The reporting currency; empty: amounts stay in their billing currency only. */
  public Optional<String> currency() {
    return Optional.ofNullable(currency);
  }
}
