package io.costlake.model;

import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.QUANTITY;
import static io.costlake.model.ColumnType.STRING;

/**
 * {@code chargeback_lines}: what each owner is charged. Grain: one row per (owner, billing period,
 * service, unit, source currency, profile version); partitioned by billing period.
 */
public enum ChargebackLineColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  owner(STRING, false, "The owner charged (cost_allocated.owner)"),
  ServiceName(STRING, true, "Service"),
  ConsumedUnit(STRING, true, "Unit of quantity; null for cost with no consumed quantity"),
  quantity(
      QUANTITY,
      true,
      "The owner's ConsumedQuantity of the service in that unit (allocated like its cost)"),
  profile_id(STRING, false, "Billing profile"),
  profile_version(LONG, false, "The profile version in force in the period"),
  source_currency(STRING, false, "Currency the cost was billed in"),
  billing_currency(STRING, false, "The profile's currency: every amount below is in it"),
  fx_rate(QUANTITY, false, "Units of billing_currency per unit of source_currency (1 when equal)"),
  fx_rate_date(STRING, true, "The month (yyyy-MM) or day (yyyy-MM-dd) the rate is quoted for"),
  source_cost(MONEY, false, "The owner's EffectiveCost of the service, in source_currency"),
  base_cost(MONEY, false, "source_cost x fx_rate"),
  markup(MONEY, false, "base_cost x the profile's markup"),
  discount(MONEY, false, "(base_cost + markup) x the profile's flat discount"),
  volume_discount(MONEY, false, "This line's share of the tiered volume discounts"),
  credit(MONEY, false, "This line's share of the credits the invoice used"),
  tax(MONEY, false, "Tax on what remains after discounts and credits"),
  amount(MONEY, false, "base_cost + markup - discount - volume_discount - credit + tax (exact)"),
  amount_rounded(
      MONEY,
      false,
      "amount rounded by the profile's rounding; the invoice's largest line also takes the"
          + " residual, so the lines add up to the invoice total");

  private final ColumnSpec spec;

  ChargebackLineColumn(ColumnType type, boolean nullable, String comment) {
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
