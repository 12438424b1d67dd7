package io.costlake.reconcile;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A slice's BilledCost as one ingest run left it ({@code ingest_slices}): the history that tells
 * how much of a period's cost arrived after its invoice was issued.
 */
public final class SliceCost {
  final Invoice.Key key;
  final Instant recordedAt;
  final BigDecimal billed;

  public SliceCost(
      String provider, String account, String period, Instant recordedAt, BigDecimal billed) {
    this.key = new Invoice.Key(provider, account, period);
    this.recordedAt = recordedAt;
    this.billed = billed;
  }
}
