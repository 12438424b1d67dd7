package io.costlake.chargeback;

import java.math.BigDecimal;

/** An owner's cost of one service in one billing period, in the currency it was billed in. */
public final class OwnerCost {
  final String owner;
  final String period;
  final String service;
  final String currency;
  final BigDecimal cost;

  public OwnerCost(String owner, String period, String service, String currency, BigDecimal cost) {
    this.owner = owner;
    this.period = period;
    this.service = service;
    this.currency = currency;
    this.cost = cost;
  }
}
