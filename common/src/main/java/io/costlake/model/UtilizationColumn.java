package io.costlake.model;

import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.PERCENT;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code commitment_utilization}: what each commitment cost, what usage took of it and what it
 * wasted. Grain: one row per (commitment, UTC day), partitioned by billing period.
 */
public enum UtilizationColumn implements TableColumn {
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM) of the rows; partition column"),
  BillingAccountId(STRING, false, "The billing account the commitment's cost is billed to"),
  CommitmentDiscountId(STRING, false, "The commitment"),
  CommitmentDiscountName(STRING, true, "Its display name"),
  CommitmentDiscountType(STRING, true, "Reserved Instance, Savings Plan, Reservation, ..."),
  CommitmentDiscountCategory(STRING, true, "Spend or Usage"),
  BillingCurrency(STRING, true, "Currency of the amounts"),
  day_start(TIMESTAMP, false, "Start of the UTC day; the day ends 24 hours later"),
  commitment_cost(MONEY, false, "What the commitment cost this day: used_cost + unused_cost"),
  used_cost(
      MONEY,
      false,
      "What the usage it covered took of it: that usage's EffectiveCost, or the share costlake"
          + " spread onto it"),
  unused_cost(MONEY, false, "EffectiveCost of the commitment's Unused rows: what it wasted"),
  utilization_pct(
      PERCENT, true, "100 x used_cost / commitment_cost; null when the commitment cost nothing"),
  covered_list_cost(MONEY, false, "ListCost (on-demand value) of the usage the commitment covered"),
  eligible_list_cost(
      MONEY,
      false,
      "ListCost of all usage in the same billing account and services on that day, covered or"
          + " not: what the commitment could have covered"),
  coverage_pct(
      PERCENT,
      true,
      "100 x covered_list_cost / eligible_list_cost; null when nothing was eligible"),
  owner_accounts(
      STRING_LIST, false, "Sub-accounts whose usage it covered or that hold its unused rows"),
  amortization_method(
      STRING, false, "Provider when the export amortized it, Spread when costlake did");

  private final ColumnSpec spec;

  UtilizationColumn(ColumnType type, boolean nullable, String comment) {
    this.spec = ColumnSpec.of(type, nullable, comment);
  }

  @Override
  public String columnName() {
    return name();
  }

  @Override
  public ColumnSpec spec() {
    return spec;
  }
}
