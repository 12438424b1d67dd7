package io.costlake.provider.gcp;

import static org.apache.spark.sql.functions.add_months;
import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.costlake.focus.Currencies;
import io.costlake.focus.ServiceCatalog;
import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.Parse;
import io.costlake.ingest.RawFrame;
import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import io.costlake.model.RowOrigin;
import io.costlake.spark.Decimals;
import io.costlake.spark.Literals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/**
 * Maps GCP billing export records to FOCUS 1.2 ({@code FOCUS.md} sections 4.2 and 6.5-6.6).
 *
 * <ul>
 *   <li>{@code cost} excludes credits. Discount-type credits (committed use, sustained use, free
 *       tier, negotiated, reseller) lower the row's BilledCost and EffectiveCost; promotional
 *       credits become separate {@code Credit} rows ({@link #promotionalCredits}). Nothing is
 *       clamped at zero, and no array is exploded against the row's cost.
 *   <li>CUD fees ({@code Commitment ...} SKUs, {@code cost_type} regular) are Purchase rows with
 *       the commitment columns set; usage a CUD credit covers is Committed and names the credit.
 *   <li>The billing period is the invoice month, a month in Pacific time: it starts at 07:00 or
 *       08:00 UTC, and late usage from the month before belongs to it.
 * </ul>
 */
final class GcpMapping {
  static final String PROVIDER = "gcp";

  /** Invoice months are Pacific-time months. */
  static final String INVOICE_TIME_ZONE = "America/Los_Angeles";

  private static final String R = "_r";
  private static final String PROMOTIONAL = "_promotional_credits";
  private static final DataType SUM = DataTypes.createDecimalType(36, 10);
  private static final List<String> CUD_CREDITS =
      List.of("COMMITTED_USAGE_DISCOUNT", "COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE");

  private final ServiceCatalog services = ServiceCatalog.gcp();

  /** GCP's unit names in FOCUS UnitFormat; others are kept as GCP wrote them. */
  private static final Map<String, String> UNITS =
      Map.ofEntries(
          Map.entry("seconds", "Seconds"),
          Map.entry("second", "Seconds"),
          Map.entry("hour", "Hours"),
          Map.entry("hours", "Hours"),
          Map.entry("month", "Months"),
          Map.entry("bytes", "B"),
          Map.entry("byte-seconds", "B-Seconds"),
          Map.entry("gibibyte", "GiB"),
          Map.entry("gibibyte hour", "GiB-Hours"),
          Map.entry("gibibyte month", "GiB-Months"),
          Map.entry("gibibyte second", "GiB-Seconds"),
          Map.entry("tebibyte", "TiB"),
          Map.entry("mebibyte", "MiB"),
          Map.entry("requests", "Requests"),
          Map.entry("request", "Requests"),
          Map.entry("count", "Count"));

  static Column unit(Column gcpUnit) {
    return coalesce(element_at(Literals.map(UNITS), lower(gcpUnit)), gcpUnit);
  }

  /** The mapped frame, with each row's promotional credits kept for {@link #promotionalCredits}. */
  Dataset<Row> mapped(Dataset<Row> raw) {
    Dataset<Row> parsed =
        raw.select(
            col(RawFrame.SOURCE_FILE),
            col(RawFrame.SOURCE_ROW),
            col(RawFrame.CONTRACT),
            col(RawFrame.ROW_ERROR_CODE),
            col(RawFrame.ROW_ERROR_COLUMN),
            col(RawFrame.ROW_ERROR_VALUE),
            col(GcpRawSchema.RECORD),
            col(GcpRawSchema.EXTENSIONS),
            parsedRecord(raw).as(R));
    List<Column> kept = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      if (column != FocusColumn.x_IngestRunId) {
        kept.add(column.col());
      }
    }
    kept.add(col(MappedFrame.ERRORS));
    kept.add(col(MappedFrame.COST_IN));
    kept.add(col(MappedFrame.COST_EXACT));
    kept.add(col(PROMOTIONAL));
    kept.add(when(MappedFrame.isBad(), rawRecord()).as(MappedFrame.RAW_RECORD));
    return parsed.select(columns().toArray(new Column[0])).select(kept.toArray(new Column[0]));
  }

  /** The raw frame with each record parsed once, for every pass over it to share. */
  static Dataset<Row> withParsedRecord(Dataset<Row> raw) {
    return raw.withColumn(GcpRawSchema.PARSED, parsedRecord(raw));
  }

  private static Column parsedRecord(Dataset<Row> raw) {
    return Arrays.asList(raw.columns()).contains(GcpRawSchema.PARSED)
        ? col(GcpRawSchema.PARSED)
        : from_json(col(GcpRawSchema.RECORD), GcpExport.RECORD);
  }

  /** Text of a record field ({@code usage.amount}); empty and NULL placeholders are null. */
  static Column f(String path) {
    return Parse.text(col(R + "." + path));
  }

  private static Column credits() {
    return col(R + ".credits");
  }

  private static Column isPromotional(Column credit) {
    return upper(coalesce(credit.getField("type"), lit(""))).equalTo(lit("PROMOTION"));
  }

  private static Column amount(Column credit) {
    return amount(credit, SUM);
  }

  private static Column amount(Column credit, DataType type) {
    return Parse.text(credit.getField("amount")).cast(type);
  }

  /** Sum of the amounts of the credits that {@code which} selects; 0 when there are none. */
  private static Column creditSum(java.util.function.Function<Column, Column> which) {
    return creditSum(which, SUM);
  }

  /** The same, each amount read as {@code type} and the sum kept in it. */
  private static Column creditSum(
      java.util.function.Function<Column, Column> which, DataType type) {
    Column zero = lit(BigDecimal.ZERO).cast(type);
    return coalesce(
        aggregate(
            filter(credits(), which::apply),
            zero,
            (sum, credit) -> sum.plus(coalesce(amount(credit, type), zero)).cast(type)),
        zero);
  }

  /** {@code cost} plus every credit, each to 24 decimals: what the net cost is before rounding. */
  private static Column exactNet() {
    return f("cost")
        .cast(MappedFrame.EXACT)
        .plus(creditSum(c -> lit(true), MappedFrame.EXACT))
        .cast(MappedFrame.EXACT);
  }

  /** GCP timestamps: ISO, {@code 2020-11-09 23:00:00+00:00}, or BigQuery's {@code ... UTC}. */
  static Column timestamp(Column text) {
    return coalesce(Parse.timestamp(text), to_timestamp(text, "yyyy-MM-dd HH:mm:ss[.SSSSSS] zzz"));
  }

  private static Column keyValues(Column array) {
    DataType entry =
        DataTypes.createStructType(
            List.of(
                DataTypes.createStructField("key", DataTypes.StringType, true),
                DataTypes.createStructField("value", DataTypes.StringType, true)));
    return coalesce(
        transform(
            array,
            x -> struct(x.getField("key").as("key"), x.getField("value").as("value")).cast(entry)),
        array().cast(DataTypes.createArrayType(entry)));
  }

  /** Project labels, then resource-manager tags, resource labels, system labels: later wins. */
  static Column tags() {
    Column entries =
        filter(
            concat(
                keyValues(col(R + ".project.labels")),
                keyValues(col(R + ".tags")),
                keyValues(col(R + ".labels")),
                keyValues(col(R + ".system_labels"))),
            e -> e.getField("key").isNotNull().and(e.getField("key").notEqual(lit(""))));
    return when(size(entries).gt(0), map_from_entries(entries));
  }

  private List<Column> columns() {
    Column costType = lower(coalesce(f("cost_type"), lit("regular")));
    Column sku = f("sku.description");
    Column cost = Parse.decimal(f("cost"), ColumnType.MONEY);
    Column discounts = creditSum(c -> isPromotional(c).equalTo(lit(false)));
    Column promotions = creditSum(GcpMapping::isPromotional);
    Column billed = Decimals.plus(cost, discounts);
    Column net = Decimals.plus(billed, promotions);
    Column listCost = coalesce(Parse.decimal(f("cost_at_list"), ColumnType.MONEY), cost);
    Column start = timestamp(f("usage_start_time"));
    Column end = timestamp(f("usage_end_time"));
    Column month = to_timestamp(f("invoice.month"), "yyyyMM");
    Column localPeriod =
        coalesce(month, date_trunc("month", from_utc_timestamp(start, INVOICE_TIME_ZONE)));
    Column periodStart = to_utc_timestamp(localPeriod, INVOICE_TIME_ZONE);
    Column periodEnd =
        to_utc_timestamp(add_months(localPeriod, 1).cast("timestamp"), INVOICE_TIME_ZONE);
    Column commitmentFee =
        costType.equalTo("regular").and(lower(coalesce(sku, lit(""))).startsWith("commitment"));
    Column dollarBased = lower(coalesce(sku, lit(""))).contains("dollar based");
    Column cud =
        element_at(
            filter(credits(), c -> upper(coalesce(c.getField("type"), lit(""))).isin(cudTypes())),
            1);
    Column covered = cud.isNotNull().and(commitmentFee.equalTo(lit(false)));
    Column chargeCategory =
        when(commitmentFee, lit("Purchase"))
            .when(costType.equalTo("regular"), lit("Usage"))
            .when(costType.equalTo("tax"), lit("Tax"))
            .when(costType.equalTo("credit"), lit("Credit"))
            .otherwise(lit("Adjustment"));
    Column usage = chargeCategory.equalTo("Usage");
    Column taxOrCredit = chargeCategory.isin("Tax", "Credit");
    Column amount = Parse.decimal(f("usage.amount"), ColumnType.QUANTITY);
    Column pricingAmount = Parse.decimal(f("usage.amount_in_pricing_units"), ColumnType.QUANTITY);
    // Unit prices: the export's effective price, else derived from the cost it priced.
    Column unitPrice =
        coalesce(
            Parse.decimal(f("price.effective_price"), ColumnType.UNIT_PRICE),
            perUnit(cost, pricingAmount));
    Column listUnitPrice = perUnit(listCost, pricingAmount);
    Column currency = f("currency");
    Column project = f("project.id");
    Column resourceId = f("resource.global_name");
    Column region = f("location.region");
    Column location = f("location.location");
    Column regionId =
        coalesce(
            region, when(lower(coalesce(location, lit("global"))).notEqual("global"), location));
    Column resourceType =
        when(
            resourceId.isNotNull(),
            nullIfEmpty(
                concat(
                    regexp_extract(resourceId, "^//([^/]+)/", 1),
                    lit("/"),
                    regexp_extract(resourceId, "/([^/]+)/[^/]+$", 1))));
    Column service = f("service.description");
    Column tags = tags();
    Column commitmentId =
        when(
                commitmentFee,
                coalesce(
                    resourceId,
                    concat(
                        lit("gcp-cud:"),
                        coalesce(project, f("billing_account_id")),
                        lit(":"),
                        coalesce(f("sku.id"), lit("")))))
            .when(
                covered,
                coalesce(Parse.text(cud.getField("id")), Parse.text(cud.getField("name"))));
    Column commitmentSpend =
        when(commitmentFee, dollarBased)
            .otherwise(
                upper(coalesce(cud.getField("type"), lit("")))
                    .equalTo("COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE"));

    Map<FocusColumn, Column> out = new EnumMap<>(FocusColumn.class);
    out.put(FocusColumn.AvailabilityZone, f("location.zone"));
    out.put(FocusColumn.BilledCost, billed);
    out.put(FocusColumn.BillingAccountId, f("billing_account_id"));
    out.put(FocusColumn.BillingAccountType, lit("Billing Account"));
    out.put(FocusColumn.BillingCurrency, currency);
    out.put(FocusColumn.BillingPeriodStart, periodStart);
    out.put(FocusColumn.BillingPeriodEnd, periodEnd);
    out.put(FocusColumn.ChargeCategory, chargeCategory);
    out.put(FocusColumn.ChargeDescription, coalesce(sku, f("adjustment_info.description")));
    out.put(
        FocusColumn.ChargeFrequency,
        when(commitmentFee, lit("Recurring"))
            .when(usage, lit("Usage-Based"))
            .otherwise(lit("One-Time")));
    out.put(FocusColumn.ChargePeriodStart, start);
    out.put(FocusColumn.ChargePeriodEnd, end);
    out.put(
        FocusColumn.CommitmentDiscountCategory,
        when(commitmentId.isNotNull(), when(commitmentSpend, lit("Spend")).otherwise("Usage")));
    out.put(FocusColumn.CommitmentDiscountId, commitmentId);
    out.put(
        FocusColumn.CommitmentDiscountName,
        when(commitmentFee, sku)
            .when(
                covered,
                coalesce(Parse.text(cud.getField("full_name")), Parse.text(cud.getField("name")))));
    out.put(FocusColumn.CommitmentDiscountStatus, when(covered, lit("Used")));
    // What the commitment covered (usage) or commits to (fee), in the SKU's pricing units.
    out.put(FocusColumn.CommitmentDiscountQuantity, when(commitmentId.isNotNull(), pricingAmount));
    out.put(
        FocusColumn.CommitmentDiscountUnit,
        when(
            commitmentId.isNotNull().and(pricingAmount.isNotNull()),
            unit(f("usage.pricing_unit"))));
    out.put(
        FocusColumn.CommitmentDiscountType,
        when(commitmentId.isNotNull(), lit("Committed Use Discount")));
    out.put(FocusColumn.ConsumedQuantity, when(usage, amount));
    out.put(FocusColumn.ConsumedUnit, when(usage.and(amount.isNotNull()), unit(f("usage.unit"))));
    out.put(FocusColumn.ContractedCost, cost);
    out.put(FocusColumn.ContractedUnitPrice, when(taxOrCredit.equalTo(lit(false)), unitPrice));
    out.put(FocusColumn.EffectiveCost, billed);
    out.put(FocusColumn.InvoiceIssuerName, lit("Google Cloud"));
    out.put(FocusColumn.ListCost, listCost);
    out.put(FocusColumn.ListUnitPrice, when(taxOrCredit.equalTo(lit(false)), listUnitPrice));
    out.put(
        FocusColumn.PricingCurrencyListUnitPrice,
        when(taxOrCredit.equalTo(lit(false)), listUnitPrice));
    out.put(
        FocusColumn.PricingCurrencyContractedUnitPrice,
        when(taxOrCredit.equalTo(lit(false)), unitPrice));
    out.put(FocusColumn.PricingCurrencyEffectiveCost, billed);
    out.put(
        FocusColumn.PricingCategory,
        when(taxOrCredit, lit(null).cast("string"))
            .when(covered, lit("Committed"))
            .when(
                usage.and(lower(coalesce(sku, lit(""))).rlike("\\b(spot|preemptible)\\b")),
                lit("Dynamic"))
            .when(chargeCategory.isin("Usage", "Purchase"), lit("Standard"))
            .otherwise(lit("Other")));
    out.put(FocusColumn.PricingCurrency, currency);
    out.put(FocusColumn.PricingQuantity, when(taxOrCredit.equalTo(lit(false)), pricingAmount));
    out.put(
        FocusColumn.PricingUnit,
        when(
            taxOrCredit.equalTo(lit(false)).and(pricingAmount.isNotNull()),
            unit(f("usage.pricing_unit"))));
    out.put(FocusColumn.ProviderName, lit("Google Cloud"));
    out.put(FocusColumn.PublisherName, coalesce(f("seller_name"), lit("Google Cloud")));
    out.put(FocusColumn.RegionId, regionId);
    out.put(FocusColumn.RegionName, regionId);
    out.put(FocusColumn.ResourceId, resourceId);
    out.put(
        FocusColumn.ResourceName,
        when(resourceId.isNotNull(), coalesce(f("resource.name"), resourceId)));
    out.put(FocusColumn.ResourceType, resourceType);
    out.put(FocusColumn.ServiceCategory, services.categoryOf(service));
    out.put(FocusColumn.ServiceName, coalesce(service, lit("Google Cloud")));
    out.put(FocusColumn.ServiceSubcategory, services.subcategoryOf(service));
    // GCP has no price id: FOCUS allows SkuPriceId to equal SkuId. SkuMeter only where SkuId is.
    Column skuId = when(chargeCategory.notEqual("Tax"), f("sku.id"));
    out.put(FocusColumn.SkuId, skuId);
    out.put(FocusColumn.SkuPriceId, skuId);
    out.put(FocusColumn.SkuMeter, when(skuId.isNotNull(), sku));
    out.put(FocusColumn.SubAccountId, project);
    out.put(FocusColumn.SubAccountName, f("project.name"));
    out.put(FocusColumn.SubAccountType, when(project.isNotNull(), lit("Project")));
    out.put(FocusColumn.Tags, tags);
    out.put(FocusColumn.HostProviderName, lit("Google Cloud"));
    out.put(FocusColumn.ServiceProviderName, coalesce(f("seller_name"), lit("Google Cloud")));
    out.put(FocusColumn.x_Provider, lit(PROVIDER));
    out.put(FocusColumn.x_BillingPeriod, date_format(localPeriod, "yyyy-MM"));
    out.put(FocusColumn.x_SourceFile, col(RawFrame.SOURCE_FILE));
    out.put(FocusColumn.x_SourceRow, col(RawFrame.SOURCE_ROW));
    out.put(
        FocusColumn.x_RecordHash,
        sha2(
            concat_ws(
                "\u001f",
                coalesce(col(GcpRawSchema.RECORD), col(RawFrame.ROW_ERROR_VALUE), lit("")),
                coalesce(to_json(col(GcpRawSchema.EXTENSIONS)), lit(""))),
            256));
    out.put(FocusColumn.x_ContractVersion, col(RawFrame.CONTRACT));
    out.put(FocusColumn.x_RowOrigin, RowOrigin.EXPORT.lit());
    out.put(FocusColumn.x_ChargeType, f("cost_type"));
    out.put(FocusColumn.x_ServiceCode, f("service.id"));
    out.put(FocusColumn.x_GrossCost, cost);
    out.put(FocusColumn.x_GrossEffectiveCost, cost);
    out.put(FocusColumn.x_RawTags, tags);
    out.put(FocusColumn.x_Extensions, extensions());

    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      if (column != FocusColumn.x_IngestRunId) {
        Column value = out.getOrDefault(column, lit(null));
        columns.add(value.cast(column.type().sparkType()).as(column.name()));
      }
    }
    columns.add(Parse.errors(reasons(cost, start, end, month, currency)).as(MappedFrame.ERRORS));
    columns.add(net.as(MappedFrame.COST_IN));
    columns.add(exactNet().as(MappedFrame.COST_EXACT));
    columns.add(filter(credits(), GcpMapping::isPromotional).as(PROMOTIONAL));
    columns.add(col(GcpRawSchema.RECORD));
    columns.add(col(GcpRawSchema.EXTENSIONS));
    return columns;
  }

  /**
   * {@code amount / quantity} as a unit price; null without a positive quantity. The operands are
   * narrowed first so that Spark's decimal division keeps 14 decimals instead of 6.
   */
  private static Column perUnit(Column amount, Column quantity) {
    return when(
        quantity.gt(lit(0)),
        amount
            .cast(DataTypes.createDecimalType(20, 10))
            .divide(quantity.cast(DataTypes.createDecimalType(24, 14)))
            .cast(ColumnType.UNIT_PRICE.sparkType()));
  }

  private static String[] cudTypes() {
    return CUD_CREDITS.toArray(new String[0]);
  }

  /** Drift fields, and the record's details FOCUS has no column for (credits, adjustments). */
  private static Column extensions() {
    Column details =
        map(
            lit("credits"),
            when(size(credits()).gt(0), to_json(credits())),
            lit("adjustment_info"),
            to_json(col(R + ".adjustment_info")),
            lit("transaction_type"),
            f("transaction_type"),
            lit("project.ancestry_numbers"),
            f("project.ancestry_numbers"),
            lit("consumption_model"),
            f("consumption_model.description"),
            lit("subscription.instance_id"),
            f("subscription.instance_id"));
    Column drift =
        coalesce(
            col(GcpRawSchema.EXTENSIONS),
            map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType)));
    Column all = map_filter(map_concat(drift, details), (k, v) -> v.isNotNull());
    return when(size(all).gt(0), all);
  }

  private static Column rawRecord() {
    return map_filter(
        map(
            lit("record"),
            substring(col(GcpRawSchema.RECORD), 1, 4000),
            lit("extensions"),
            to_json(col(GcpRawSchema.EXTENSIONS))),
        (k, v) -> v.isNotNull());
  }

  private static Column nullIfEmpty(Column text) {
    return when(text.equalTo(lit("")).or(text.equalTo(lit("/"))), lit(null)).otherwise(text);
  }

  private static List<Parse.Reason> reasons(
      Column cost, Column start, Column end, Column month, Column currency) {
    List<Parse.Reason> reasons = new ArrayList<>();
    reasons.add(
        Parse.errorWhen(
            col(RawFrame.ROW_ERROR_CODE).isNotNull(),
            coalesce(col(RawFrame.ROW_ERROR_COLUMN), lit("(row)")),
            col(RawFrame.ROW_ERROR_CODE),
            coalesce(col(RawFrame.ROW_ERROR_VALUE), col(RawFrame.ROW_ERROR_CODE)),
            coalesce(col(GcpRawSchema.RECORD), col(RawFrame.ROW_ERROR_VALUE))));
    Column readable = col(RawFrame.ROW_ERROR_CODE).isNull();
    reasons.add(onReadable(readable, Parse.missing(f("billing_account_id"), "billing_account_id")));
    reasons.add(onReadable(readable, Parse.missing(f("cost"), "cost")));
    reasons.add(onReadable(readable, Parse.missing(currency, "currency")));
    reasons.add(onReadable(readable, Parse.missing(f("usage_start_time"), "usage_start_time")));
    reasons.add(Parse.invalid(f("cost"), cost, "cost", "number"));
    reasons.add(
        Parse.invalid(
            f("cost_at_list"),
            Parse.decimal(f("cost_at_list"), ColumnType.MONEY),
            "cost_at_list",
            "number"));
    reasons.add(
        Parse.invalid(
            f("usage.amount"),
            Parse.decimal(f("usage.amount"), ColumnType.QUANTITY),
            "usage.amount",
            "number"));
    reasons.add(
        Parse.invalid(
            f("usage.amount_in_pricing_units"),
            Parse.decimal(f("usage.amount_in_pricing_units"), ColumnType.QUANTITY),
            "usage.amount_in_pricing_units",
            "number"));
    reasons.add(Parse.invalid(f("usage_start_time"), start, "usage_start_time", "timestamp"));
    reasons.add(Parse.invalid(f("usage_end_time"), end, "usage_end_time", "timestamp"));
    reasons.add(Parse.invalid(f("invoice.month"), month, "invoice.month", "month (yyyyMM)"));
    Column badCredit =
        filter(
            credits(), c -> Parse.text(c.getField("amount")).isNotNull().and(amount(c).isNull()));
    reasons.add(
        Parse.errorWhen(
            exists(
                credits(),
                c -> Parse.text(c.getField("amount")).isNotNull().and(amount(c).isNull())),
            "credits.amount",
            "INVALID_NUMBER",
            concat(
                lit("credits.amount is not a valid number: '"),
                element_at(badCredit, 1).getField("amount"),
                lit("'")),
            element_at(badCredit, 1).getField("amount")));
    reasons.add(
        Parse.errorWhen(
            currency.isNotNull().and(Currencies.isKnown(currency).equalTo(lit(false))),
            "currency",
            "UNKNOWN_CURRENCY",
            concat(lit("not an ISO 4217 currency code: '"), currency, lit("'")),
            currency));
    return reasons;
  }

  /** A missing field means nothing when the record could not be read at all. */
  private static Parse.Reason onReadable(Column readable, Parse.Reason reason) {
    return reason.onlyWhen(readable);
  }

  /**
   * One {@code Credit} row per promotional credit (free trial, promotion) of each good row: the
   * credit's own amount, the row's account, period, project, service and resource, so credits
   * allocate with the usage they paid for. The row itself keeps its cost without them.
   */
  Dataset<Row> promotionalCredits(Dataset<Row> raw) {
    Dataset<Row> mapped =
        mapped(raw.filter(col(GcpRawSchema.RECORD).contains("PROMOTION")))
            .filter(MappedFrame.isGood().and(size(col(PROMOTIONAL)).gt(0)));
    Dataset<Row> exploded =
        mapped.select(col("*"), posexplode(col(PROMOTIONAL)).as(new String[] {"_pos", "_credit"}));
    Column credit = col("_credit");
    Column value = amount(credit).cast(ColumnType.MONEY.sparkType());
    Map<FocusColumn, Column> overrides = new EnumMap<>(FocusColumn.class);
    for (FocusColumn money :
        List.of(
            FocusColumn.BilledCost,
            FocusColumn.EffectiveCost,
            FocusColumn.ListCost,
            FocusColumn.ContractedCost,
            FocusColumn.x_GrossCost,
            FocusColumn.x_GrossEffectiveCost)) {
      overrides.put(money, value);
    }
    overrides.put(FocusColumn.ChargeCategory, lit("Credit"));
    overrides.put(FocusColumn.ChargeClass, lit(null));
    overrides.put(FocusColumn.ChargeFrequency, lit("One-Time"));
    overrides.put(
        FocusColumn.ChargeDescription,
        coalesce(Parse.text(credit.getField("full_name")), Parse.text(credit.getField("name"))));
    for (FocusColumn none :
        List.of(
            FocusColumn.PricingCategory,
            FocusColumn.PricingQuantity,
            FocusColumn.PricingUnit,
            FocusColumn.ConsumedQuantity,
            FocusColumn.ConsumedUnit,
            FocusColumn.ContractedUnitPrice,
            FocusColumn.ListUnitPrice,
            FocusColumn.SkuPriceId,
            FocusColumn.CommitmentDiscountCategory,
            FocusColumn.CommitmentDiscountId,
            FocusColumn.CommitmentDiscountName,
            FocusColumn.CommitmentDiscountStatus,
            FocusColumn.CommitmentDiscountType,
            FocusColumn.CommitmentDiscountQuantity,
            FocusColumn.CommitmentDiscountUnit)) {
      overrides.put(none, lit(null));
    }
    overrides.put(FocusColumn.x_RowOrigin, RowOrigin.PROMOTIONAL_CREDIT.lit());
    overrides.put(
        FocusColumn.x_RecordHash,
        sha2(
            concat_ws(
                ":",
                FocusColumn.x_RecordHash.col(),
                RowOrigin.PROMOTIONAL_CREDIT.lit(),
                col("_pos").cast("string")),
            256));
    overrides.put(
        FocusColumn.x_Extensions,
        map_filter(
            map(
                lit("credit.id"),
                credit.getField("id"),
                lit("credit.name"),
                credit.getField("name"),
                lit("credit.type"),
                credit.getField("type")),
            (k, v) -> v.isNotNull()));
    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      if (column != FocusColumn.x_IngestRunId) {
        Column override = overrides.get(column);
        columns.add(
            override == null
                ? column.col()
                : override.cast(column.type().sparkType()).as(column.name()));
      }
    }
    columns.add(col(MappedFrame.ERRORS));
    columns.add(lit(BigDecimal.ZERO).cast(ColumnType.MONEY.sparkType()).as(MappedFrame.COST_IN));
    columns.add(lit(null).cast("map<string,string>").as(MappedFrame.RAW_RECORD));
    return exploded.select(columns.toArray(new Column[0]));
  }
}
