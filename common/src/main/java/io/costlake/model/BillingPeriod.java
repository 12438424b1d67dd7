package io.costlake.model;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A billing period: one calendar month, written {@code yyyy-MM} in every {@code x_BillingPeriod}
 * and {@code billing_period} column. Typed so that a period cannot be confused with another string
 * and every predicate over periods is built from valid months only.
 */
public final class BillingPeriod implements Comparable<BillingPeriod>, Serializable {
  private static final long serialVersionUID = 1L;

  /** A billing period as text: {@code yyyy-MM}, months 01 to 12. */
  public static final String PATTERN = "\\d{4}-(0[1-9]|1[0-2])";

  private static final Pattern TEXT = Pattern.compile(PATTERN);

  private final YearMonth month;

  private BillingPeriod(YearMonth month) {
    this.month = Objects.requireNonNull(month);
  }

  public static BillingPeriod of(YearMonth month) {
    return new BillingPeriod(month);
  }

  /** The period a {@code yyyy-MM} text names, or empty when it names none. */
  public static Optional<BillingPeriod> tryParse(String text) {
    if (text == null || !TEXT.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BillingPeriod(YearMonth.parse(text)));
  }

  /** The period a {@code yyyy-MM} text names; anything else is a programming error here. */
  public static BillingPeriod parse(String text) {
    return tryParse(text)
        .orElseThrow(() -> new IllegalArgumentException("not a billing period (yyyy-MM): " + text));
  }

  public YearMonth month() {
    return month;
  }

  /** Its first day. */
  public LocalDate start() {
    return month.atDay(1);
  }

  /** The first day of the next period (periods are half-open, as FOCUS's). */
  public LocalDate end() {
    return month.plusMonths(1).atDay(1);
  }

  @Override
  public int compareTo(BillingPeriod other) {
    return month.compareTo(other.month);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof BillingPeriod && month.equals(((BillingPeriod) o).month);
  }

  @Override
  public int hashCode() {
    return month.hashCode();
  }

  /** {@code yyyy-MM}, as the tables store it. */
  @Override
  public String toString() {
    return month.toString();
  }
}
