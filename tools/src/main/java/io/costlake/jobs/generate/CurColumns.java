package io.costlake.jobs.generate;

import java.util.Arrays;

/** The columns the generator writes, in header order, named as in the CUR 1.0 data dictionary. */
enum CurColumns {
  LINE_ITEM_ID("identity/LineItemId"),
  TIME_INTERVAL("identity/TimeInterval"),
  INVOICE_ID("bill/InvoiceId"),
  INVOICING_ENTITY("bill/InvoicingEntity"),
  BILLING_ENTITY("bill/BillingEntity"),
  BILL_TYPE("bill/BillType"),
  PAYER("bill/PayerAccountId"),
  PERIOD_START("bill/BillingPeriodStartDate"),
  PERIOD_END("bill/BillingPeriodEndDate"),
  USAGE_ACCOUNT("lineItem/UsageAccountId"),
  TYPE("lineItem/LineItemType"),
  USAGE_START("lineItem/UsageStartDate"),
  USAGE_END("lineItem/UsageEndDate"),
  PRODUCT_CODE("lineItem/ProductCode"),
  USAGE_TYPE("lineItem/UsageType"),
  OPERATION("lineItem/Operation"),
  AZ("lineItem/AvailabilityZone"),
  RESOURCE_ID("lineItem/ResourceId"),
  USAGE_AMOUNT("lineItem/UsageAmount"),
  NORMALIZATION_FACTOR("lineItem/NormalizationFactor"),
  NORMALIZED_USAGE_AMOUNT("lineItem/NormalizedUsageAmount"),
  CURRENCY("lineItem/CurrencyCode"),
  UNBLENDED_RATE("lineItem/UnblendedRate"),
  UNBLENDED_COST("lineItem/UnblendedCost"),
  BLENDED_RATE("lineItem/BlendedRate"),
  BLENDED_COST("lineItem/BlendedCost"),
  NET_UNBLENDED_RATE("lineItem/NetUnblendedRate"),
  NET_UNBLENDED_COST("lineItem/NetUnblendedCost"),
  DESCRIPTION("lineItem/LineItemDescription"),
  TAX_TYPE("lineItem/TaxType"),
  LEGAL_ENTITY("lineItem/LegalEntity"),
  PRODUCT_NAME("product/ProductName"),
  INSTANCE_TYPE("product/instanceType"),
  LOCATION("product/location"),
  PRODUCT_FAMILY("product/productFamily"),
  REGION("product/region"),
  SERVICE_CODE("product/servicecode"),
  SKU("product/sku"),
  PRODUCT_USAGE_TYPE("product/usagetype"),
  RATE_CODE("pricing/RateCode"),
  RATE_ID("pricing/RateId"),
  PRICING_CURRENCY("pricing/currency"),
  PUBLIC_COST("pricing/publicOnDemandCost"),
  PUBLIC_RATE("pricing/publicOnDemandRate"),
  TERM("pricing/term"),
  UNIT("pricing/unit"),
  PURCHASE_OPTION("pricing/PurchaseOption"),
  LEASE_LENGTH("pricing/LeaseContractLength"),
  RI_ARN("reservation/ReservationARN"),
  RI_EFFECTIVE("reservation/EffectiveCost"),
  RI_NET_EFFECTIVE("reservation/NetEffectiveCost"),
  RI_UPFRONT_FOR_USAGE("reservation/AmortizedUpfrontCostForUsage"),
  RI_RECURRING_FOR_USAGE("reservation/RecurringFeeForUsage"),
  RI_UPFRONT_FOR_PERIOD("reservation/AmortizedUpfrontFeeForBillingPeriod"),
  RI_UNUSED_UPFRONT("reservation/UnusedAmortizedUpfrontFeeForBillingPeriod"),
  RI_NET_UNUSED_UPFRONT("reservation/NetUnusedAmortizedUpfrontFeeForBillingPeriod"),
  RI_UNUSED_RECURRING("reservation/UnusedRecurringFee"),
  RI_NET_UNUSED_RECURRING("reservation/NetUnusedRecurringFee"),
  RI_UNUSED_QUANTITY("reservation/UnusedQuantity"),
  RI_TOTAL_UNITS("reservation/TotalReservedUnits"),
  RI_COUNT("reservation/NumberOfReservations"),
  RI_START("reservation/StartTime"),
  RI_END("reservation/EndTime"),
  SP_ARN("savingsPlan/SavingsPlanARN"),
  SP_RATE("savingsPlan/SavingsPlanRate"),
  SP_EFFECTIVE("savingsPlan/SavingsPlanEffectiveCost"),
  SP_NET_EFFECTIVE("savingsPlan/NetSavingsPlanEffectiveCost"),
  SP_TOTAL("savingsPlan/TotalCommitmentToDate"),
  SP_USED("savingsPlan/UsedCommitment"),
  SP_UPFRONT_FOR_PERIOD("savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod"),
  SP_RECURRING_FOR_PERIOD("savingsPlan/RecurringCommitmentForBillingPeriod"),
  SP_START("savingsPlan/StartTime"),
  SP_END("savingsPlan/EndTime"),
  SP_PAYMENT_OPTION("savingsPlan/PaymentOption"),
  SP_TERM("savingsPlan/PurchaseTerm"),
  TAG_CREATED_BY("resourceTags/aws:createdBy"),
  TAG_COST_CENTER("resourceTags/user:CostCenter"),
  TAG_COST_CENTER_VARIANT("resourceTags/user:cost-center"),
  TAG_ENVIRONMENT("resourceTags/user:Environment"),
  TAG_OWNER("resourceTags/user:Owner"),
  TAG_NAME("resourceTags/user:Name"),
  COST_CATEGORY_TEAM("costCategory/Team");

  private final String curName;

  CurColumns(String curName) {
    this.curName = curName;
  }

  String curName() {
    return curName;
  }

  String category() {
    return curName.substring(0, curName.indexOf('/'));
  }

  String attribute() {
    return curName.substring(curName.indexOf('/') + 1);
  }

  static String[] header() {
    return Arrays.stream(values()).map(CurColumns::curName).toArray(String[]::new);
  }
}
