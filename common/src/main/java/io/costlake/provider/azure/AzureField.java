package io.costlake.provider.azure;

import io.costlake.ingest.read.ColumnNames;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Azure cost details columns costlake reads, with every name the EA, MCA and legacy
 * pay-as-you-go exports give them ({@code CostInBillingCurrency}, {@code Cost}, {@code PreTaxCost}
 * are one cost). The first name of each field wins when a file has several.
 */
public enum AzureField {
  BILLING_ACCOUNT_ID("BillingAccountId"),
  BILLING_ACCOUNT_NAME("BillingAccountName"),
  BILLING_PROFILE_ID("BillingProfileId"),
  BILLING_PROFILE_NAME("BillingProfileName"),
  BILLING_CURRENCY("BillingCurrencyCode", "BillingCurrency", "Currency"),
  BILLING_PERIOD_START("BillingPeriodStartDate"),
  BILLING_PERIOD_END("BillingPeriodEndDate"),
  DATE("Date", "UsageDateTime", "UsageDate"),
  CHARGE_TYPE("ChargeType"),
  FREQUENCY("Frequency"),
  PRICING_MODEL("PricingModel"),
  COST("CostInBillingCurrency", "Cost", "PreTaxCost"),
  PAYG_COST("PaygCostInBillingCurrency"),
  EFFECTIVE_PRICE("EffectivePrice"),
  UNIT_PRICE("UnitPrice", "ResourceRate"),
  PAYG_PRICE("PayGPrice"),
  QUANTITY("Quantity", "UsageQuantity"),
  UNIT_OF_MEASURE("UnitOfMeasure"),
  SUBSCRIPTION_ID("SubscriptionId", "SubscriptionGuid"),
  SUBSCRIPTION_NAME("SubscriptionName"),
  RESOURCE_GROUP("ResourceGroup"),
  RESOURCE_LOCATION("ResourceLocation"),
  RESOURCE_ID("ResourceId", "InstanceId"),
  RESOURCE_NAME("ResourceName"),
  RESOURCE_TYPE("ResourceType"),
  CONSUMED_SERVICE("ConsumedService"),
  METER_CATEGORY("MeterCategory"),
  METER_SUBCATEGORY("MeterSubCategory"),
  METER_ID("MeterId"),
  METER_NAME("MeterName"),
  METER_REGION("MeterRegion"),
  PRODUCT_NAME("ProductName"),
  PRODUCT_ID("ProductId"),
  PART_NUMBER("PartNumber"),
  TAGS("Tags"),
  ADDITIONAL_INFO("AdditionalInfo"),
  COST_CENTER("CostCenter"),
  BENEFIT_ID("benefitId", "ReservationId"),
  BENEFIT_NAME("benefitName", "ReservationName"),
  PUBLISHER_NAME("PublisherName"),
  PUBLISHER_TYPE("PublisherType"),
  PARTNER_NAME("PartnerName"),
  INVOICE_ID("InvoiceId"),
  AVAILABILITY_ZONE("AvailabilityZone"),
  SERVICE_NAME("ServiceName"),
  PRICING_CURRENCY("PricingCurrency", "PricingCurrencyCode"),
  EXCHANGE_RATE("ExchangeRatePricingToBilling", "ExchangeRate");

  private static final Map<String, AzureField> BY_KEY = index();

  private final List<String> names;

  AzureField(String... names) {
    this.names = List.of(names);
  }

  /** The first, current name. */
  public String displayName() {
    return names.get(0);
  }

  public List<String> names() {
    return names;
  }

  /** The string column holding the field in the raw frame. */
  public String rawName() {
    return "az_" + name().toLowerCase(Locale.ROOT);
  }

  /** Priority of a name among this field's names: 0 is the current one. */
  int rank(String columnName) {
    String key = ColumnNames.key(columnName);
    for (int i = 0; i < names.size(); i++) {
      if (ColumnNames.key(names.get(i)).equals(key)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  public static Optional<AzureField> byColumnName(String columnName) {
    return Optional.ofNullable(BY_KEY.get(ColumnNames.key(columnName)));
  }

  private static Map<String, AzureField> index() {
    Map<String, AzureField> index = new HashMap<>();
    for (AzureField field : values()) {
      for (String name : field.names) {
        index.put(ColumnNames.key(name), field);
      }
    }
    return index;
  }
}
