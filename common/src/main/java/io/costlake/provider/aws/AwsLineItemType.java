package io.costlake.provider.aws;

import static org.apache.spark.sql.functions.lit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;

/**
 * The values of {@code lineItem/LineItemType}, grouped by how FOCUS treats them. The groups are
 * turned into {@code IN (...)} predicates; anything AWS adds later falls through to the mapping's
 * defaults (ChargeCategory {@code Adjustment}) rather than failing the run.
 */
public enum AwsLineItemType {
  USAGE("Usage"),
  DISCOUNTED_USAGE("DiscountedUsage"),
  SAVINGS_PLAN_COVERED_USAGE("SavingsPlanCoveredUsage"),
  SAVINGS_PLAN_NEGATION("SavingsPlanNegation"),
  RI_FEE("RIFee"),
  FEE("Fee"),
  SAVINGS_PLAN_UPFRONT_FEE("SavingsPlanUpfrontFee"),
  SAVINGS_PLAN_RECURRING_FEE("SavingsPlanRecurringFee"),
  TAX("Tax"),
  CREDIT("Credit"),
  REFUND("Refund"),
  EDP_DISCOUNT("EdpDiscount"),
  PRIVATE_RATE_DISCOUNT("PrivateRateDiscount"),
  BUNDLED_DISCOUNT("BundledDiscount"),
  DISCOUNT("Discount"),
  SPP_DISCOUNT("SppDiscount"),
  DISTRIBUTOR_DISCOUNT("DistributorDiscount");

  /** Negotiated-discount rows: folded into net columns when the report has them. */
  public static final List<AwsLineItemType> DISCOUNTS =
      List.of(
          EDP_DISCOUNT,
          PRIVATE_RATE_DISCOUNT,
          BUNDLED_DISCOUNT,
          DISCOUNT,
          SPP_DISCOUNT,
          DISTRIBUTOR_DISCOUNT);

  /** Usage a commitment paid for (FOCUS PricingCategory Committed). */
  public static final List<AwsLineItemType> COMMITTED_USAGE =
      List.of(DISCOUNTED_USAGE, SAVINGS_PLAN_COVERED_USAGE, SAVINGS_PLAN_NEGATION);

  /** Rows whose UsageAmount is metered consumption (FOCUS ConsumedQuantity). */
  public static final List<AwsLineItemType> CONSUMPTION =
      List.of(USAGE, DISCOUNTED_USAGE, SAVINGS_PLAN_COVERED_USAGE);

  /** The commitment fees: FOCUS Purchase rows whose ResourceId is the commitment. */
  public static final List<AwsLineItemType> COMMITMENT_FEES =
      List.of(RI_FEE, SAVINGS_PLAN_UPFRONT_FEE, SAVINGS_PLAN_RECURRING_FEE);

  /** Rows that carry the commitment's ARN. */
  public static final List<AwsLineItemType> COMMITMENT_ROWS =
      List.of(
          DISCOUNTED_USAGE,
          SAVINGS_PLAN_COVERED_USAGE,
          SAVINGS_PLAN_NEGATION,
          RI_FEE,
          FEE,
          SAVINGS_PLAN_UPFRONT_FEE,
          SAVINGS_PLAN_RECURRING_FEE,
          REFUND,
          CREDIT);

  private final String value;

  AwsLineItemType(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public Column is(Column type) {
    return type.equalTo(lit(value));
  }

  /** {@code type IN (values of the group)}. */
  public static Column in(Column type, List<AwsLineItemType> group) {
    return type.isin(group.stream().map(t -> (Object) t.value).toArray());
  }

  public static List<String> values(List<AwsLineItemType> group) {
    return group.stream().map(AwsLineItemType::value).collect(Collectors.toList());
  }

  public static List<String> all() {
    return Arrays.stream(values()).map(AwsLineItemType::value).collect(Collectors.toList());
  }
}
