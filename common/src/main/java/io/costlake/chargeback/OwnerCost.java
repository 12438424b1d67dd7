package io.costlake.chargeback;

import java.math.BigDecimal;

/**
 * An owner's cost of one service in one unit (null when the cost has no consumed quantity) in one
 * billing period, in the currency it was billed in, with the quantity consumed.
 */
public final class OwnerCost {
  final String owner;
  final String period;
  final String service;
  final String unit;
  final BigDecimal quantity;
  final String currency;
  final BigDecimal cost;

  public OwnerCost(
      String owner,
      String period,
      String service,
      String unit,
      BigDecimal quantity,
      String currency,
      BigDecimal cost) {
    this.owner = owner;
    this.period = period;
    this.service = service;
    this.unit = unit;
    this.quantity = quantity;
    this.currency = currency;
    this.cost = cost;
  }
}
