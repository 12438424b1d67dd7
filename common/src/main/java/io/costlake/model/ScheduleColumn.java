package io.costlake.model;

import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code amortization_schedule}: how each pre-paid commitment purchase (or its refund) is
 * recognized over its term, straight line, per accounting month. Grain: one row per (purchase line
 * item, accounting period). This is what finance books.
 */
public enum ScheduleColumn implements TableColumn {
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  BillingAccountId(STRING, false, "Billing account the purchase was billed to"),
  SubAccountId(STRING, true, "Sub-account that bought it"),
  CommitmentDiscountId(STRING, false, "The commitment"),
  CommitmentDiscountName(STRING, true, "Its display name"),
  CommitmentDiscountType(STRING, true, "Reserved Instance, Savings Plan, Reservation, ..."),
  BillingCurrency(STRING, false, "Currency of the amounts"),
  purchase_record_hash(STRING, false, "x_RecordHash of the purchase (or refund) line item"),
  purchase_billing_period(STRING, false, "Billing period (yyyy-MM) the purchase was billed in"),
  kind(STRING, false, "Purchase, or Refund for a negative purchase that reverses one"),
  term_start(TIMESTAMP, false, "Start of the term recognized (inclusive)"),
  term_end(TIMESTAMP, false, "End of the term (exclusive)"),
  purchase_amount(MONEY, false, "BilledCost of the purchase line item"),
  accounting_period(STRING, false, "Calendar month (yyyy-MM, UTC) recognized"),
  period_start(TIMESTAMP, false, "Start of the part of the term inside the accounting period"),
  period_end(TIMESTAMP, false, "End (exclusive) of that part"),
  recognized(
      MONEY,
      false,
      "Amount recognized in the period: straight line by seconds of term, rounded to cents; the"
          + " last period absorbs the rounding residual"),
  cumulative_recognized(MONEY, false, "Recognized up to and including this period"),
  remaining_balance(MONEY, false, "purchase_amount - cumulative_recognized");

  private final ColumnSpec spec;

  ScheduleColumn(ColumnType type, boolean nullable, String comment) {
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
