package io.costlake.chargeback;

import java.math.BigDecimal;

/** One invoice of {@code chargeback_invoices}: a profile's month, its total equal to its lines. */
public final class ChargebackInvoice {
  final String profileId;
  final int profileVersion;
  final String period;
  final String currency;
  final BigDecimal subtotal;
  final BigDecimal creditApplied;
  final BigDecimal creditBalanceAfter;
  final BigDecimal tax;
  final BigDecimal totalExact;
  final BigDecimal total;
  final BigDecimal roundingResidual;
  final int lines;
  final java.util.List<String> owners;
  final java.util.Map<String, BigDecimal> creditBalances;

  ChargebackInvoice(
      String profileId,
      int profileVersion,
      String period,
      String currency,
      BigDecimal subtotal,
      BigDecimal creditApplied,
      BigDecimal creditBalanceAfter,
      BigDecimal tax,
      BigDecimal totalExact,
      BigDecimal total,
      BigDecimal roundingResidual,
      int lines,
      java.util.List<String> owners,
      java.util.Map<String, BigDecimal> creditBalances) {
    this.profileId = profileId;
    this.profileVersion = profileVersion;
    this.period = period;
    this.currency = currency;
    this.subtotal = subtotal;
    this.creditApplied = creditApplied;
    this.creditBalanceAfter = creditBalanceAfter;
    this.tax = tax;
    this.totalExact = totalExact;
    this.total = total;
    this.roundingResidual = roundingResidual;
    this.lines = lines;
    this.owners = java.util.List.copyOf(owners);
    this.creditBalances = new java.util.TreeMap<>(creditBalances);
  }

  public String currency() {
    return currency;
  }

  public String period() {
    return period;
  }

  public String profileId() {
    return profileId;
  }

  public int profileVersion() {
    return profileVersion;
  }

  public BigDecimal total() {
    return total;
  }

  public BigDecimal creditApplied() {
    return creditApplied;
  }

  public BigDecimal creditBalanceAfter() {
    return creditBalanceAfter;
  }

  public BigDecimal roundingResidual() {
    return roundingResidual;
  }
}
