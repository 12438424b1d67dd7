package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/** Settings of {@code costlake reconcile}: where the invoices are and how close is close enough. */
public final class ReconcileConfig {
  public static final BigDecimal DEFAULT_TOLERANCE_PCT = new BigDecimal("0.5");
  public static final BigDecimal DEFAULT_TOLERANCE_AMOUNT = new BigDecimal("1.00");

  private final String invoicesFile;
  private final BigDecimal tolerancePct;
  private final BigDecimal toleranceAmount;

  @JsonCreator
  public ReconcileConfig(
      @JsonProperty("invoicesFile") String invoicesFile,
      @JsonProperty("tolerancePct") BigDecimal tolerancePct,
      @JsonProperty("toleranceAmount") BigDecimal toleranceAmount) {
    this.invoicesFile = invoicesFile;
    this.tolerancePct = Objects.requireNonNullElse(tolerancePct, DEFAULT_TOLERANCE_PCT);
    this.toleranceAmount = Objects.requireNonNullElse(toleranceAmount, DEFAULT_TOLERANCE_AMOUNT);
    if (this.tolerancePct.signum() < 0 || this.toleranceAmount.signum() < 0) {
      throw new IllegalArgumentException("reconcile tolerances cannot be negative");
    }
  }

  public static ReconcileConfig defaults() {
    return new ReconcileConfig(null, null, null);
  }

  /** The provider invoices (CSV or JSON); relative paths resolve against the YAML's folder. */
  public String invoicesFile() {
    return invoicesFile;
  }

  /** A delta within this percentage of the invoice total is WITHIN_TOLERANCE. */
  public BigDecimal tolerancePct() {
    return tolerancePct;
  }

  /** A delta within this amount (invoice currency) is WITHIN_TOLERANCE too. */
  public BigDecimal toleranceAmount() {
    return toleranceAmount;
  }
}
