package io.costlake.model;

import static io.costlake.model.ColumnType.JSON;
import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.QUANTITY;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.TAGS;
import static io.costlake.model.ColumnType.TIMESTAMP;
import static io.costlake.model.ColumnType.UNIT_PRICE;
import static io.costlake.model.FocusColumn.Origin.COSTLAKE;
import static io.costlake.model.FocusColumn.Origin.FOCUS_1_2;
import static io.costlake.model.FocusColumn.Origin.FOCUS_1_3;

/**
 * Every column of {@code cost_line_items}, declared once: FOCUS 1.2 columns with their exact names,
 * the FOCUS 1.3 additions as nullable columns, then costlake's {@code x_} columns. The table
 * schema, column comments and column references are all derived from this enum.
 *
 * <p>Constant names are the column names on purpose, so code reads {@code BilledCost.col()}.
 */
public enum FocusColumn implements TableColumn {
  AvailabilityZone(
      STRING, true, FOCUS_1_2, "Provider-assigned availability zone; null when not zonal"),
  BilledCost(MONEY, false, FOCUS_1_2, "Cost as invoiced: all discounts applied, no amortization"),
  BillingAccountId(
      STRING,
      false,
      FOCUS_1_2,
      "Invoice-level account (AWS payer, Azure billing account or profile, GCP billing account)"),
  BillingAccountName(STRING, true, FOCUS_1_2, "Display name of the billing account"),
  BillingAccountType(STRING, false, FOCUS_1_2, "Provider label of the billing account kind"),
  BillingCurrency(STRING, false, FOCUS_1_2, "ISO 4217 currency of the invoice"),
  BillingPeriodEnd(TIMESTAMP, false, FOCUS_1_2, "Exclusive end of the billing period (UTC)"),
  BillingPeriodStart(TIMESTAMP, false, FOCUS_1_2, "Inclusive start of the billing period (UTC)"),
  CapacityReservationId(STRING, true, FOCUS_1_2, "Capacity reservation this charge relates to"),
  CapacityReservationStatus(STRING, true, FOCUS_1_2, "Used or Unused capacity reservation"),
  ChargeCategory(STRING, false, FOCUS_1_2, "Usage, Purchase, Tax, Credit or Adjustment"),
  ChargeClass(
      STRING,
      true,
      FOCUS_1_2,
      "Correction when the row corrects a previously invoiced period, else null"),
  ChargeDescription(STRING, true, FOCUS_1_2, "Self-contained summary of the charge"),
  ChargeFrequency(STRING, false, FOCUS_1_2, "One-Time, Recurring or Usage-Based"),
  ChargePeriodEnd(
      TIMESTAMP, false, FOCUS_1_2, "Exclusive end of the period the charge applies to (UTC)"),
  ChargePeriodStart(
      TIMESTAMP, false, FOCUS_1_2, "Inclusive start of the period the charge applies to (UTC)"),
  CommitmentDiscountCategory(STRING, true, FOCUS_1_2, "Spend or Usage commitment"),
  CommitmentDiscountId(STRING, true, FOCUS_1_2, "Reservation, savings plan or CUD identifier"),
  CommitmentDiscountName(STRING, true, FOCUS_1_2, "Display name of the commitment"),
  CommitmentDiscountQuantity(
      QUANTITY, true, FOCUS_1_2, "Commitment quantity bought (Purchase) or used/unused (Usage)"),
  CommitmentDiscountStatus(STRING, true, FOCUS_1_2, "Used or Unused, on commitment Usage rows"),
  CommitmentDiscountType(STRING, true, FOCUS_1_2, "Provider label of the commitment kind"),
  CommitmentDiscountUnit(STRING, true, FOCUS_1_2, "Unit of CommitmentDiscountQuantity"),
  ConsumedQuantity(
      QUANTITY, true, FOCUS_1_2, "Metered usage; null on non-Usage rows and unused commitment"),
  ConsumedUnit(STRING, true, FOCUS_1_2, "Unit of ConsumedQuantity"),
  ContractedCost(MONEY, false, FOCUS_1_2, "Cost at negotiated prices, before commitment discounts"),
  ContractedUnitPrice(UNIT_PRICE, true, FOCUS_1_2, "Negotiated unit price per PricingUnit"),
  EffectiveCost(
      MONEY,
      false,
      FOCUS_1_2,
      "Amortized cost after all discounts; 0 on Purchase rows that pre-pay"),
  InvoiceId(STRING, true, FOCUS_1_2, "Invoice (or provisional invoice) identifier"),
  InvoiceIssuerName(STRING, false, FOCUS_1_2, "Who issues the invoice"),
  ListCost(MONEY, false, FOCUS_1_2, "Cost at public list prices"),
  ListUnitPrice(UNIT_PRICE, true, FOCUS_1_2, "Public list price per PricingUnit"),
  PricingCategory(STRING, true, FOCUS_1_2, "Standard, Dynamic, Committed or Other"),
  PricingCurrency(STRING, true, FOCUS_1_2, "Currency prices are set in"),
  PricingCurrencyContractedUnitPrice(
      UNIT_PRICE, true, FOCUS_1_2, "ContractedUnitPrice in PricingCurrency"),
  PricingCurrencyEffectiveCost(MONEY, true, FOCUS_1_2, "EffectiveCost in PricingCurrency"),
  PricingCurrencyListUnitPrice(UNIT_PRICE, true, FOCUS_1_2, "ListUnitPrice in PricingCurrency"),
  PricingQuantity(QUANTITY, true, FOCUS_1_2, "Quantity in PricingUnit; null on Tax"),
  PricingUnit(STRING, true, FOCUS_1_2, "Unit of PricingQuantity"),
  ProviderName(
      STRING, false, FOCUS_1_2, "Who made the service available (deprecated in FOCUS 1.3)"),
  PublisherName(STRING, false, FOCUS_1_2, "Who produced the service (deprecated in FOCUS 1.3)"),
  RegionId(STRING, true, FOCUS_1_2, "Provider region identifier"),
  RegionName(STRING, true, FOCUS_1_2, "Provider region name"),
  ResourceId(
      STRING,
      true,
      FOCUS_1_2,
      "Resource identifier; the commitment id on purchase and unused rows"),
  ResourceName(STRING, true, FOCUS_1_2, "Display name of the resource"),
  ResourceType(STRING, true, FOCUS_1_2, "Kind of resource"),
  ServiceCategory(STRING, false, FOCUS_1_2, "One of the 19 FOCUS service categories"),
  ServiceName(STRING, false, FOCUS_1_2, "The offering, as the provider names it"),
  ServiceSubcategory(
      STRING, false, FOCUS_1_2, "FOCUS service subcategory, one parent category each"),
  SkuId(STRING, true, FOCUS_1_2, "Functional SKU identifier"),
  SkuMeter(STRING, true, FOCUS_1_2, "What is metered"),
  SkuPriceDetails(
      JSON, true, FOCUS_1_2, "Price properties as a JSON object; custom keys start with x_"),
  SkuPriceId(STRING, true, FOCUS_1_2, "Price-list entry identifier"),
  SubAccountId(STRING, true, FOCUS_1_2, "AWS linked account, Azure subscription or GCP project"),
  SubAccountName(STRING, true, FOCUS_1_2, "Display name of the sub account"),
  SubAccountType(STRING, true, FOCUS_1_2, "Provider label of the sub account kind"),
  Tags(
      TAGS,
      true,
      FOCUS_1_2,
      "Finalized tags: user keys as is, provider keys with a provider prefix"),

  AllocatedMethodDetails(JSON, true, FOCUS_1_3, "FOCUS 1.3: how a provider split this cost"),
  AllocatedMethodId(STRING, true, FOCUS_1_3, "FOCUS 1.3: provider allocation method"),
  AllocatedResourceId(STRING, true, FOCUS_1_3, "FOCUS 1.3: resource a split cost was allocated to"),
  AllocatedResourceName(STRING, true, FOCUS_1_3, "FOCUS 1.3: name of the allocated resource"),
  AllocatedTags(TAGS, true, FOCUS_1_3, "FOCUS 1.3: tags of the allocated resource"),
  ContractApplied(JSON, true, FOCUS_1_3, "FOCUS 1.3: contract commitments applied to this charge"),
  HostProviderName(STRING, true, FOCUS_1_3, "FOCUS 1.3: who hosts the resource"),
  ServiceProviderName(STRING, true, FOCUS_1_3, "FOCUS 1.3: who offers the service"),

  x_Provider(STRING, false, COSTLAKE, "aws, gcp, azure or focus: the adapter that read the row"),
  x_BillingPeriod(STRING, false, COSTLAKE, "Billing period as yyyy-MM; first partition column"),
  x_SourceFile(STRING, false, COSTLAKE, "URI of the export file the row came from"),
  x_SourceRow(
      LONG, false, COSTLAKE, "1-based data row number in the source file (header excluded)"),
  x_RecordHash(
      STRING,
      false,
      COSTLAKE,
      "SHA-256 of the raw record: equal hashes are duplicate source lines"),
  x_IngestRunId(STRING, false, COSTLAKE, "The ingest run that wrote the row"),
  x_ContractVersion(STRING, false, COSTLAKE, "Schema contract the source file was read under"),
  x_RowOrigin(
      STRING,
      false,
      COSTLAKE,
      "Export for provider rows; UnusedCommitment or PromotionalCredit for rows costlake derives"),
  x_ChargeType(
      STRING,
      true,
      COSTLAKE,
      "The provider's own charge type (AWS lineItem/LineItemType, Azure ChargeType, GCP cost_type)"),
  x_ServiceCode(
      STRING,
      true,
      COSTLAKE,
      "The provider's stable service code (AWS lineItem/ProductCode, GCP service.id)"),
  x_UsageType(STRING, true, COSTLAKE, "The provider's usage type (AWS lineItem/UsageType)"),
  x_Operation(STRING, true, COSTLAKE, "The provider's operation (AWS lineItem/Operation)"),
  x_GrossCost(MONEY, true, COSTLAKE, "Billed cost before negotiated discounts (AWS UnblendedCost)"),
  x_GrossEffectiveCost(MONEY, true, COSTLAKE, "Effective cost before negotiated discounts"),
  x_CostCategories(TAGS, true, COSTLAKE, "Provider cost categories (AWS costCategory/*)"),
  x_RawTags(TAGS, true, COSTLAKE, "Tags exactly as the provider wrote them, before normalization"),
  x_Extensions(
      TAGS,
      true,
      COSTLAKE,
      "Source columns neither FOCUS nor costlake define, by their name: schema drift, carried along"),
  x_DataQuality(
      STRING,
      true,
      COSTLAKE,
      "What is wrong with the source row though it could be costed and placed, as 'column:"
          + " REASON_CODE' joined by '; ' (a value filled in is named too); null for a clean row");

  /** Where a column is defined. */
  public enum Origin {
    FOCUS_1_2,
    FOCUS_1_3,
    COSTLAKE
  }

  private final ColumnSpec spec;
  private final Origin origin;

  FocusColumn(ColumnType type, boolean nullable, Origin origin, String comment) {
    this.spec = ColumnSpec.of(type, nullable, comment);
    this.origin = origin;
  }

  @Override
  public String columnName() {
    return name();
  }

  @Override
  public ColumnSpec spec() {
    return spec;
  }

  public Origin origin() {
    return origin;
  }
}
