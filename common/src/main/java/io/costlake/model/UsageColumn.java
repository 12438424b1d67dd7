package io.costlake.model;

import static io.costlake.model.ColumnType.DATE;
import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.QUANTITY;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.UNIT_PRICE;

/**
 * {@code usage_daily} and {@code usage_monthly}: cost and usage rolled up for reporting. Grain: one
 * row per (billing period, [day,] provider, billing account, service, region, owner, currency,
 * unit); partitioned by billing period. {@code usage_monthly} has every column but {@code day} and
 * its FX quote. The reporting_ columns are the money columns in {@code report.currency}.
 */
public enum UsageColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  day(DATE, false, "Day (UTC) of the charge period start; usage_daily only"),
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  BillingAccountId(STRING, false, "Billing account"),
  ServiceName(STRING, true, "Service"),
  RegionId(STRING, true, "Region"),
  owner(STRING, false, "Owner after allocation (cost_allocated.owner)"),
  BillingCurrency(STRING, false, "Currency of the amounts"),
  ConsumedUnit(STRING, true, "Unit of quantity; null for cost without consumed quantity"),
  quantity(QUANTITY, true, "ConsumedQuantity, allocated like the cost"),
  BilledCost(MONEY, false, "BilledCost"),
  EffectiveCost(MONEY, false, "EffectiveCost (amortized)"),
  unit_cost(UNIT_PRICE, true, "EffectiveCost / quantity; null when there is no quantity"),
  line_count(LONG, false, "cost_allocated rows rolled up"),
  period_status(
      STRING,
      false,
      "final once invoice reconciliation matched the account's period, else provisional"),
  reporting_currency(STRING, true, "report.currency; null when none is configured"),
  fx_rate(
      UNIT_PRICE,
      true,
      "reporting_currency per unit of BillingCurrency on the day (1 when they are the same);"
          + " null when no rate is quoted for the day; usage_daily only"),
  fx_rate_date(
      STRING,
      true,
      "Day or month of the FX quote used (the latest on or before the day); usage_daily only"),
  reporting_billed_cost(
      MONEY, true, "BilledCost in reporting_currency, at each day's rate; null without a rate"),
  reporting_effective_cost(
      MONEY, true, "EffectiveCost in reporting_currency, at each day's rate; null without a rate"),
  reporting_unit_cost(UNIT_PRICE, true, "reporting_effective_cost / quantity");

  private final ColumnSpec spec;

  UsageColumn(ColumnType type, boolean nullable, String comment) {
    this.spec = ColumnSpec.of(type, nullable, comment);
  }

  /** The columns of usage_monthly: all but the day and its FX quote. */
  public static TableColumn[] monthly() {
    return java.util.Arrays.stream(values())
        .filter(c -> c != day && c != fx_rate && c != fx_rate_date)
        .toArray(TableColumn[]::new);
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
