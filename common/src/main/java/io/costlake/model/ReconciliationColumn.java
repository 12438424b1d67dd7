package io.costlake.model;

import static io.costlake.model.ColumnType.JSON;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.PERCENT;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code invoice_reconciliation}: computed BilledCost against the provider's invoices. Grain: one
 * row per (provider, billing account, billing period, invoice, currency); partitioned by billing
 * period.
 */
public enum ReconciliationColumn implements TableColumn {
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  BillingAccountId(STRING, false, "Billing account"),
  invoice_id(
      STRING,
      true,
      "The invoice (several joined by + when the data cannot tell them apart); for"
          + " MISSING_INVOICE the data's InvoiceId, if any"),
  BillingCurrency(STRING, false, "Currency of the amounts"),
  status(
      STRING,
      false,
      "MATCHED (delta under half a cent), WITHIN_TOLERANCE, MISMATCH, MISSING_INVOICE (cost"
          + " without an invoice) or MISSING_DATA (an invoice without cost lines)"),
  computed_billed_cost(MONEY, false, "Sum of BilledCost of the matched cost lines"),
  invoice_total(MONEY, true, "The invoice's total (amount before tax + tax)"),
  invoice_amount_before_tax(MONEY, true, "The invoice's amount before tax"),
  invoice_tax(MONEY, true, "The invoice's tax"),
  delta(MONEY, true, "computed_billed_cost - invoice_total"),
  delta_pct(PERCENT, true, "100 x delta / |invoice_total|; null when the total is 0 or missing"),
  usage_cost(MONEY, false, "Computed BilledCost of ChargeCategory Usage"),
  purchase_cost(MONEY, false, "Computed BilledCost of ChargeCategory Purchase"),
  tax_cost(MONEY, false, "Computed BilledCost of ChargeCategory Tax"),
  credit_cost(MONEY, false, "Computed BilledCost of ChargeCategory Credit"),
  adjustment_cost(MONEY, false, "Computed BilledCost of ChargeCategory Adjustment"),
  tax_delta(MONEY, true, "tax_cost - invoice_tax: the part of delta in tax"),
  pretax_delta(
      MONEY, true, "(computed_billed_cost - tax_cost) - invoice_amount_before_tax: the rest"),
  rounding_delta(
      MONEY, false, "computed_billed_cost minus itself rounded to cents: what rounding explains"),
  late_cost(
      MONEY,
      true,
      "BilledCost of the account's period that arrived after the invoice was issued: its cost"
          + " now minus its cost at the last ingest before the issue date (ingest_slices); null"
          + " without an issue date"),
  invoice_issued_at(TIMESTAMP, true, "When the invoice was issued"),
  period_status(
      STRING, false, "provisional, or final once a reconciliation MATCHED or was WITHIN_TOLERANCE"),
  finalized_at(TIMESTAMP, true, "When the period became final"),
  finalized_billed_cost(MONEY, true, "computed_billed_cost when it became final"),
  finalization_drift(
      MONEY,
      true,
      "computed_billed_cost - finalized_billed_cost: a restatement after finalization"),
  drift_detail(
      JSON, true, "The drift by ChargeCategory, as a JSON object; null when there is none"),
  finalized_detail(JSON, true, "BilledCost by ChargeCategory when the period became final (JSON)"),
  reconciled_at(TIMESTAMP, false, "When this reconciliation ran");

  private final ColumnSpec spec;

  ReconciliationColumn(ColumnType type, boolean nullable, String comment) {
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
