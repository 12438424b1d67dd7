package io.costlake.provider.azure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.costlake.focus.Currencies;
import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.Parse;
import io.costlake.ingest.RawFrame;
import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import io.costlake.model.RowOrigin;
import io.costlake.spark.Literals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
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
      hashed.add(coalesce(col(field.rawName()), lit("")));
    }
    clean.add(
        sha2(concat_ws("\u001f", hashed.toArray(new Column[0])), 256)
            .as(FocusColumn.x_RecordHash.name()));
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
    List<Column> columns = new ArrayList<>();
    for (String meta :
        List.of(
            RawFrame.SOURCE_FILE,
            RawFrame.SOURCE_ROW,
            RawFrame.CONTRACT,
            RawFrame.ROW_ERROR_CODE,
            RawFrame.ROW_ERROR_COLUMN,
            RawFrame.ROW_ERROR_VALUE)) {
      columns.add(col(meta));
    }
    return columns;
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
    Column type = chargeType();
    Column cost = p("cost");
    Column covered = type.equalTo("Usage").and(commitmentModel());
    Column periodStart = coalesce(p("period_start"), date_trunc("month", p("date")));
    Column periodEnd =
        coalesce(
            date_add(p("period_end"), 1).cast("timestamp"),
            org.apache
                .spark
                .sql
                .functions
                .add_months(date_trunc("month", p("date")), 1)
                .cast("timestamp"));
    Column chargeStart = p("date");
    Column chargeEnd = date_add(p("date"), 1).cast("timestamp");
    Column unit = t(AzureField.UNIT_OF_MEASURE);
    Column block = coalesce(lookups.blockSize(unit).cast(ColumnType.QUANTITY.sparkType()), lit(1));
    Column pricingQuantity = p("quantity").divide(block);
    Column isUsage = type.equalTo("Usage").or(unusedCommitment());
    Column benefit = t(AzureField.BENEFIT_ID);
    Column savingsPlan = lower(coalesce(benefit, lit(""))).contains("/microsoft.billingbenefits/");
    Column resourceId = t(AzureField.RESOURCE_ID);
    Column resourceType =
        coalesce(
            lower(t(AzureField.RESOURCE_TYPE)),
            nullIfEmpty(
                regexp_extract(
                    lower(resourceId), "/providers/([^/]+/[^/]+)/[^/]+/([^/]+)/[^/]+$", 1)),
            nullIfEmpty(regexp_extract(lower(resourceId), "/providers/([^/]+/[^/]+)", 1)));
    Column nestedType =
        nullIfEmpty(
            regexp_extract(lower(resourceId), "/providers/[^/]+/[^/]+/[^/]+/([^/]+)/[^/]+$", 1));
    Column fullType =
        when(nestedType.isNotNull(), concat(resourceType, lit("/"), nestedType))
            .otherwise(resourceType);
    Column serviceKey =
        concat(
            lower(coalesce(t(AzureField.CONSUMED_SERVICE), lit(""))),
            lit("|"),
            coalesce(fullType, lit("")));
    Column serviceKeyShort =
        concat(
            lower(coalesce(t(AzureField.CONSUMED_SERVICE), lit(""))),
            lit("|"),
            coalesce(resourceType, lit("")));
    Column category =
        coalesce(
            lookups.serviceCategory(serviceKey, t(AzureField.CONSUMED_SERVICE)),
            lookups.serviceCategory(serviceKeyShort, t(AzureField.CONSUMED_SERVICE)),
            lit("Other"));
    Column serviceName =
        coalesce(
            lookups.serviceName(serviceKey),
            lookups.serviceName(serviceKeyShort),
            t(AzureField.METER_CATEGORY),
            t(AzureField.SERVICE_NAME),
            t(AzureField.CONSUMED_SERVICE),
            lit("Azure"));
    Column subcategory =
        coalesce(
            lookups.serviceSubcategory(serviceKey),
            lookups.serviceSubcategory(serviceKeyShort),
            concat(lit("Other ("), category, lit(")")));
    Column region = t(AzureField.RESOURCE_LOCATION);
    Column regionId =
        coalesce(
            lookups.regionId(region),
            nullIfEmpty(org.apache.spark.sql.functions.regexp_replace(lower(region), "\\s+", "")));
    Column currency = t(AzureField.BILLING_CURRENCY);
    Column tags = Parse.jsonTags(t(AzureField.TAGS));
    // An amortized export's cost for reservation-covered usage and unused reservation is
    // amortization: the purchase row bills it. What such a row bills, and so brings in, is 0.
    Column notBilled = covered.or(unusedCommitment());
    Column billed = when(notBilled, lit(0)).otherwise(cost);
    Column effective = when(commitmentPurchase(), lit(0)).otherwise(cost);
    Column listCost =
        coalesce(
            p("payg_cost"),
            p("payg_price").multiply(pricingQuantity).cast(ColumnType.MONEY.sparkType()),
            cost);
    Column contractedCost =
        when(unusedCommitment(), cost)
            .otherwise(
                coalesce(
                    p("unit_price").multiply(pricingQuantity).cast(ColumnType.MONEY.sparkType()),
                    cost));
    Column frequency = t(AzureField.FREQUENCY);
    Column pricingModel = t(AzureField.PRICING_MODEL);
    Column chargeCategory =
        when(type.isin("Usage", "UnusedReservation", "UnusedSavingsPlan"), lit("Usage"))
            .when(type.isin("Purchase", "Refund"), lit("Purchase"))
            .when(type.equalTo("Tax"), lit("Tax"))
            .when(type.equalTo("Credit"), lit("Credit"))
            .otherwise(lit("Adjustment"));
    Column legacy = dialect(AzureDialect.PAYG_LEGACY);
    Column accountType =
        when(legacy, lit(AzureDialect.PAYG_LEGACY.billingAccountType()))
            .when(dialect(AzureDialect.MCA), lit(AzureDialect.MCA.billingAccountType()))
            .otherwise(lit(AzureDialect.EA.billingAccountType()));
    Column accountName =
        when(legacy, t(AzureField.SUBSCRIPTION_NAME))
            .when(
                dialect(AzureDialect.MCA),
                coalesce(t(AzureField.BILLING_PROFILE_NAME), t(AzureField.BILLING_ACCOUNT_NAME)))
            .otherwise(
                coalesce(t(AzureField.BILLING_ACCOUNT_NAME), t(AzureField.BILLING_PROFILE_NAME)));

    Map<FocusColumn, Column> out = new EnumMap<>(FocusColumn.class);
    out.put(FocusColumn.AvailabilityZone, t(AzureField.AVAILABILITY_ZONE));
    out.put(FocusColumn.BilledCost, billed);
    out.put(FocusColumn.BillingAccountId, p("account"));
    out.put(FocusColumn.BillingAccountName, accountName);
    out.put(FocusColumn.BillingAccountType, accountType);
    out.put(FocusColumn.BillingCurrency, currency);
    out.put(FocusColumn.BillingPeriodStart, periodStart);
    out.put(FocusColumn.BillingPeriodEnd, periodEnd);
    out.put(
        FocusColumn.CapacityReservationId,
        get_json_object(t(AzureField.ADDITIONAL_INFO), "$.VMCapacityReservationId"));
    out.put(FocusColumn.ChargeCategory, chargeCategory);
    out.put(FocusColumn.ChargeClass, when(type.equalTo("Refund"), lit("Correction")));
    out.put(
        FocusColumn.ChargeDescription,
        coalesce(t(AzureField.PRODUCT_NAME), t(AzureField.METER_NAME)));
    out.put(
        FocusColumn.ChargeFrequency,
        when(lower(frequency).equalTo("onetime"), lit("One-Time"))
            .when(lower(frequency).equalTo("recurring"), lit("Recurring"))
            .when(lower(frequency).equalTo("usagebased"), lit("Usage-Based"))
            .when(chargeCategory.equalTo("Usage"), lit("Usage-Based"))
            .when(chargeCategory.equalTo("Purchase"), lit("One-Time"))
            .otherwise(lit("One-Time")));
    out.put(FocusColumn.ChargePeriodStart, chargeStart);
    out.put(FocusColumn.ChargePeriodEnd, chargeEnd);
    out.put(
        FocusColumn.CommitmentDiscountCategory,
        when(benefit.isNotNull(), when(savingsPlan, lit("Spend")).otherwise(lit("Usage"))));
    out.put(FocusColumn.CommitmentDiscountId, benefit);
    out.put(FocusColumn.CommitmentDiscountName, t(AzureField.BENEFIT_NAME));
    out.put(
        FocusColumn.CommitmentDiscountStatus,
        when(unusedCommitment(), lit("Unused"))
            .when(covered.and(benefit.isNotNull()), lit("Used")));
    out.put(
        FocusColumn.CommitmentDiscountType,
        when(
            benefit.isNotNull(),
            when(savingsPlan, lit("Savings Plan")).otherwise(lit("Reservation"))));
    out.put(
        FocusColumn.CommitmentDiscountQuantity,
        when(benefit.isNotNull().and(isUsage.or(commitmentPurchase())), pricingQuantity));
    out.put(
        FocusColumn.CommitmentDiscountUnit,
        when(
            benefit.isNotNull().and(isUsage.or(commitmentPurchase())), lookups.distinctUnit(unit)));
    out.put(FocusColumn.ConsumedQuantity, when(type.equalTo("Usage"), p("quantity")));
    out.put(
        FocusColumn.ConsumedUnit,
        when(type.equalTo("Usage"), coalesce(lookups.distinctUnit(unit), unit)));
    out.put(FocusColumn.ContractedCost, contractedCost);
    // Idle commitment is priced at the commitment's own rate (EffectivePrice), not the meter's.
    out.put(
        FocusColumn.ContractedUnitPrice,
        when(
            chargeCategory.notEqual("Tax"),
            when(unusedCommitment(), coalesce(p("effective_price"), p("unit_price")))
                .otherwise(p("unit_price"))));
    out.put(FocusColumn.EffectiveCost, effective);
    out.put(FocusColumn.InvoiceId, t(AzureField.INVOICE_ID));
    out.put(FocusColumn.InvoiceIssuerName, coalesce(t(AzureField.PARTNER_NAME), lit("Microsoft")));
    out.put(FocusColumn.ListCost, listCost);
    out.put(FocusColumn.ListUnitPrice, when(chargeCategory.notEqual("Tax"), p("payg_price")));
    out.put(
        FocusColumn.PricingCategory,
        when(chargeCategory.isin("Tax", "Credit"), lit(null).cast("string"))
            .when(pricingModel.equalTo("Spot"), lit("Dynamic"))
            .when(covered.or(unusedCommitment()), lit("Committed"))
            .when(chargeCategory.isin("Usage", "Purchase"), lit("Standard"))
            .otherwise(lit("Other")));
    Column pricingCurrency = coalesce(t(AzureField.PRICING_CURRENCY), currency);
    Column samePricingCurrency = pricingCurrency.equalTo(currency);
    out.put(FocusColumn.PricingCurrency, pricingCurrency);
    out.put(FocusColumn.PricingCurrencyEffectiveCost, when(samePricingCurrency, effective));
    out.put(
        FocusColumn.PricingCurrencyContractedUnitPrice,
        when(
            samePricingCurrency.and(chargeCategory.notEqual("Tax")),
            when(unusedCommitment(), coalesce(p("effective_price"), p("unit_price")))
                .otherwise(p("unit_price"))));
    out.put(
        FocusColumn.PricingCurrencyListUnitPrice,
        when(samePricingCurrency.and(chargeCategory.notEqual("Tax")), p("payg_price")));
    out.put(FocusColumn.PricingQuantity, when(chargeCategory.notEqual("Tax"), pricingQuantity));
    out.put(
        FocusColumn.PricingUnit,
        when(
            chargeCategory.notEqual("Tax").and(pricingQuantity.isNotNull()),
            coalesce(lookups.distinctUnit(unit), unit)));
    out.put(FocusColumn.ProviderName, lit("Microsoft"));
    out.put(FocusColumn.PublisherName, coalesce(t(AzureField.PUBLISHER_NAME), lit("Microsoft")));
    out.put(FocusColumn.RegionId, regionId);
    out.put(
        FocusColumn.RegionName,
        when(regionId.isNotNull(), coalesce(lookups.regionName(region), region)));
    out.put(FocusColumn.ResourceId, resourceId);
    out.put(
        FocusColumn.ResourceName,
        when(
            resourceId.isNotNull(),
            coalesce(
                t(AzureField.RESOURCE_NAME),
                nullIfEmpty(regexp_extract(resourceId, "([^/]+)$", 1)))));
    out.put(
        FocusColumn.ResourceType,
        when(
            resourceId.isNotNull(),
            coalesce(
                lookups.resourceTypeName(fullType),
                lookups.resourceTypeName(resourceType),
                fullType,
                lit("Resource"))));
    out.put(FocusColumn.ServiceCategory, category);
    out.put(FocusColumn.ServiceName, serviceName);
    out.put(FocusColumn.ServiceSubcategory, subcategory);
    // EA has no product id: its meter id names what is sold. SkuMeter only where SkuId is.
    Column skuId =
        when(
            chargeCategory.notEqual("Tax"),
            coalesce(t(AzureField.PRODUCT_ID), t(AzureField.PART_NUMBER), t(AzureField.METER_ID)));
    out.put(FocusColumn.SkuId, skuId);
    out.put(FocusColumn.SkuMeter, when(skuId.isNotNull(), t(AzureField.METER_NAME)));
    out.put(FocusColumn.SkuPriceId, when(chargeCategory.notEqual("Tax"), t(AzureField.METER_ID)));
    out.put(FocusColumn.SubAccountId, t(AzureField.SUBSCRIPTION_ID));
    out.put(FocusColumn.SubAccountName, t(AzureField.SUBSCRIPTION_NAME));
    out.put(
        FocusColumn.SubAccountType,
        when(t(AzureField.SUBSCRIPTION_ID).isNotNull(), lit("Subscription")));
    out.put(FocusColumn.Tags, tags);
    out.put(FocusColumn.HostProviderName, lit("Microsoft"));
    out.put(FocusColumn.ServiceProviderName, lit("Microsoft"));
    out.put(FocusColumn.x_Provider, lit(PROVIDER));
    out.put(FocusColumn.x_BillingPeriod, date_format(periodStart, "yyyy-MM"));
    out.put(FocusColumn.x_SourceFile, col(RawFrame.SOURCE_FILE));
    out.put(FocusColumn.x_SourceRow, col(RawFrame.SOURCE_ROW));
    out.put(FocusColumn.x_RecordHash, col(FocusColumn.x_RecordHash.name()));
    out.put(FocusColumn.x_ContractVersion, col(RawFrame.CONTRACT));
    out.put(FocusColumn.x_RowOrigin, RowOrigin.EXPORT.lit());
    out.put(FocusColumn.x_ChargeType, p("charge_type"));
    out.put(FocusColumn.x_ServiceCode, t(AzureField.CONSUMED_SERVICE));
    out.put(FocusColumn.x_UsageType, t(AzureField.METER_CATEGORY));
    out.put(FocusColumn.x_Operation, t(AzureField.METER_SUBCATEGORY));
    out.put(FocusColumn.x_GrossCost, billed);
    out.put(FocusColumn.x_GrossEffectiveCost, effective);
    out.put(
        FocusColumn.x_CostCategories,
        map_filter(map(lit("CostCenter"), t(AzureField.COST_CENTER)), (k, v) -> v.isNotNull()));
    out.put(FocusColumn.x_RawTags, tags);

    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      Column value = out.getOrDefault(column, lit(null));
      columns.add(value.cast(column.type().sparkType()).as(column.name()));
    }
    columns.add(Parse.errors(reasons(tags, currency, periodStart)).as(MappedFrame.ERRORS));
    columns.add(billed.cast(ColumnType.MONEY.sparkType()).as(MappedFrame.COST_IN));
    columns.add(
        when(notBilled, lit(BigDecimal.ZERO).cast(MappedFrame.EXACT))
            .otherwise(t(AzureField.COST).cast(MappedFrame.EXACT))
            .as(MappedFrame.COST_EXACT));
    Column superseded =
        element_at(Literals.map(flags(supersededFiles)), col(RawFrame.SOURCE_FILE))
            .isNotNull()
            .and(commitmentPurchase().equalTo(lit(false)));
    columns.add(superseded.as(MappedFrame.SUPERSEDED));
    for (AzureField field : AzureField.values()) {
      columns.add(col(field.rawName()));
    }
    List<Column> finalColumns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      finalColumns.add(column.col());
    }
    finalColumns.add(col(MappedFrame.ERRORS));
    finalColumns.add(col(MappedFrame.COST_IN));
    finalColumns.add(col(MappedFrame.COST_EXACT));
    finalColumns.add(col(MappedFrame.SUPERSEDED));
    List<Column> keyValues = new ArrayList<>();
    for (AzureField field : AzureField.values()) {
      keyValues.add(lit(field.displayName()));
      keyValues.add(col(field.rawName()));
    }
    Column record = map_filter(map(keyValues.toArray(new Column[0])), (k, v) -> v.isNotNull());
    finalColumns.add(when(MappedFrame.isBad(), record).as(MappedFrame.RAW_RECORD));
    return typed.select(columns.toArray(new Column[0])).select(finalColumns.toArray(new Column[0]));
  }

  private static Map<String, String> flags(Set<String> files) {
    Map<String, String> map = new java.util.LinkedHashMap<>();
    files.forEach(f -> map.put(f, "superseded"));
    return map;
  }

  private static Column nullIfEmpty(Column text) {
    return when(text.equalTo(lit("")), lit(null)).otherwise(text);
  }

  private static List<Parse.Reason> reasons(Column tags, Column currency, Column periodStart) {
    List<Parse.Reason> reasons = new ArrayList<>();
    reasons.add(Parse.readerError());
    reasons.add(Parse.missing(p("account"), "BillingAccountId/BillingProfileId/SubscriptionId"));
    reasons.add(Parse.missing(t(AzureField.COST), "CostInBillingCurrency"));
    reasons.add(Parse.missing(t(AzureField.DATE), "Date"));
    reasons.add(Parse.missing(currency, "BillingCurrencyCode"));
    reasons.add(Parse.invalid(t(AzureField.COST), p("cost"), "CostInBillingCurrency", "number"));
    reasons.add(
        Parse.invalid(
            t(AzureField.PAYG_COST), p("payg_cost"), "PaygCostInBillingCurrency", "number"));
    reasons.add(Parse.invalid(t(AzureField.QUANTITY), p("quantity"), "Quantity", "number"));
    reasons.add(Parse.invalid(t(AzureField.UNIT_PRICE), p("unit_price"), "UnitPrice", "number"));
    reasons.add(Parse.invalid(t(AzureField.PAYG_PRICE), p("payg_price"), "PayGPrice", "number"));
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
            t(AzureField.TAGS)));
    reasons.add(
        Parse.errorWhen(
            currency.isNotNull().and(Currencies.isKnown(currency).equalTo(lit(false))),
            "BillingCurrencyCode",
            "UNKNOWN_CURRENCY",
            concat(lit("not an ISO 4217 currency code: '"), currency, lit("'")),
            currency));
    return reasons;
  }
}
