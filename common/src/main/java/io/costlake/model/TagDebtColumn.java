package io.costlake.model;

import static io.costlake.model.ColumnType.INT;
import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;

/**
 * {@code tag_debt}: the untagged resources, most expensive first, so teams know what to fix. Grain:
 * one row per (billing period, provider, billing account, sub account, service, resource, missing
 * keys, currency).
 */
public enum TagDebtColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  BillingAccountId(STRING, false, "Billing account"),
  SubAccountId(STRING, true, "Sub account"),
  ServiceName(STRING, true, "Service"),
  ResourceId(STRING, false, "The resource to tag"),
  owner(STRING, false, "Owner by the owner chain: who should add the tags"),
  missing_tags(STRING_LIST, false, "Required keys it lacks or has invalid values for"),
  BillingCurrency(STRING, false, "Currency of the amounts"),
  untagged_cost(MONEY, false, "EffectiveCost of its lines in the period"),
  line_count(LONG, false, "How many lines"),
  debt_rank(INT, false, "Rank of untagged_cost within the period and currency, 1 = most");

  private final ColumnSpec spec;

  TagDebtColumn(ColumnType type, boolean nullable, String comment) {
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
