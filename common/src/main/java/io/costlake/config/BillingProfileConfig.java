package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One version of a billing profile: whose cost it bills (owners), in which currency, with which
 * markup, discounts, credits and tax, rounded how. Versions of one profile id cover disjoint
 * billing periods ({@code from}/{@code to}, inclusive), so a line is always priced by the version
 * in force in its period.
 */
public final class BillingProfileConfig {

  private final String id;
  private final int version;
  private final String from;
  private final String to;
  private final List<String> owners;
  private final String currency;
  private final BigDecimal markupPct;
  private final BigDecimal discountPct;
  private final List<TierConfig> tiers;
  private final List<CreditConfig> credits;
  private final String taxJurisdiction;
  private final BigDecimal taxPct;
  private final int roundingScale;
  private final RoundingMode roundingMode;
  private final String cadence;

  @JsonCreator
  public BillingProfileConfig(
      @JsonProperty("id") String id,
      @JsonProperty("version") Integer version,
      @JsonProperty("from") String from,
      @JsonProperty("to") String to,
      @JsonProperty("owners") List<String> owners,
      @JsonProperty("currency") String currency,
      @JsonProperty("markupPct") BigDecimal markupPct,
      @JsonProperty("discountPct") BigDecimal discountPct,
      @JsonProperty("tiers") List<TierConfig> tiers,
      @JsonProperty("credits") List<CreditConfig> credits,
      @JsonProperty("taxJurisdiction") String taxJurisdiction,
      @JsonProperty("taxPct") BigDecimal taxPct,
      @JsonProperty("roundingScale") Integer roundingScale,
      @JsonProperty("roundingMode") String roundingMode,
      @JsonProperty("cadence") String cadence) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "a billing profile needs an id of letters, digits, '.', '_' or '-' (got '" + id + "')");
    }
    this.id = id;
    this.version = Objects.requireNonNullElse(version, 1);
    this.from = period(from, "from");
    this.to = period(to, "to");
    if (this.from != null && this.to != null && this.from.compareTo(this.to) > 0) {
      throw new IllegalArgumentException(where() + "from " + from + " is after to " + to);
    }
    this.owners = List.copyOf(Objects.requireNonNullElse(owners, List.of()));
    if (this.owners.isEmpty()) {
      throw new IllegalArgumentException(where() + "owners lists no owner");
    }
    if (currency == null || !currency.matches("[A-Za-z]{3}")) {
      throw new IllegalArgumentException(where() + "currency must be an ISO 4217 code");
    }
    this.currency = currency.toUpperCase(Locale.ROOT);
    this.markupPct = percent(markupPct, "markupPct");
    this.discountPct = percent(discountPct, "discountPct");
    List<TierConfig> sorted = new ArrayList<>(Objects.requireNonNullElse(tiers, List.of()));
    sorted.sort((a, b) -> a.above().compareTo(b.above()));
    this.tiers = List.copyOf(sorted);
    this.credits = List.copyOf(Objects.requireNonNullElse(credits, List.of()));
    this.taxJurisdiction = taxJurisdiction;
    this.taxPct = percent(taxPct, "taxPct");
    this.roundingScale = Objects.requireNonNullElse(roundingScale, 2);
    if (this.roundingScale < 0 || this.roundingScale > 6) {
      throw new IllegalArgumentException(where() + "roundingScale must be between 0 and 6");
    }
    try {
      this.roundingMode =
          RoundingMode.valueOf(
              Objects.requireNonNullElse(roundingMode, "HALF_UP").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where() + "roundingMode must be HALF_UP, HALF_EVEN, UP, DOWN, CEILING or FLOOR");
    }
    this.cadence = Objects.requireNonNullElse(cadence, "monthly");
    if (!this.cadence.equals("monthly")) {
      throw new IllegalArgumentException(where() + "cadence: only monthly invoices exist so far");
    }
  }

  private String where() {
    return "billing profile " + id + " ";
  }

  private BigDecimal percent(BigDecimal value, String key) {
    BigDecimal v = Objects.requireNonNullElse(value, BigDecimal.ZERO);
    if (v.signum() < 0 || v.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException(where() + key + " must be between 0 and 100");
    }
    return v;
  }

  private String period(String value, String key) {
    if (value != null && !PeriodRange.isPeriod(value)) {
      throw new IllegalArgumentException(where() + key + " must be yyyy-MM, not " + value);
    }
    return value;
  }

  public boolean appliesTo(String period) {
    return range().contains(period);
  }

  /** The billing periods this version applies to. */
  public PeriodRange range() {
    return new PeriodRange(from, to);
  }

  public String id() {
    return id;
  }

  public int version() {
    return version;
  }

  public String from() {
    return from;
  }

  public String to() {
    return to;
  }

  public List<String> owners() {
    return owners;
  }

  public String currency() {
    return currency;
  }

  public BigDecimal markupPct() {
    return markupPct;
  }

  public BigDecimal discountPct() {
    return discountPct;
  }

  /** Volume discount tiers, lowest threshold first. */
  public List<TierConfig> tiers() {
    return tiers;
  }

  public List<CreditConfig> credits() {
    return credits;
  }

  public String taxJurisdiction() {
    return taxJurisdiction;
  }

  public BigDecimal taxPct() {
    return taxPct;
  }

  public int roundingScale() {
    return roundingScale;
  }

  public RoundingMode roundingMode() {
    return roundingMode;
  }

  public String cadence() {
    return cadence;
  }

  /**
   * A volume discount, marginal like tax brackets. By {@code spend} (the default): the part of the
   * month's cost (after markup, in the billing currency) above {@code above} is discounted by
   * {@code discountPct}. By {@code quantity}: the cost of the units consumed above {@code above}
   * {@code unit}s, at the month's average unit cost, is discounted. With {@code service}, only that
   * service's cost (and quantity) counts and is discounted. Tiers with the same basis, service and
   * unit form one ladder.
   */
  public static final class TierConfig {
    public static final String SPEND = "spend";
    public static final String QUANTITY = "quantity";

    private final BigDecimal above;
    private final BigDecimal discountPct;
    private final String service;
    private final String basis;
    private final String unit;

    public TierConfig(BigDecimal above, BigDecimal discountPct, String service) {
      this(above, discountPct, service, null, null);
    }

    @JsonCreator
    public TierConfig(
        @JsonProperty("above") BigDecimal above,
        @JsonProperty("discountPct") BigDecimal discountPct,
        @JsonProperty("service") String service,
        @JsonProperty("basis") String basis,
        @JsonProperty("unit") String unit) {
      if (above == null || above.signum() < 0) {
        throw new IllegalArgumentException("a tier needs above: an amount of 0 or more");
      }
      if (discountPct == null
          || discountPct.signum() < 0
          || discountPct.compareTo(BigDecimal.valueOf(100)) > 0) {
        throw new IllegalArgumentException("a tier needs discountPct between 0 and 100");
      }
      this.basis = Objects.requireNonNullElse(basis, SPEND);
      if (!this.basis.equals(SPEND) && !this.basis.equals(QUANTITY)) {
        throw new IllegalArgumentException(
            "a tier's basis is spend or quantity (got '" + basis + "')");
      }
      if (this.basis.equals(QUANTITY) && (unit == null || unit.isBlank())) {
        throw new IllegalArgumentException(
            "a quantity tier needs the unit it counts (a ConsumedUnit, such as Hours)");
      }
      if (this.basis.equals(SPEND) && unit != null) {
        throw new IllegalArgumentException("a spend tier has no unit; set basis: quantity");
      }
      this.above = above;
      this.discountPct = discountPct;
      this.service = service;
      this.unit = unit;
    }

    /** The ladder this tier belongs to: tiers with the same scope are applied together. */
    public String scope() {
      return String.join(
          "|",
          basis,
          Objects.requireNonNullElse(service, ""),
          Objects.requireNonNullElse(unit, ""));
    }

    public boolean byQuantity() {
      return basis.equals(QUANTITY);
    }

    public String basis() {
      return basis;
    }

    public String unit() {
      return unit;
    }

    public BigDecimal above() {
      return above;
    }

    public BigDecimal discountPct() {
      return discountPct;
    }

    public String service() {
      return service;
    }
  }

  /**
   * A credit granted from a billing period on: it pays invoices (before tax) until used up; what
   * one period does not use carries over to the next.
   */
  public static final class CreditConfig {
    private final String id;
    private final BigDecimal amount;
    private final String from;

    @JsonCreator
    public CreditConfig(
        @JsonProperty("id") String id,
        @JsonProperty("amount") BigDecimal amount,
        @JsonProperty("from") String from) {
      if (id == null
          || amount == null
          || amount.signum() <= 0
          || from == null
          || !PeriodRange.isPeriod(from)) {
        throw new IllegalArgumentException(
            "a credit needs an id, a positive amount and from: yyyy-MM");
      }
      this.id = id;
      this.amount = amount;
      this.from = from;
    }

    public String id() {
      return id;
    }

    public BigDecimal amount() {
      return amount;
    }

    public String from() {
      return from;
    }
  }
}
