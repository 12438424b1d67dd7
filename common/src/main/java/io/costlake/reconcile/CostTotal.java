package io.costlake.reconcile;

import java.math.BigDecimal;

/**
 * BilledCost of cost lines that share (provider, account, period, currency, InvoiceId, charge
 * category): the small aggregate reconciliation works from.
 */
public final class CostTotal {
  final Invoice.Key key;
  final String currency;
  final String invoiceId;
  final String category;
  final BigDecimal billed;

  public CostTotal(
      String provider,
      String account,
      String period,
      String currency,
      String invoiceId,
      String category,
      BigDecimal billed) {
    this.key = new Invoice.Key(provider, account, period);
    this.currency = currency;
    this.invoiceId = invoiceId;
    this.category = category;
    this.billed = billed;
  }
}
