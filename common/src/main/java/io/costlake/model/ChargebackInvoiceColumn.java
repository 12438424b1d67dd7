package io.costlake.model;

import static io.costlake.model.ColumnType.JSON;
import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code chargeback_invoices}: one invoice per billing profile per billing period, its total equal
 * to the sum of its rounded lines. Partitioned by billing period.
 */
public enum ChargebackInvoiceColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  profile_id(STRING, false, "Billing profile"),
  profile_version(LONG, false, "The profile version in force in the period"),
  owners(JSON, false, "The owners on the invoice, as a JSON array"),
  billing_currency(STRING, false, "Currency of the invoice"),
  subtotal(MONEY, false, "Sum of base_cost + markup - discounts of the lines"),
  credit_applied(MONEY, false, "Credits used by this invoice"),
  credit_balance(MONEY, false, "What is left of the profile's credits after this invoice"),
  credit_balances(JSON, false, "What is left of each credit, by credit id (carried to the next)"),
  tax(MONEY, false, "Sum of the lines' tax"),
  total_exact(MONEY, false, "Sum of the lines' exact amounts"),
  total(MONEY, false, "total_exact rounded by the profile's rounding: the amount invoiced"),
  rounding_residual(
      MONEY, false, "What the largest line took so the rounded lines add up to total"),
  line_count(LONG, false, "Lines on the invoice"),
  priced_at(TIMESTAMP, false, "When chargeback priced it");

  private final ColumnSpec spec;

  ChargebackInvoiceColumn(ColumnType type, boolean nullable, String comment) {
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
