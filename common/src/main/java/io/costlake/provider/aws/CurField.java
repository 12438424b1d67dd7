package io.costlake.provider.aws;

import io.costlake.ingest.read.ColumnNames;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The AWS Cost and Usage Report columns costlake reads, named as in the CUR 1.0 data dictionary.
 * The same column appears as {@code lineItem/UnblendedCost} (CUR 1.0 CSV), {@code
 * line_item_unblended_cost} (Athena/Parquet and CUR 2.0) and sometimes with other capitalization;
 * {@link ColumnNames#key(String)} folds all of them onto one key. In costlake's raw frame each
 * field is a string column named {@link #rawName()} (the Athena spelling).
 */
public enum CurField {
  IDENTITY_LINE_ITEM_ID("identity/LineItemId"),
  IDENTITY_TIME_INTERVAL("identity/TimeInterval"),
  BILL_INVOICE_ID("bill/InvoiceId"),
  BILL_INVOICING_ENTITY("bill/InvoicingEntity"),
  BILL_BILLING_ENTITY("bill/BillingEntity"),
  BILL_BILL_TYPE("bill/BillType"),
  BILL_PAYER_ACCOUNT_ID("bill/PayerAccountId"),
  BILL_PAYER_ACCOUNT_NAME("bill/PayerAccountName"),
  BILL_BILLING_PERIOD_START_DATE("bill/BillingPeriodStartDate"),
  BILL_BILLING_PERIOD_END_DATE("bill/BillingPeriodEndDate"),
  LINE_ITEM_USAGE_ACCOUNT_ID("lineItem/UsageAccountId"),
  LINE_ITEM_USAGE_ACCOUNT_NAME("lineItem/UsageAccountName"),
  LINE_ITEM_LINE_ITEM_TYPE("lineItem/LineItemType"),
  LINE_ITEM_USAGE_START_DATE("lineItem/UsageStartDate"),
  LINE_ITEM_USAGE_END_DATE("lineItem/UsageEndDate"),
  LINE_ITEM_PRODUCT_CODE("lineItem/ProductCode"),
  LINE_ITEM_USAGE_TYPE("lineItem/UsageType"),
  LINE_ITEM_OPERATION("lineItem/Operation"),
  LINE_ITEM_AVAILABILITY_ZONE("lineItem/AvailabilityZone"),
  LINE_ITEM_RESOURCE_ID("lineItem/ResourceId"),
  LINE_ITEM_USAGE_AMOUNT("lineItem/UsageAmount"),
  LINE_ITEM_NORMALIZED_USAGE_AMOUNT("lineItem/NormalizedUsageAmount"),
  LINE_ITEM_CURRENCY_CODE("lineItem/CurrencyCode"),
  LINE_ITEM_UNBLENDED_RATE("lineItem/UnblendedRate"),
  LINE_ITEM_UNBLENDED_COST("lineItem/UnblendedCost"),
  LINE_ITEM_NET_UNBLENDED_RATE("lineItem/NetUnblendedRate"),
  LINE_ITEM_NET_UNBLENDED_COST("lineItem/NetUnblendedCost"),
  LINE_ITEM_LINE_ITEM_DESCRIPTION("lineItem/LineItemDescription"),
  LINE_ITEM_TAX_TYPE("lineItem/TaxType"),
  LINE_ITEM_LEGAL_ENTITY("lineItem/LegalEntity"),
  PRODUCT_PRODUCT_NAME("product/ProductName"),
  PRODUCT_REGION("product/region"),
  PRODUCT_REGION_CODE("product/regionCode"),
  PRODUCT_LOCATION("product/location"),
  PRODUCT_PRODUCT_FAMILY("product/productFamily"),
  PRODUCT_SERVICECODE("product/servicecode"),
  PRODUCT_SKU("product/sku"),
  PRODUCT_INSTANCE_TYPE("product/instanceType"),
  PRICING_RATE_CODE("pricing/RateCode"),
  PRICING_RATE_ID("pricing/RateId"),
  PRICING_PUBLIC_ON_DEMAND_COST("pricing/publicOnDemandCost"),
  PRICING_PUBLIC_ON_DEMAND_RATE("pricing/publicOnDemandRate"),
  PRICING_TERM("pricing/term"),
  PRICING_UNIT("pricing/unit"),
  PRICING_CURRENCY("pricing/currency"),
  PRICING_PURCHASE_OPTION("pricing/PurchaseOption"),
  PRICING_LEASE_CONTRACT_LENGTH("pricing/LeaseContractLength"),
  RESERVATION_RESERVATION_A_R_N("reservation/ReservationARN"),
  RESERVATION_EFFECTIVE_COST("reservation/EffectiveCost"),
  RESERVATION_NET_EFFECTIVE_COST("reservation/NetEffectiveCost"),
  RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD(
      "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"),
  RESERVATION_NET_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD(
      "reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod"),
  RESERVATION_UNUSED_RECURRING_FEE("reservation/UnusedRecurringFee"),
  RESERVATION_NET_UNUSED_RECURRING_FEE("reservation/NetUnusedRecurringFee"),
  RESERVATION_UNUSED_QUANTITY("reservation/UnusedQuantity"),
  RESERVATION_TOTAL_RESERVED_UNITS("reservation/TotalReservedUnits"),
  RESERVATION_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD(
      "reservation/AmortizedUpfrontFeeForBillingPeriod"),
  RESERVATION_RECURRING_FEE_FOR_USAGE("reservation/RecurringFeeForUsage"),
  RESERVATION_AMORTIZED_UPFRONT_COST_FOR_USAGE("reservation/AmortizedUpfrontCostForUsage"),
  RESERVATION_START_TIME("reservation/StartTime"),
  RESERVATION_END_TIME("reservation/EndTime"),
  RESERVATION_NUMBER_OF_RESERVATIONS("reservation/NumberOfReservations"),
  RESERVATION_UPFRONT_VALUE("reservation/UpfrontValue"),
  SAVINGS_PLAN_SAVINGS_PLAN_A_R_N("savingsPlan/SavingsPlanARN"),
  SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST("savingsPlan/SavingsPlanEffectiveCost"),
  SAVINGS_PLAN_NET_SAVINGS_PLAN_EFFECTIVE_COST("savingsPlan/NetSavingsPlanEffectiveCost"),
  SAVINGS_PLAN_TOTAL_COMMITMENT_TO_DATE("savingsPlan/TotalCommitmentToDate"),
  SAVINGS_PLAN_USED_COMMITMENT("savingsPlan/UsedCommitment"),
  SAVINGS_PLAN_SAVINGS_PLAN_RATE("savingsPlan/SavingsPlanRate"),
  SAVINGS_PLAN_AMORTIZED_UPFRONT_COMMITMENT_FOR_BILLING_PERIOD(
      "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod"),
  SAVINGS_PLAN_RECURRING_COMMITMENT_FOR_BILLING_PERIOD(
      "savingsPlan/RecurringCommitmentForBillingPeriod"),
  SAVINGS_PLAN_START_TIME("savingsPlan/StartTime"),
  SAVINGS_PLAN_END_TIME("savingsPlan/EndTime"),
  SAVINGS_PLAN_PAYMENT_OPTION("savingsPlan/PaymentOption"),
  SAVINGS_PLAN_PURCHASE_TERM("savingsPlan/PurchaseTerm"),
  SAVINGS_PLAN_OFFERING_TYPE("savingsPlan/OfferingType");

  private static final Map<String, CurField> BY_KEY =
      Arrays.stream(values()).collect(Collectors.toMap(f -> f.key, Function.identity()));

  private final String curName;
  private final String key;

  CurField(String curName) {
    this.curName = curName;
    this.key = ColumnNames.key(curName);
  }

  /** The name in the CUR 1.0 data dictionary, e.g. {@code lineItem/UnblendedCost}. */
  public String curName() {
    return curName;
  }

  /** The string column holding this field in costlake's raw frame. */
  public String rawName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The column family: {@code lineItem}, {@code product}, {@code reservation}, ... */
  public String family() {
    return curName.substring(0, curName.indexOf('/'));
  }

  /** The name within its family, e.g. {@code ProductName} for {@code product/ProductName}. */
  public String attribute() {
    return curName.substring(curName.indexOf('/') + 1);
  }

  public static Optional<CurField> byColumnName(String columnName) {
    return Optional.ofNullable(BY_KEY.get(ColumnNames.key(columnName)));
  }
}
