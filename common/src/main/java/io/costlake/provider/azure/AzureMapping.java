package io.costlake.provider.azure;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.costlake.ingest.FocusValues;
import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.Parse;
import io.costlake.ingest.RawFrame;
import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import io.costlake.spark.Literals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Maps Azure cost details (EA, MCA, legacy pay-as-you-go; actual and amortized) to FOCUS 1.2 as the
 * FinOps toolkit's conversion ({@code FOCUS.md} section 4.3) defines it. BilledCost is 0 on
 * commitment-covered usage and unused commitment; EffectiveCost is 0 on commitment purchases and
 * refunds; periods end a day after Azure's inclusive end dates; quantities are divided by the
 * pricing block of their unit of measure ({@code 100 Hours}).
 *
 * <p>Rows of an actual-cost file that an amortized file of the same scope replaces are marked
 * {@link MappedFrame#SUPERSEDED} (see {@link AzureDatasets}); the commitment purchases and refunds
 * only the actual file has are kept.
 */
final class AzureMapping {
  static final String PROVIDER = "azure";
  private static final String CLEAN = "c_";
  private static final String TYPED = "p_";
  private static final Set<String> COMMITMENT_MODELS = Set.of("Reservation", "SavingsPlan");

  private final AzureLookups lookups;

  AzureMapping(AzureLookups lookups) {
    this.lookups = lookups;
  }

  /** Stages 1-2: cleaned text and typed values; the input of {@link AzureDatasets} too. */
  Dataset<Row> typed(Dataset<Row> raw) {
    List<Column> clean = meta();
    List<Column> hashed = new ArrayList<>();
    for (AzureField field : AzureField.values()) {
      clean.add(col(field.rawName()));
      clean.add(Parse.text(col(field.rawName())).as(CLEAN + field.rawName()));
      hashed.add(col(field.rawName()));
    }
    clean.add(FocusValues.recordHash(hashed).as(FocusValues.RECORD_HASH));
    List<Column> typed = meta();
    for (AzureField field : AzureField.values()) {
      typed.add(col(field.rawName()));
      typed.add(t(field));
    }
    typed.add(col(FocusColumn.x_RecordHash.name()));
    typed.add(Parse.decimal(t(AzureField.COST), ColumnType.MONEY).as(TYPED + "cost"));
    typed.add(Parse.decimal(t(AzureField.PAYG_COST), ColumnType.MONEY).as(TYPED + "payg_cost"));
    typed.add(Parse.decimal(t(AzureField.QUANTITY), ColumnType.QUANTITY).as(TYPED + "quantity"));
    typed.add(
        Parse.decimal(t(AzureField.UNIT_PRICE), ColumnType.UNIT_PRICE).as(TYPED + "unit_price"));
    typed.add(
        Parse.decimal(t(AzureField.PAYG_PRICE), ColumnType.UNIT_PRICE).as(TYPED + "payg_price"));
    typed.add(
        Parse.decimal(t(AzureField.EFFECTIVE_PRICE), ColumnType.UNIT_PRICE)
            .as(TYPED + "effective_price"));
    typed.add(date(t(AzureField.DATE)).as(TYPED + "date"));
    typed.add(date(t(AzureField.BILLING_PERIOD_START)).as(TYPED + "period_start"));
    typed.add(date(t(AzureField.BILLING_PERIOD_END)).as(TYPED + "period_end"));
    typed.add(Parse.text(t(AzureField.CHARGE_TYPE)).as(TYPED + "charge_type"));
    typed.add(billingAccount().as(TYPED + "account"));
    return raw.select(clean.toArray(new Column[0])).select(typed.toArray(new Column[0]));
  }

  private static List<Column> meta() {
    return FocusValues.rawMeta();
  }

  static Column t(AzureField field) {
    return col(CLEAN + field.rawName());
  }

  static Column p(String name) {
    return col(TYPED + name);
  }

  /** Azure writes {@code 9/2/2023}, {@code 2023-09-02}, or a full timestamp; all are UTC days. */
  static Column date(Column text) {
    return coalesce(to_timestamp(text, "M/d/yyyy"), Parse.timestamp(text));
  }

  private static Column dialect(AzureDialect dialect) {
    return col(RawFrame.CONTRACT).equalTo(dialect.contract());
  }

  /**
   * EA bills per billing account, MCA per billing profile, legacy pay-as-you-go per subscription.
   */
  private static Column billingAccount() {
    return when(dialect(AzureDialect.PAYG_LEGACY), t(AzureField.SUBSCRIPTION_ID))
        .when(
            dialect(AzureDialect.MCA),
            coalesce(t(AzureField.BILLING_PROFILE_ID), t(AzureField.BILLING_ACCOUNT_ID)))
        .otherwise(coalesce(t(AzureField.BILLING_ACCOUNT_ID), t(AzureField.BILLING_PROFILE_ID)));
  }

  static Column chargeType() {
    return coalesce(p("charge_type"), lit("Usage"));
  }

  static Column commitmentModel() {
    return coalesce(t(AzureField.PRICING_MODEL), lit("")).isin(COMMITMENT_MODELS.toArray());
  }

  /** Commitment purchases and refunds: only the actual-cost data has them. */
  static Column commitmentPurchase() {
    return chargeType().isin("Purchase", "Refund").and(commitmentModel());
  }

  static Column unusedCommitment() {
    return chargeType().isin("UnusedReservation", "UnusedSavingsPlan");
  }

  /** Stages 3-4: the mapped frame, with superseded actual-cost rows marked. */
  Dataset<Row> focus(Dataset<Row> typed, Set<String> supersededFiles) {
    AzureLine line = new AzureLine(lookups);
    FocusValues out = new FocusValues();
    Column periodStart = accounts(line, out);
    costs(line, out);
    charge(line, out);
    pricing(line, out);
    commitment(line, out);
    resource(line, out);
    service(line, out);
    out.lineage(PROVIDER, periodStart);
    azureDetails(line, out);

    List<Parse.Reason> reasons = reasons(line.tags, line.currency, periodStart);
    out.put(FocusColumn.x_DataQuality, Parse.issues(reasons));
    List<Column> columns = out.columns();
    columns.add(Parse.errors(reasons).as(MappedFrame.ERRORS));
    columns.add(line.billed.cast(ColumnType.MONEY.sparkType()).as(MappedFrame.COST_IN));
    columns.add(
        when(line.notBilled, lit(BigDecimal.ZERO).cast(MappedFrame.EXACT))
            .otherwise(t(AzureField.COST).cast(MappedFrame.EXACT))
            .as(MappedFrame.COST_EXACT));
    Column superseded =
        element_at(Literals.map(flags(supersededFiles)), col(RawFrame.SOURCE_FILE))
            .isNotNull()
            .and(line.purchase.equalTo(lit(false)));
    columns.add(superseded.as(MappedFrame.SUPERSEDED));
    Map<String, Column> record = new LinkedHashMap<>();
    for (AzureField field : AzureField.values()) {
      columns.add(col(field.rawName()));
      record.put(field.displayName(), col(field.rawName()));
    }
    List<Column> mapped =
        FocusValues.mappedFrame(
            List.of(col(MappedFrame.SUPERSEDED)), FocusValues.sourceRecord(record));
    return typed.select(columns.toArray(new Column[0])).select(mapped.toArray(new Column[0]));
  }

  /**
   * The billing account (by dialect), subscription, currency, invoice and billing period. Azure's
   * period end is inclusive; FOCUS's is the next day. Returns the period start.
   */
  private static Column accounts(AzureLine line, FocusValues out) {
    Column legacy = dialect(AzureDialect.PAYG_LEGACY);
    Column mca = dialect(AzureDialect.MCA);
    out.put(FocusColumn.BillingAccountId, p("account"));
    out.put(
        FocusColumn.BillingAccountName,
        when(legacy, t(AzureField.SUBSCRIPTION_NAME))
            .when(
                mca,
                coalesce(t(AzureField.BILLING_PROFILE_NAME), t(AzureField.BILLING_ACCOUNT_NAME)))
            .otherwise(
                coalesce(t(AzureField.BILLING_ACCOUNT_NAME), t(AzureField.BILLING_PROFILE_NAME))));
    out.put(
        FocusColumn.BillingAccountType,
        when(legacy, lit(AzureDialect.PAYG_LEGACY.billingAccountType()))
            .when(mca, lit(AzureDialect.MCA.billingAccountType()))
            .otherwise(lit(AzureDialect.EA.billingAccountType())));
    out.put(FocusColumn.BillingCurrency, line.currency);
    Column periodStart = coalesce(p("period_start"), date_trunc("month", p("date")));
    out.put(FocusColumn.BillingPeriodStart, periodStart);
    out.put(
        FocusColumn.BillingPeriodEnd,
        coalesce(
            date_add(p("period_end"), 1).cast("timestamp"),
            add_months(date_trunc("month", p("date")), 1).cast("timestamp")));
    out.put(FocusColumn.InvoiceId, t(AzureField.INVOICE_ID));
    out.put(FocusColumn.InvoiceIssuerName, coalesce(t(AzureField.PARTNER_NAME), lit("Microsoft")));
    out.subAccount(t(AzureField.SUBSCRIPTION_ID), t(AzureField.SUBSCRIPTION_NAME), "Subscription");
    out.put(FocusColumn.ProviderName, lit("Microsoft"));
    out.put(FocusColumn.PublisherName, coalesce(t(AzureField.PUBLISHER_NAME), lit("Microsoft")));
    out.put(FocusColumn.HostProviderName, lit("Microsoft"));
    out.put(FocusColumn.ServiceProviderName, lit("Microsoft"));
    return periodStart;
  }

  /** Billed, effective, list and contracted cost. */
  private static void costs(AzureLine line, FocusValues out) {
    out.put(FocusColumn.BilledCost, line.billed);
    out.put(FocusColumn.EffectiveCost, line.effective);
    out.put(
        FocusColumn.ListCost,
        coalesce(
            p("payg_cost"),
            p("payg_price").multiply(line.pricingQuantity).cast(ColumnType.MONEY.sparkType()),
            line.cost));
    out.put(
        FocusColumn.ContractedCost,
        when(line.unused, line.cost)
            .otherwise(
                coalesce(
                    p("unit_price")
                        .multiply(line.pricingQuantity)
                        .cast(ColumnType.MONEY.sparkType()),
                    line.cost)));
  }

  /** Charge category, class, frequency, description and period (one day per row). */
  private static void charge(AzureLine line, FocusValues out) {
    Column frequency = lower(t(AzureField.FREQUENCY));
    out.put(FocusColumn.ChargeCategory, line.chargeCategory);
    out.put(FocusColumn.ChargeClass, when(line.type.equalTo("Refund"), lit("Correction")));
    out.put(
        FocusColumn.ChargeDescription,
        coalesce(t(AzureField.PRODUCT_NAME), t(AzureField.METER_NAME)));
    out.put(
        FocusColumn.ChargeFrequency,
        when(frequency.equalTo("onetime"), lit("One-Time"))
            .when(frequency.equalTo("recurring"), lit("Recurring"))
            .when(frequency.equalTo("usagebased"), lit("Usage-Based"))
            .when(line.chargeCategory.equalTo("Usage"), lit("Usage-Based"))
            .when(line.chargeCategory.equalTo("Purchase"), lit("One-Time"))
            .otherwise(lit("One-Time")));
    out.put(FocusColumn.ChargePeriodStart, p("date"));
    out.put(FocusColumn.ChargePeriodEnd, date_add(p("date"), 1).cast("timestamp"));
  }

  /** Pricing category, quantities, units and unit prices, in billing and pricing currency. */
  private void pricing(AzureLine line, FocusValues out) {
    out.put(
        FocusColumn.PricingCategory,
        when(line.chargeCategory.isin("Tax", "Credit"), lit(null).cast("string"))
            .when(t(AzureField.PRICING_MODEL).equalTo("Spot"), lit("Dynamic"))
            .when(line.covered.or(line.unused), lit("Committed"))
            .when(line.chargeCategory.isin("Usage", "Purchase"), lit("Standard"))
            .otherwise(lit("Other")));
    Column usage = line.type.equalTo("Usage");
    Column distinctUnit = coalesce(lookups.distinctUnit(line.unit), line.unit);
    out.put(FocusColumn.ConsumedQuantity, when(usage, p("quantity")));
    out.put(FocusColumn.ConsumedUnit, when(usage, distinctUnit));
    out.put(FocusColumn.PricingQuantity, when(line.notTax, line.pricingQuantity));
    out.put(
        FocusColumn.PricingUnit,
        when(line.notTax.and(line.pricingQuantity.isNotNull()), distinctUnit));
    // Idle commitment is priced at the commitment's own rate (EffectivePrice), not the meter's.
    Column contractedUnitPrice =
        when(line.unused, coalesce(p("effective_price"), p("unit_price")))
            .otherwise(p("unit_price"));
    out.put(FocusColumn.ContractedUnitPrice, when(line.notTax, contractedUnitPrice));
    out.put(FocusColumn.ListUnitPrice, when(line.notTax, p("payg_price")));
    Column pricingCurrency = coalesce(t(AzureField.PRICING_CURRENCY), line.currency);
    Column samePricingCurrency = pricingCurrency.equalTo(line.currency);
    out.put(FocusColumn.PricingCurrency, pricingCurrency);
    out.put(FocusColumn.PricingCurrencyEffectiveCost, when(samePricingCurrency, line.effective));
    out.put(
        FocusColumn.PricingCurrencyContractedUnitPrice,
        when(samePricingCurrency.and(line.notTax), contractedUnitPrice));
    out.put(
        FocusColumn.PricingCurrencyListUnitPrice,
        when(samePricingCurrency.and(line.notTax), p("payg_price")));
  }

  /** The reservation or savings plan (the benefit) a row uses, buys or leaves unused. */
  private void commitment(AzureLine line, FocusValues out) {
    Column benefit = line.benefit;
    Column counted =
        benefit.isNotNull().and(line.type.equalTo("Usage").or(line.unused).or(line.purchase));
    out.put(
        FocusColumn.CommitmentDiscountCategory,
        when(benefit.isNotNull(), when(line.savingsPlan, lit("Spend")).otherwise(lit("Usage"))));
    out.put(FocusColumn.CommitmentDiscountId, benefit);
    out.put(FocusColumn.CommitmentDiscountName, t(AzureField.BENEFIT_NAME));
    out.put(
        FocusColumn.CommitmentDiscountStatus,
        when(line.unused, lit("Unused")).when(line.covered.and(benefit.isNotNull()), lit("Used")));
    out.put(
        FocusColumn.CommitmentDiscountType,
        when(
            benefit.isNotNull(),
            when(line.savingsPlan, lit("Savings Plan")).otherwise(lit("Reservation"))));
    out.put(FocusColumn.CommitmentDiscountQuantity, when(counted, line.pricingQuantity));
    out.put(FocusColumn.CommitmentDiscountUnit, when(counted, lookups.distinctUnit(line.unit)));
  }

  /** The resource, its name, type, tags, region and zone. */
  private void resource(AzureLine line, FocusValues out) {
    Column resourceId = line.resourceId;
    out.put(FocusColumn.ResourceId, resourceId);
    out.put(
        FocusColumn.ResourceName,
        when(
            resourceId.isNotNull(),
            coalesce(
                t(AzureField.RESOURCE_NAME),
                AzureLine.nullIfEmpty(regexp_extract(resourceId, "([^/]+)$", 1)))));
    out.put(
        FocusColumn.ResourceType,
        when(
            resourceId.isNotNull(),
            coalesce(
                lookups.resourceTypeName(line.fullType),
                lookups.resourceTypeName(line.resourceType),
                line.fullType,
                lit("Resource"))));
    out.put(FocusColumn.Tags, line.tags);
    out.put(
        FocusColumn.CapacityReservationId,
        get_json_object(t(AzureField.ADDITIONAL_INFO), "$.VMCapacityReservationId"));
    out.put(FocusColumn.AvailabilityZone, t(AzureField.AVAILABILITY_ZONE));
    Column region = t(AzureField.RESOURCE_LOCATION);
    Column regionId =
        coalesce(
            lookups.regionId(region),
            AzureLine.nullIfEmpty(regexp_replace(lower(region), "\\s+", "")));
    out.put(FocusColumn.RegionId, regionId);
    out.put(
        FocusColumn.RegionName,
        when(regionId.isNotNull(), coalesce(lookups.regionName(region), region)));
  }

  /**
   * Service name, category and subcategory from the FinOps toolkit's table, keyed by consumed
   * service and resource type (with the nested kind first); SKU from product, part or meter.
   */
  private void service(AzureLine line, FocusValues out) {
    Column consumed = lower(coalesce(t(AzureField.CONSUMED_SERVICE), lit("")));
    Column serviceKey = concat(consumed, lit("|"), coalesce(line.fullType, lit("")));
    Column serviceKeyShort = concat(consumed, lit("|"), coalesce(line.resourceType, lit("")));
    Column category =
        coalesce(
            lookups.serviceCategory(serviceKey, t(AzureField.CONSUMED_SERVICE)),
            lookups.serviceCategory(serviceKeyShort, t(AzureField.CONSUMED_SERVICE)),
            lit("Other"));
    out.put(FocusColumn.ServiceCategory, category);
    out.put(
        FocusColumn.ServiceName,
        coalesce(
            lookups.serviceName(serviceKey),
            lookups.serviceName(serviceKeyShort),
            t(AzureField.METER_CATEGORY),
            t(AzureField.SERVICE_NAME),
            t(AzureField.CONSUMED_SERVICE),
            lit("Azure")));
    out.put(
        FocusColumn.ServiceSubcategory,
        coalesce(
            lookups.serviceSubcategory(serviceKey),
            lookups.serviceSubcategory(serviceKeyShort),
            concat(lit("Other ("), category, lit(")"))));
    // EA has no product id: its meter id names what is sold. SkuMeter only where SkuId is.
    Column skuId =
        when(
            line.notTax,
            coalesce(t(AzureField.PRODUCT_ID), t(AzureField.PART_NUMBER), t(AzureField.METER_ID)));
    out.put(FocusColumn.SkuId, skuId);
    out.put(FocusColumn.SkuMeter, when(skuId.isNotNull(), t(AzureField.METER_NAME)));
    out.put(FocusColumn.SkuPriceId, when(line.notTax, t(AzureField.METER_ID)));
  }

  /** Azure's own words for the charge, its cost center, and the tags as read. */
  private static void azureDetails(AzureLine line, FocusValues out) {
    out.put(FocusColumn.x_ChargeType, p("charge_type"));
    out.put(FocusColumn.x_ServiceCode, t(AzureField.CONSUMED_SERVICE));
    out.put(FocusColumn.x_UsageType, t(AzureField.METER_CATEGORY));
    out.put(FocusColumn.x_Operation, t(AzureField.METER_SUBCATEGORY));
    out.put(FocusColumn.x_GrossCost, line.billed);
    out.put(FocusColumn.x_GrossEffectiveCost, line.effective);
    out.put(
        FocusColumn.x_CostCategories,
        map_filter(map(lit("CostCenter"), t(AzureField.COST_CENTER)), (k, v) -> v.isNotNull()));
    out.put(FocusColumn.x_RawTags, line.tags);
  }

  private static Map<String, String> flags(Set<String> files) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    files.forEach(f -> map.put(f, "superseded"));
    return map;
  }

  private static List<Parse.Reason> reasons(Column tags, Column currency, Column periodStart) {
    List<Parse.Reason> reasons = new ArrayList<>();
    reasons.add(Parse.readerError());
    reasons.add(Parse.missing(p("account"), "BillingAccountId/BillingProfileId/SubscriptionId"));
    reasons.add(Parse.missing(t(AzureField.COST), "CostInBillingCurrency"));
    reasons.add(Parse.missing(t(AzureField.DATE), "Date"));
    reasons.add(Parse.missing(currency, "BillingCurrencyCode"));
    reasons.add(Parse.invalid(t(AzureField.COST), p("cost"), "CostInBillingCurrency", "number"));
    // Prices, list costs and quantities do not cost the row (list and contracted costs fall back
    // to the cost): the row lands with the defect named.
    reasons.add(
        Parse.invalid(
                t(AzureField.PAYG_COST), p("payg_cost"), "PaygCostInBillingCurrency", "number")
            .landing());
    reasons.add(
        Parse.invalid(t(AzureField.QUANTITY), p("quantity"), "Quantity", "number").landing());
    reasons.add(
        Parse.invalid(t(AzureField.UNIT_PRICE), p("unit_price"), "UnitPrice", "number").landing());
    reasons.add(
        Parse.invalid(t(AzureField.PAYG_PRICE), p("payg_price"), "PayGPrice", "number").landing());
    reasons.add(Parse.invalid(t(AzureField.DATE), p("date"), "Date", "date"));
    reasons.add(
        Parse.invalid(
            t(AzureField.BILLING_PERIOD_START),
            p("period_start"),
            "BillingPeriodStartDate",
            "date"));
    reasons.add(
        Parse.invalid(
            t(AzureField.BILLING_PERIOD_END), p("period_end"), "BillingPeriodEndDate", "date"));
    reasons.add(
        Parse.errorWhen(
                t(AzureField.TAGS).isNotNull().and(tags.isNull()),
                "Tags",
                "INVALID_JSON",
                concat(lit("Tags is not a JSON object of tags: '"), t(AzureField.TAGS), lit("'")),
                t(AzureField.TAGS))
            .landing());
    reasons.add(Parse.unknownCurrency(currency, "BillingCurrencyCode"));
    return reasons;
  }
}
