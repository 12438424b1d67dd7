package io.costlake.reconcile;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** One row of {@code invoice_reconciliation}; see {@code ReconciliationColumn}. */
public final class Reconciliation {
  /** How computed cost compares with the invoice. */
  public enum Status {
    MATCHED,
    WITHIN_TOLERANCE,
    MISMATCH,
    MISSING_INVOICE,
    MISSING_DATA;

    boolean finalizes() {
      return this == MATCHED || this == WITHIN_TOLERANCE;
    }
  }

  final Invoice.Key key;
  final String invoiceId;
  final String currency;
  final Status status;
  final BigDecimal computed;
  final Map<String, BigDecimal> byCategory;
  final BigDecimal invoiceTotal;
  final BigDecimal invoiceBeforeTax;
  final BigDecimal invoiceTax;
  final BigDecimal lateCost;
  final Instant issuedAt;
  final Finalization finalization;

  Reconciliation(
      Invoice.Key key,
      String invoiceId,
      String currency,
      Status status,
      BigDecimal computed,
      Map<String, BigDecimal> byCategory,
      BigDecimal invoiceTotal,
      BigDecimal invoiceBeforeTax,
      BigDecimal invoiceTax,
      BigDecimal lateCost,
      Instant issuedAt,
      Finalization finalization) {
    this.key = key;
    this.invoiceId = invoiceId;
    this.currency = currency;
    this.status = status;
    this.computed = computed;
    this.byCategory = new TreeMap<>(byCategory);
    this.invoiceTotal = invoiceTotal;
    this.invoiceBeforeTax = invoiceBeforeTax;
    this.invoiceTax = invoiceTax;
    this.lateCost = lateCost;
    this.issuedAt = issuedAt;
    this.finalization = finalization;
  }

  public Status status() {
    return status;
  }

  public String invoiceId() {
    return invoiceId;
  }

  public String period() {
    return key.period;
  }

  public String account() {
    return key.account;
  }

  public BigDecimal computed() {
    return computed;
  }

  /** computed - invoice total; null when one side is missing. */
  public BigDecimal delta() {
    return invoiceTotal == null ? null : computed.subtract(invoiceTotal);
  }

  public BigDecimal category(String name) {
    return byCategory.getOrDefault(name, BigDecimal.ZERO);
  }

  public Finalization finalization() {
    return finalization;
  }

  /** What a period's first successful reconciliation froze, and how far the data moved since. */
  public static final class Finalization {
    final Instant at;
    final BigDecimal billed;
    final Map<String, BigDecimal> detail;

    public Finalization(Instant at, BigDecimal billed, Map<String, BigDecimal> detail) {
      this.at = at;
      this.billed = billed;
      this.detail = new TreeMap<>(detail);
    }

    public Instant at() {
      return at;
    }

    public BigDecimal billed() {
      return billed;
    }

    Map<String, BigDecimal> detail() {
      return detail;
    }
  }
}
