package io.costlake.ingest;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Counts and sums of one group of mapped rows: one source file, one slice (when the rows have one),
 * one origin (provider row or derived row), good or rejected, first copy or duplicate.
 */
public final class SliceStat {
  private final String sourceFile;
  private final String billingAccountId;
  private final String billingPeriod;
  private final boolean derived;
  private final boolean good;
  private final boolean superseded;
  private final boolean duplicate;
  private final long rows;
  private final BigDecimal costIn;
  private final BigDecimal billedCost;
  private final BigDecimal effectiveCost;
  private final String currency;
  private final BigDecimal costRounding;
  private final long rowsRounded;

  public SliceStat(
      String sourceFile,
      String billingAccountId,
      String billingPeriod,
      boolean derived,
      boolean good,
      boolean superseded,
      boolean duplicate,
      long rows,
      BigDecimal costIn,
      BigDecimal billedCost,
      BigDecimal effectiveCost,
      String currency) {
    this(
        sourceFile,
        billingAccountId,
        billingPeriod,
        derived,
        good,
        superseded,
        duplicate,
        rows,
        costIn,
        billedCost,
        effectiveCost,
        currency,
        BigDecimal.ZERO,
        0);
  }

  /**
   * @param costRounding what rounding each billed cost to the table's scale added to {@code costIn}
   * @param rowsRounded rows whose billed cost had more digits than the table keeps
   */
  public SliceStat(
      String sourceFile,
      String billingAccountId,
      String billingPeriod,
      boolean derived,
      boolean good,
      boolean superseded,
      boolean duplicate,
      long rows,
      BigDecimal costIn,
      BigDecimal billedCost,
      BigDecimal effectiveCost,
      String currency,
      BigDecimal costRounding,
      long rowsRounded) {
    this.currency = currency;
    this.costRounding = orZero(costRounding);
    this.rowsRounded = rowsRounded;
    this.sourceFile = sourceFile;
    this.billingAccountId = billingAccountId;
    this.billingPeriod = billingPeriod;
    this.derived = derived;
    this.good = good;
    this.superseded = superseded;
    this.duplicate = duplicate;
    this.rows = rows;
    this.costIn = orZero(costIn);
    this.billedCost = orZero(billedCost);
    this.effectiveCost = orZero(effectiveCost);
  }

  private static BigDecimal orZero(BigDecimal value) {
    return value == null ? BigDecimal.ZERO : value;
  }

  /** The billing currency of these rows, when it could be read. */
  public Optional<String> currency() {
    return Optional.ofNullable(currency);
  }

  public String sourceFile() {
    return sourceFile;
  }

  /** The slice of these rows, when both the account and the period could be read. */
  public Optional<SliceKey> slice(String provider) {
    return billingAccountId == null || billingPeriod == null
        ? Optional.empty()
        : Optional.of(new SliceKey(provider, billingAccountId, billingPeriod));
  }

  public Optional<String> billingPeriod() {
    return Optional.ofNullable(billingPeriod);
  }

  public boolean derived() {
    return derived;
  }

  public boolean good() {
    return good;
  }

  /** Rows another file of the run supersedes: counted, never written. */
  public boolean superseded() {
    return superseded;
  }

  /** Rejected rows that copy a record read already: quarantined, but no sign of a bad export. */
  public boolean duplicate() {
    return duplicate;
  }

  public long rows() {
    return rows;
  }

  public BigDecimal costIn() {
    return costIn;
  }

  public BigDecimal billedCost() {
    return billedCost;
  }

  public BigDecimal effectiveCost() {
    return effectiveCost;
  }

  /** {@link #costIn()} minus the same amounts to 24 decimals: what rounding them added. */
  public BigDecimal costRounding() {
    return costRounding;
  }

  public long rowsRounded() {
    return rowsRounded;
  }
}
