package io.costlake.model;

import static io.costlake.model.ColumnType.INT;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.PERCENT;
import static io.costlake.model.ColumnType.STRING;

/**
 * {@code tag_compliance}: how much cost carries the required tags. Grain: one row per (billing
 * period, provider, billing account, sub account, owner, currency), before shared costs move.
 */
public enum TagComplianceColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  BillingAccountId(STRING, false, "Billing account"),
  SubAccountId(STRING, true, "Sub account"),
  owner(STRING, false, "Owner by the owner chain (the unallocated bucket included)"),
  BillingCurrency(STRING, false, "Currency of the amounts"),
  total_cost(MONEY, false, "EffectiveCost of all lines: tagged + untagged + untaggable"),
  tagged_cost(MONEY, false, "EffectiveCost of resource lines carrying every required tag"),
  untagged_cost(
      MONEY, false, "EffectiveCost of resource lines missing a required tag or its valid value"),
  untaggable_cost(
      MONEY, false, "EffectiveCost of lines without a resource (tax, credits, fees, support)"),
  tagged_pct(
      PERCENT, true, "100 x tagged_cost / (tagged_cost + untagged_cost); null when both are 0"),
  untagged_rank(
      INT,
      true,
      "Rank of untagged_cost within the period and currency, 1 = most; null when nothing is untagged");

  private final ColumnSpec spec;

  TagComplianceColumn(ColumnType type, boolean nullable, String comment) {
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
