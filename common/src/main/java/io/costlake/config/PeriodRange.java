package io.costlake.config;

import io.costlake.model.BillingPeriod;

/**
 * An inclusive range of billing periods ({@code yyyy-MM}); an open end is null. What versioned
 * config (allocation rules, billing profiles) uses to say when a version applies, and to check that
 * two versions never apply to the same period.
 */
public final class PeriodRange {
  /** A billing period: yyyy-MM. */
  public static final String PERIOD = BillingPeriod.PATTERN;

  private final String from;
  private final String to;

  public PeriodRange(String from, String to) {
    this.from = from;
    this.to = to;
  }

  public static boolean isPeriod(String value) {
    return BillingPeriod.tryParse(value).isPresent();
  }

  public boolean contains(String period) {
    return (from == null || from.compareTo(period) <= 0)
        && (to == null || to.compareTo(period) >= 0);
  }

  public boolean overlaps(PeriodRange other) {
    String lo = from == null ? "0000-00" : from;
    String hi = to == null ? "9999-99" : to;
    String otherLo = other.from == null ? "0000-00" : other.from;
    String otherHi = other.to == null ? "9999-99" : other.to;
    return lo.compareTo(otherHi) <= 0 && otherLo.compareTo(hi) <= 0;
  }
}
