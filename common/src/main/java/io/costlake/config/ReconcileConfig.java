package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Settings of {@code costlake reconcile}: where the invoices are and how close is close enough. */
public final class ReconcileConfig {
  public static final BigDecimal DEFAULT_TOLERANCE_PCT = new BigDecimal("0.5");
  public static final BigDecimal DEFAULT_TOLERANCE_AMOUNT = new BigDecimal("1.00");

  private final List<String> invoicesFiles;
  private final BigDecimal tolerancePct;
  private final BigDecimal toleranceAmount;

  @JsonCreator
  public ReconcileConfig(
      @JsonProperty("invoicesFile") Object invoicesFile,
      @JsonProperty("tolerancePct") BigDecimal tolerancePct,
      @JsonProperty("toleranceAmount") BigDecimal toleranceAmount) {
    this.invoicesFiles = files(invoicesFile);
    this.tolerancePct = Objects.requireNonNullElse(tolerancePct, DEFAULT_TOLERANCE_PCT);
    this.toleranceAmount = Objects.requireNonNullElse(toleranceAmount, DEFAULT_TOLERANCE_AMOUNT);
    if (this.tolerancePct.signum() < 0 || this.toleranceAmount.signum() < 0) {
      throw new IllegalArgumentException("reconcile tolerances cannot be negative");
    }
  }

  public static ReconcileConfig defaults() {
    return new ReconcileConfig(null, null, null);
  }

  /**
   * The provider invoices: files of CSV, JSON or a provider's own listing (one file, or a list of
   * them, one per provider); relative paths resolve against the YAML's folder. Empty: none.
   */
  public List<String> invoicesFiles() {
    return invoicesFiles;
  }

  private static List<String> files(Object given) {
    List<String> files = new ArrayList<>();
    if (given instanceof String) {
      files.add((String) given);
    } else if (given instanceof List) {
      for (Object file : (List<?>) given) {
        if (!(file instanceof String) || ((String) file).isBlank()) {
          throw new IllegalArgumentException(
              "reconcile.invoicesFile is a file or a list of files (got " + given + ")");
        }
        files.add((String) file);
      }
    } else if (given != null) {
      throw new IllegalArgumentException(
          "reconcile.invoicesFile is a file or a list of files (got " + given + ")");
    }
    return List.copyOf(files);
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
