package io.costlake.provider.aws;

import static io.costlake.provider.aws.AwsCurMapping.money;
import static io.costlake.provider.aws.AwsCurMapping.quantity;
import static io.costlake.provider.aws.AwsCurMapping.t;
import static io.costlake.provider.aws.AwsCurMapping.time;
import static io.costlake.provider.aws.AwsLineItemType.COMMITMENT_FEES;
import static io.costlake.provider.aws.AwsLineItemType.COMMITMENT_ROWS;
import static io.costlake.provider.aws.AwsLineItemType.CONSUMPTION;
import static io.costlake.provider.aws.AwsLineItemType.DISCOUNTS;
import static io.costlake.provider.aws.AwsLineItemType.in;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;

/**
 * What one CUR line is, as the columns every FOCUS part of {@link AwsCurMapping} reads: its line
 * item type and the groups it falls in, its billed amounts, and the commitment it names.
 */
final class CurLine {
  final Column type = t(CurField.LINE_ITEM_LINE_ITEM_TYPE);
  final Column hasNet = coalesce(col(CurRawSchema.NET_COLUMNS), lit(false));
  final Column unblended = money(CurField.LINE_ITEM_UNBLENDED_COST);

  /** Net of negotiated discounts where the report has net columns: what the invoice sums. */
  final Column billed = coalesce(money(CurField.LINE_ITEM_NET_UNBLENDED_COST), unblended);

  final Column riArn = t(CurField.RESERVATION_RESERVATION_A_R_N);
  final Column spArn = t(CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N);
  final Column commitmentId = when(in(type, COMMITMENT_ROWS), coalesce(spArn, riArn));
  final Column isSavingsPlan = commitmentId.isNotNull().and(spArn.isNotNull());

  /** An RI's upfront fee or a Savings Plan's upfront fee: paid now for the whole term. */
  final Column prepaidFee =
      is(AwsLineItemType.FEE)
          .and(riArn.isNotNull())
          .or(is(AwsLineItemType.SAVINGS_PLAN_UPFRONT_FEE));

  final Column commitmentPurchase = in(type, COMMITMENT_FEES).or(prepaidFee);

  /** A fee line: a commitment's purchase or any other Fee (FOCUS Purchase, priced at its rate). */
  final Column isFee = commitmentPurchase.or(is(AwsLineItemType.FEE));

  final Column isTax = is(AwsLineItemType.TAX);
  final Column isCredit = is(AwsLineItemType.CREDIT);
  final Column isRefund = is(AwsLineItemType.REFUND);
  final Column isDiscount = in(type, DISCOUNTS);
  final Column isNegation = is(AwsLineItemType.SAVINGS_PLAN_NEGATION);

  /** Usage-based rows: metered consumption, its Savings Plan negation, negotiated discounts. */
  final Column usageBased = in(type, CONSUMPTION).or(isNegation).or(isDiscount);

  final Column currency = t(CurField.LINE_ITEM_CURRENCY_CODE);
  final Column usageAmount = quantity(CurField.LINE_ITEM_USAGE_AMOUNT);

  /** The pricing unit in FOCUS UnitFormat. */
  final Column unit = AwsUnits.focus(t(CurField.PRICING_UNIT));

  final Column productCode = t(CurField.LINE_ITEM_PRODUCT_CODE);
  final Column chargeStart = time(CurField.LINE_ITEM_USAGE_START_DATE);
  final Column periodStart = time(CurField.BILL_BILLING_PERIOD_START_DATE);

  Column is(AwsLineItemType lineItemType) {
    return lineItemType.is(type);
  }
}
