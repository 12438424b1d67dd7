package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A monthly budget for one owner (cost_allocated) or one billing account (cost_line_items), in one
 * currency, with the percentages of budget whose projected crossing raises an alert.
 */
public final class BudgetConfig {
  public static final String OWNER = "owner";
  public static final String ACCOUNT = "account";

  private final String id;
  private final String owner;
  private final String account;
  private final BigDecimal amount;
  private final String currency;
  private final String from;
  private final String to;
  private final List<BigDecimal> alertsPct;

  @JsonCreator
  public BudgetConfig(
      @JsonProperty("id") String id,
      @JsonProperty("owner") String owner,
      @JsonProperty("account") String account,
      @JsonProperty("amount") BigDecimal amount,
      @JsonProperty("currency") String currency,
      @JsonProperty("from") String from,
      @JsonProperty("to") String to,
      @JsonProperty("alertsPct") List<BigDecimal> alertsPct) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a budget needs an id");
    }
    this.id = id;
    if ((owner == null) == (account == null)) {
      throw new IllegalArgumentException("budget " + id + " needs exactly one of owner or account");
    }
    this.owner = owner;
    this.account = account;
    if (amount == null || amount.signum() <= 0) {
      throw new IllegalArgumentException("budget " + id + " needs a positive amount");
    }
    this.amount = amount;
    if (currency == null || !currency.matches("[A-Za-z]{3}")) {
      throw new IllegalArgumentException("budget " + id + " needs an ISO 4217 currency");
    }
    this.currency = currency.toUpperCase(Locale.ROOT);
    for (String period : new String[] {from, to}) {
      if (period != null && !PeriodRange.isPeriod(period)) {
        throw new IllegalArgumentException("budget " + id + ": from and to are yyyy-MM");
      }
    }
    this.from = from;
    this.to = to;
    this.alertsPct =
        List.copyOf(
            Objects.requireNonNullElse(
                alertsPct, List.of(BigDecimal.valueOf(50), BigDecimal.valueOf(100))));
    if (this.alertsPct.stream().anyMatch(p -> p.signum() <= 0)) {
      throw new IllegalArgumentException("budget " + id + ": alertsPct must be positive");
    }
  }

  public String id() {
    return id;
  }

  /** owner or account. */
  public String scope() {
    return owner != null ? OWNER : ACCOUNT;
  }

  /** The owner or billing account budgeted. */
  public String scopeValue() {
    return owner != null ? owner : account;
  }

  /** Per billing period. */
  public BigDecimal amount() {
    return amount;
  }

  /** Only cost in this currency counts. */
  public String currency() {
    return currency;
  }

  public boolean appliesTo(String period) {
    return new PeriodRange(from, to).contains(period);
  }

  /** Percentages of the budget whose projected crossing is an alert (default 50 and 100). */
  public List<BigDecimal> alertsPct() {
    return alertsPct;
  }
}
