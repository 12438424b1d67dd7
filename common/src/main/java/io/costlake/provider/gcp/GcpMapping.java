package io.costlake.provider.gcp;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.from_json;
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
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.costlake.focus.ServiceCatalog;
import io.costlake.ingest.FocusValues;
import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.Parse;
import io.costlake.ingest.RawFrame;
import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import io.costlake.model.RowOrigin;
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
    Dataset<Row> parsed = raw.select(parsed(raw).toArray(new Column[0]));
    List<Column> kept = FocusValues.mappedFrame(List.of(col(PROMOTIONAL)), rawRecord());
    return parsed.select(columns().toArray(new Column[0])).select(kept.toArray(new Column[0]));
  }

  private static List<Column> parsed(Dataset<Row> raw) {
    List<Column> columns = FocusValues.rawMeta(GcpRawSchema.RECORD, GcpRawSchema.EXTENSIONS);
    columns.add(parsedRecord(raw).as(R));
    return columns;
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

  static Column credits() {
    return col(R + ".credits");
  }

  static Column isPromotional(Column credit) {
    return upper(coalesce(credit.getField("type"), lit(""))).equalTo(lit("PROMOTION"));
  }

  private static Column amount(Column credit) {
    return amount(credit, SUM);
  }

  private static Column amount(Column credit, DataType type) {
    return Parse.text(credit.getField("amount")).cast(type);
  }

  /** Sum of the amounts of the credits that {@code which} selects; 0 when there are none. */
  static Column creditSum(java.util.function.Function<Column, Column> which) {
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
    GcpLine line = new GcpLine();
    FocusValues out = new FocusValues();
    accounts(line, out);
    costs(line, out);
    charge(line, out);
    pricing(line, out);
    commitment(line, out);
    resource(line, out);
    service(line, out);
    out.put(
        FocusColumn.x_RecordHash,
        FocusValues.recordHash(
            List.of(
                coalesce(col(GcpRawSchema.RECORD), col(RawFrame.ROW_ERROR_VALUE)),
                to_json(col(GcpRawSchema.EXTENSIONS)))));
    out.lineage(PROVIDER, line.localPeriod);
    out.put(FocusColumn.x_ChargeType, f("cost_type"));
    out.put(FocusColumn.x_ServiceCode, f("service.id"));
    out.put(FocusColumn.x_GrossCost, line.cost);
    out.put(FocusColumn.x_GrossEffectiveCost, line.cost);
    out.put(FocusColumn.x_RawTags, out.get(FocusColumn.Tags));
    out.put(FocusColumn.x_Extensions, extensions());

    List<Parse.Reason> reasons =
        reasons(line.cost, line.start, line.end, line.month, line.currency);
    out.put(FocusColumn.x_DataQuality, Parse.issues(reasons));
    List<Column> columns = out.columns();
    columns.add(Parse.errors(reasons).as(MappedFrame.ERRORS));
    columns.add(line.net.as(MappedFrame.COST_IN));
    columns.add(exactNet().as(MappedFrame.COST_EXACT));
    columns.add(filter(credits(), GcpMapping::isPromotional).as(PROMOTIONAL));
    columns.add(col(GcpRawSchema.RECORD));
    columns.add(col(GcpRawSchema.EXTENSIONS));
    return columns;
  }

  /** The billing account, project, currency and invoice month. */
  private static void accounts(GcpLine line, FocusValues out) {
    out.put(FocusColumn.BillingAccountId, f("billing_account_id"));
    out.put(FocusColumn.BillingAccountType, lit("Billing Account"));
    out.put(FocusColumn.BillingCurrency, line.currency);
    out.put(FocusColumn.BillingPeriodStart, line.periodStart);
    out.put(FocusColumn.BillingPeriodEnd, line.periodEnd);
    out.put(FocusColumn.InvoiceIssuerName, lit("Google Cloud"));
    out.subAccount(line.project, f("project.name"), "Project");
    out.put(FocusColumn.ProviderName, lit("Google Cloud"));
    out.put(FocusColumn.PublisherName, coalesce(f("seller_name"), lit("Google Cloud")));
    out.put(FocusColumn.HostProviderName, lit("Google Cloud"));
    out.put(FocusColumn.ServiceProviderName, coalesce(f("seller_name"), lit("Google Cloud")));
  }

  /** Billed and effective cost carry the discount credits; list and contracted do not. */
  private static void costs(GcpLine line, FocusValues out) {
    out.put(FocusColumn.BilledCost, line.billed);
    out.put(FocusColumn.EffectiveCost, line.billed);
    out.put(FocusColumn.ListCost, line.listCost);
    out.put(FocusColumn.ContractedCost, line.cost);
    out.put(FocusColumn.PricingCurrencyEffectiveCost, line.billed);
  }

  private static void charge(GcpLine line, FocusValues out) {
    out.put(FocusColumn.ChargeCategory, line.chargeCategory);
    out.put(FocusColumn.ChargeDescription, coalesce(line.sku, f("adjustment_info.description")));
    out.put(
        FocusColumn.ChargeFrequency,
        when(line.commitmentFee, lit("Recurring"))
            .when(line.usage, lit("Usage-Based"))
            .otherwise(lit("One-Time")));
    out.put(FocusColumn.ChargePeriodStart, line.start);
    out.put(FocusColumn.ChargePeriodEnd, line.end);
  }

  /** Pricing category, quantities, units and unit prices (none on tax and credit rows). */
  private static void pricing(GcpLine line, FocusValues out) {
    out.put(
        FocusColumn.PricingCategory,
        when(line.chargeCategory.isin("Tax", "Credit"), lit(null).cast("string"))
            .when(line.covered, lit("Committed"))
            .when(
                line.usage.and(
                    lower(coalesce(line.sku, lit(""))).rlike("\\b(spot|preemptible)\\b")),
                lit("Dynamic"))
            .when(line.chargeCategory.isin("Usage", "Purchase"), lit("Standard"))
            .otherwise(lit("Other")));
    out.put(FocusColumn.ConsumedQuantity, when(line.usage, line.amount));
    out.put(
        FocusColumn.ConsumedUnit,
        when(line.usage.and(line.amount.isNotNull()), unit(f("usage.unit"))));
    out.put(FocusColumn.ContractedUnitPrice, when(line.priced, line.unitPrice));
    out.put(FocusColumn.ListUnitPrice, when(line.priced, line.listUnitPrice));
    out.put(FocusColumn.PricingCurrencyListUnitPrice, when(line.priced, line.listUnitPrice));
    out.put(FocusColumn.PricingCurrencyContractedUnitPrice, when(line.priced, line.unitPrice));
    out.put(FocusColumn.PricingCurrency, line.currency);
    out.put(FocusColumn.PricingQuantity, when(line.priced, line.pricingAmount));
    out.put(
        FocusColumn.PricingUnit,
        when(line.priced.and(line.pricingAmount.isNotNull()), unit(f("usage.pricing_unit"))));
  }

  /**
   * The committed use discount a fee buys or usage is covered by; what it covered (usage) or
   * commits to (fee), in the SKU's pricing units.
   */
  private static void commitment(GcpLine line, FocusValues out) {
    Column commitmentId = line.commitmentId;
    Column spend =
        when(line.commitmentFee, lower(coalesce(line.sku, lit(""))).contains("dollar based"))
            .otherwise(
                upper(coalesce(line.cud.getField("type"), lit("")))
                    .equalTo("COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE"));
    out.put(
        FocusColumn.CommitmentDiscountCategory,
        when(commitmentId.isNotNull(), when(spend, lit("Spend")).otherwise("Usage")));
    out.put(FocusColumn.CommitmentDiscountId, commitmentId);
    out.put(
        FocusColumn.CommitmentDiscountName,
        when(line.commitmentFee, line.sku)
            .when(
                line.covered,
                coalesce(
                    Parse.text(line.cud.getField("full_name")),
                    Parse.text(line.cud.getField("name")))));
    out.put(FocusColumn.CommitmentDiscountStatus, when(line.covered, lit("Used")));
    out.put(
        FocusColumn.CommitmentDiscountQuantity, when(commitmentId.isNotNull(), line.pricingAmount));
    out.put(
        FocusColumn.CommitmentDiscountUnit,
        when(
            commitmentId.isNotNull().and(line.pricingAmount.isNotNull()),
            unit(f("usage.pricing_unit"))));
    out.put(
        FocusColumn.CommitmentDiscountType,
        when(commitmentId.isNotNull(), lit("Committed Use Discount")));
  }

  /** The resource, its type from its global name, tags, region and zone. */
  private static void resource(GcpLine line, FocusValues out) {
    Column resourceId = line.resourceId;
    out.put(FocusColumn.ResourceId, resourceId);
    out.put(
        FocusColumn.ResourceName,
        when(resourceId.isNotNull(), coalesce(f("resource.name"), resourceId)));
    out.put(
        FocusColumn.ResourceType,
        when(
            resourceId.isNotNull(),
            nullIfEmpty(
                concat(
                    regexp_extract(resourceId, "^//([^/]+)/", 1),
                    lit("/"),
                    regexp_extract(resourceId, "/([^/]+)/[^/]+$", 1)))));
    out.put(FocusColumn.Tags, tags());
    out.put(FocusColumn.AvailabilityZone, f("location.zone"));
    Column location = f("location.location");
    Column regionId =
        coalesce(
            f("location.region"),
            when(lower(coalesce(location, lit("global"))).notEqual("global"), location));
    out.put(FocusColumn.RegionId, regionId);
    out.put(FocusColumn.RegionName, regionId);
  }

  /** Service by description; GCP has no price id, so SkuPriceId is the SkuId (FOCUS allows). */
  private void service(GcpLine line, FocusValues out) {
    Column service = f("service.description");
    out.put(FocusColumn.ServiceCategory, services.categoryOf(service));
    out.put(FocusColumn.ServiceName, coalesce(service, lit("Google Cloud")));
    out.put(FocusColumn.ServiceSubcategory, services.subcategoryOf(service));
    Column skuId = when(line.chargeCategory.notEqual("Tax"), f("sku.id"));
    out.put(FocusColumn.SkuId, skuId);
    out.put(FocusColumn.SkuPriceId, skuId);
    out.put(FocusColumn.SkuMeter, when(skuId.isNotNull(), line.sku));
  }

  /**
   * {@code amount / quantity} as a unit price; null without a positive quantity. The operands are
   * narrowed first so that Spark's decimal division keeps 14 decimals instead of 6.
   */
  static Column perUnit(Column amount, Column quantity) {
    return when(
        quantity.gt(lit(0)),
        amount
            .cast(DataTypes.createDecimalType(20, 10))
            .divide(quantity.cast(DataTypes.createDecimalType(24, 14)))
            .cast(ColumnType.UNIT_PRICE.sparkType()));
  }

  static String[] cudTypes() {
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
    // A list cost or a quantity does not cost the row (ListCost falls back to the cost): it lands.
    reasons.add(
        Parse.invalid(
                f("cost_at_list"),
                Parse.decimal(f("cost_at_list"), ColumnType.MONEY),
                "cost_at_list",
                "number")
            .landing());
    reasons.add(
        Parse.invalid(
                f("usage.amount"),
                Parse.decimal(f("usage.amount"), ColumnType.QUANTITY),
                "usage.amount",
                "number")
            .landing());
    reasons.add(
        Parse.invalid(
                f("usage.amount_in_pricing_units"),
                Parse.decimal(f("usage.amount_in_pricing_units"), ColumnType.QUANTITY),
                "usage.amount_in_pricing_units",
                "number")
            .landing());
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
    reasons.add(Parse.unknownCurrency(currency, "currency"));
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
    List<Column> columns = FocusValues.derived(overrides);
    columns.add(col(MappedFrame.ERRORS));
    columns.add(lit(BigDecimal.ZERO).cast(ColumnType.MONEY.sparkType()).as(MappedFrame.COST_IN));
    columns.add(lit(null).cast("map<string,string>").as(MappedFrame.RAW_RECORD));
    return exploded.select(columns.toArray(new Column[0]));
  }
}
