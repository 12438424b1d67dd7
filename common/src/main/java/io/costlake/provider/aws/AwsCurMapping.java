package io.costlake.provider.aws;

import static io.costlake.model.FocusColumn.BilledCost;
import static io.costlake.model.FocusColumn.BillingAccountId;
import static io.costlake.model.FocusColumn.BillingCurrency;
import static io.costlake.model.FocusColumn.BillingPeriodEnd;
import static io.costlake.model.FocusColumn.BillingPeriodStart;
import static io.costlake.model.FocusColumn.ChargePeriodEnd;
import static io.costlake.model.FocusColumn.ChargePeriodStart;
import static io.costlake.model.FocusColumn.CommitmentDiscountId;
import static io.costlake.model.FocusColumn.CommitmentDiscountName;
import static io.costlake.model.FocusColumn.CommitmentDiscountType;
import static io.costlake.model.FocusColumn.EffectiveCost;
import static io.costlake.model.FocusColumn.PricingCurrency;
import static io.costlake.model.FocusColumn.x_RecordHash;
import static io.costlake.model.FocusColumn.x_RowOrigin;
import static io.costlake.provider.aws.AwsLineItemType.COMMITTED_USAGE;
import static io.costlake.provider.aws.AwsLineItemType.CONSUMPTION;
import static io.costlake.provider.aws.AwsLineItemType.in;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.costlake.focus.ServiceCatalog;
import io.costlake.ingest.FocusValues;
import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.Parse;
import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import io.costlake.model.RowOrigin;
import io.costlake.spark.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Maps raw AWS CUR rows to FOCUS 1.2 ({@code ../shared/focus/FOCUS.md} section 4.1 and its
 * pitfalls). A pure Dataset transform with Spark built-ins only; no shuffle.
 *
 * <p>Cost rules, per {@code lineItem/LineItemType}:
 *
 * <ul>
 *   <li>BilledCost is {@code lineItem/NetUnblendedCost} when the report has net columns, else
 *       {@code lineItem/UnblendedCost}, on every row, so BilledCost sums to the invoice.
 *   <li>EffectiveCost is {@code savingsPlan/(Net)SavingsPlanEffectiveCost} on covered usage, {@code
 *       reservation/(Net)EffectiveCost} on RI-covered usage, 0 on SavingsPlanNegation and on every
 *       commitment fee (RIFee, upfront Fee, SavingsPlanUpfrontFee/RecurringFee), 0 on discount rows
 *       when net columns already hold the discount, else BilledCost.
 *   <li>The unused part of each RIFee and SavingsPlanRecurringFee becomes its own row: Usage,
 *       Committed, CommitmentDiscountStatus Unused, BilledCost 0, ResourceId the commitment ({@link
 *       #unusedCommitments}).
 * </ul>
 *
 * <p>A row is rejected (see {@link MappedFrame#ERRORS}) when a required value is missing, a cost or
 * time does not parse, the currency is not ISO 4217, or the billing period is empty. An unreadable
 * rate, quantity or public cost does not stop the row from being costed: it lands, named in {@code
 * x_DataQuality}.
 */
public final class AwsCurMapping {
  public static final String PROVIDER = "aws";

  static final String UNUSED_COST = "_unused_cost";
  static final String UNUSED_COST_GROSS = "_unused_cost_gross";
  static final String UNUSED_QUANTITY = "_unused_quantity";
  static final String UNUSED_UNIT = "_unused_unit";

  private static final List<CurField> MONEY_FIELDS =
      List.of(
          CurField.LINE_ITEM_UNBLENDED_COST,
          CurField.LINE_ITEM_NET_UNBLENDED_COST,
          CurField.PRICING_PUBLIC_ON_DEMAND_COST,
          CurField.RESERVATION_EFFECTIVE_COST,
          CurField.RESERVATION_NET_EFFECTIVE_COST,
          CurField.RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD,
          CurField.RESERVATION_NET_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD,
          CurField.RESERVATION_UNUSED_RECURRING_FEE,
          CurField.RESERVATION_NET_UNUSED_RECURRING_FEE,
          CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST,
          CurField.SAVINGS_PLAN_NET_SAVINGS_PLAN_EFFECTIVE_COST,
          CurField.SAVINGS_PLAN_TOTAL_COMMITMENT_TO_DATE,
          CurField.SAVINGS_PLAN_USED_COMMITMENT);
  private static final List<CurField> RATE_FIELDS =
      List.of(
          CurField.LINE_ITEM_UNBLENDED_RATE,
          CurField.LINE_ITEM_NET_UNBLENDED_RATE,
          CurField.PRICING_PUBLIC_ON_DEMAND_RATE);
  private static final List<CurField> QUANTITY_FIELDS =
      List.of(
          CurField.LINE_ITEM_USAGE_AMOUNT,
          CurField.RESERVATION_UNUSED_QUANTITY,
          CurField.RESERVATION_NUMBER_OF_RESERVATIONS);
  private static final List<CurField> TIME_FIELDS =
      List.of(
          CurField.BILL_BILLING_PERIOD_START_DATE,
          CurField.BILL_BILLING_PERIOD_END_DATE,
          CurField.LINE_ITEM_USAGE_START_DATE,
          CurField.LINE_ITEM_USAGE_END_DATE);
  private static final List<CurField> REQUIRED_VALUES =
      List.of(
          CurField.BILL_PAYER_ACCOUNT_ID,
          CurField.BILL_BILLING_PERIOD_START_DATE,
          CurField.BILL_BILLING_PERIOD_END_DATE,
          CurField.LINE_ITEM_LINE_ITEM_TYPE,
          CurField.LINE_ITEM_USAGE_START_DATE,
          CurField.LINE_ITEM_USAGE_END_DATE,
          CurField.LINE_ITEM_CURRENCY_CODE,
          CurField.LINE_ITEM_UNBLENDED_COST);

  private static final BigDecimal ZERO = BigDecimal.ZERO;
  private static final String CLEAN = "c_";
  private static final String PARSED_PREFIX = "p_";
  private static final Map<CurField, ColumnType> PARSED = parsedFields();

  private final ServiceCatalog services;

  private static Map<CurField, ColumnType> parsedFields() {
    Map<CurField, ColumnType> parsed = new EnumMap<>(CurField.class);
    MONEY_FIELDS.forEach(f -> parsed.put(f, ColumnType.MONEY));
    RATE_FIELDS.forEach(f -> parsed.put(f, ColumnType.UNIT_PRICE));
    QUANTITY_FIELDS.forEach(f -> parsed.put(f, ColumnType.QUANTITY));
    TIME_FIELDS.forEach(f -> parsed.put(f, ColumnType.TIMESTAMP));
    return parsed;
  }

  public AwsCurMapping(ServiceCatalog services) {
    this.services = services;
  }

  public static AwsCurMapping standard() {
    return new AwsCurMapping(ServiceCatalog.aws());
  }

  /**
   * Maps raw {@code ROW} records ({@link CurRawSchema}) to the frame the ingest core expects: every
   * FOCUS column, the {@link MappedFrame} columns, and the hidden unused-commitment amounts. Rows
   * derived from it ({@link #unusedCommitments}) are not included.
   *
   * <p>Four narrow projections, so every value is cleaned and parsed once: (1) trimmed text {@code
   * c_*} and the record hash, (2) typed values {@code p_*}, (3) FOCUS columns and the reasons a row
   * is rejected, (4) the raw record, built only for rejected rows.
   */
  public Dataset<Row> apply(Dataset<Row> raw) {
    return raw.select(clean()).select(parse()).select(focusColumns()).select(withRawRecord());
  }

  private static List<Column> meta() {
    return FocusValues.rawMeta(
        CurRawSchema.RESOURCE_TAGS, CurRawSchema.COST_CATEGORY, CurRawSchema.NET_COLUMNS);
  }

  /** Stage 1: the raw strings as read, their trimmed text, and the record hash. */
  private static Column[] clean() {
    List<Column> columns = meta();
    for (CurField field : CurField.values()) {
      columns.add(col(field.rawName()));
      columns.add(Parse.text(col(field.rawName())).as(CLEAN + field.rawName()));
    }
    columns.add(recordHash().as(x_RecordHash.name()));
    return columns.toArray(new Column[0]);
  }

  /** Stage 2: typed values of the numeric and time fields. */
  private static Column[] parse() {
    List<Column> columns = meta();
    for (CurField field : CurField.values()) {
      columns.add(col(field.rawName()));
      columns.add(col(CLEAN + field.rawName()));
      ColumnType type = PARSED.get(field);
      if (type != null) {
        Column text = col(CLEAN + field.rawName());
        Column parsed =
            type == ColumnType.TIMESTAMP ? Parse.timestamp(text) : Parse.decimal(text, type);
        columns.add(parsed.as(PARSED_PREFIX + field.rawName()));
      }
    }
    columns.add(col(x_RecordHash.name()));
    return columns.toArray(new Column[0]);
  }

  /** Stage 4: everything of stage 3 but the raw strings, plus the raw record of rejected rows. */
  private static Column[] withRawRecord() {
    List<Column> hidden = new ArrayList<>();
    for (String name : List.of(UNUSED_COST, UNUSED_COST_GROSS, UNUSED_QUANTITY, UNUSED_UNIT)) {
      hidden.add(col(name));
    }
    return FocusValues.mappedFrame(hidden, rawRecord()).toArray(new Column[0]);
  }

  static Column t(CurField field) {
    return col(CLEAN + field.rawName());
  }

  static Column parsed(CurField field, ColumnType type) {
    if (PARSED.get(field) != type) {
      throw new IllegalStateException(field + " is not parsed as " + type);
    }
    return col(PARSED_PREFIX + field.rawName());
  }

  static Column money(CurField field) {
    return parsed(field, ColumnType.MONEY);
  }

  /** The amount to 24 decimals, to tell what rounding it to the table's scale takes away. */
  static Column exact(CurField field) {
    return t(field).cast(MappedFrame.EXACT);
  }

  static Column rate(CurField field) {
    return parsed(field, ColumnType.UNIT_PRICE);
  }

  static Column quantity(CurField field) {
    return parsed(field, ColumnType.QUANTITY);
  }

  static Column time(CurField field) {
    return parsed(field, ColumnType.TIMESTAMP);
  }

  static Column zero() {
    return lit(ZERO).cast(ColumnType.MONEY.sparkType());
  }

  /** Stage 3: the FOCUS columns, the errors, and the hidden unused-commitment amounts. */
  private Column[] focusColumns() {
    CurLine line = new CurLine();
    FocusValues out = new FocusValues();
    accounts(line, out);
    costs(line, out);
    charge(line, out);
    pricing(line, out);
    commitment(line, out);
    resource(line, out);
    serviceAndSku(line, out);
    out.lineage(PROVIDER, line.periodStart);
    awsDetails(line, out);
    List<Parse.Reason> reasons = errors(line.periodStart, line.currency);
    out.put(FocusColumn.x_DataQuality, Parse.issues(reasons));

    List<Column> columns = out.columns();
    columns.add(Parse.errors(reasons).as(MappedFrame.ERRORS));
    columns.add(line.billed.as(MappedFrame.COST_IN));
    columns.add(
        coalesce(
                exact(CurField.LINE_ITEM_NET_UNBLENDED_COST),
                exact(CurField.LINE_ITEM_UNBLENDED_COST))
            .as(MappedFrame.COST_EXACT));
    for (CurField field : CurField.values()) {
      columns.add(col(field.rawName()));
    }
    columns.addAll(unusedAmounts(line));
    return columns.toArray(new Column[0]);
  }

  /** Who is billed, for which period, in which currency, and by whom. */
  private static void accounts(CurLine line, FocusValues out) {
    out.put(FocusColumn.BillingAccountId, t(CurField.BILL_PAYER_ACCOUNT_ID));
    out.put(FocusColumn.BillingAccountName, t(CurField.BILL_PAYER_ACCOUNT_NAME));
    out.put(FocusColumn.BillingAccountType, lit("Billing Account"));
    out.put(FocusColumn.BillingCurrency, line.currency);
    out.put(FocusColumn.BillingPeriodEnd, time(CurField.BILL_BILLING_PERIOD_END_DATE));
    out.put(FocusColumn.BillingPeriodStart, line.periodStart);
    out.put(FocusColumn.InvoiceId, t(CurField.BILL_INVOICE_ID));
    out.put(FocusColumn.InvoiceIssuerName, invoiceIssuer(t(CurField.BILL_INVOICING_ENTITY)));
    out.subAccount(
        t(CurField.LINE_ITEM_USAGE_ACCOUNT_ID),
        t(CurField.LINE_ITEM_USAGE_ACCOUNT_NAME),
        "Linked Account");
    out.put(FocusColumn.ProviderName, lit("AWS"));
    out.put(
        FocusColumn.PublisherName,
        when(
                t(CurField.BILL_BILLING_ENTITY).equalTo(lit("AWS Marketplace")),
                coalesce(t(CurField.LINE_ITEM_LEGAL_ENTITY), lit("AWS Marketplace")))
            .otherwise(lit("AWS")));
    out.put(FocusColumn.HostProviderName, lit("AWS"));
    out.put(FocusColumn.ServiceProviderName, lit("AWS"));
  }

  /**
   * FOCUS names organizations, and its rules tell a third party's invoice by an issuer that is not
   * the provider: an invoice from any of AWS's own legal entities ("Amazon Web Services, Inc.",
   * "Amazon Web Services EMEA SARL", AISPL's "Amazon Internet Services ...") is AWS's, as in AWS's
   * own FOCUS export. Any other issuer is kept as written.
   */
  static Column invoiceIssuer(Column invoicingEntity) {
    return when(invoicingEntity.isNull().or(invoicingEntity.rlike("^(Amazon|AWS)\\b")), lit("AWS"))
        .otherwise(invoicingEntity);
  }

  /** Billed, effective, list and contracted cost (see the class comment for the rules). */
  private static void costs(CurLine line, FocusValues out) {
    Column effective =
        when(
                line.is(AwsLineItemType.SAVINGS_PLAN_COVERED_USAGE),
                coalesce(
                    money(CurField.SAVINGS_PLAN_NET_SAVINGS_PLAN_EFFECTIVE_COST),
                    money(CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST),
                    zero()))
            .when(
                line.is(AwsLineItemType.DISCOUNTED_USAGE),
                coalesce(
                    money(CurField.RESERVATION_NET_EFFECTIVE_COST),
                    money(CurField.RESERVATION_EFFECTIVE_COST),
                    zero()))
            .when(line.isNegation.or(line.commitmentPurchase), zero())
            .when(line.isDiscount.and(line.hasNet), zero())
            .otherwise(line.billed);
    Column listCost =
        when(line.isNegation.or(line.isDiscount), zero())
            .when(
                line.isTax.or(line.isCredit).or(line.isRefund).or(line.commitmentPurchase),
                line.billed)
            .otherwise(
                coalesce(
                    money(CurField.PRICING_PUBLIC_ON_DEMAND_COST),
                    listUnitPrice(line)
                        .multiply(line.usageAmount)
                        .cast(ColumnType.MONEY.sparkType()),
                    line.billed));
    out.put(FocusColumn.BilledCost, line.billed);
    out.put(FocusColumn.EffectiveCost, effective);
    out.put(FocusColumn.ListCost, listCost);
    out.put(
        FocusColumn.ContractedCost,
        when(line.is(AwsLineItemType.DISCOUNTED_USAGE), listCost)
            .when(line.isNegation, zero())
            .otherwise(line.billed));
  }

  private static Column listUnitPrice(CurLine line) {
    return when(line.isTax.or(line.isCredit).or(line.isDiscount), lit(null))
        // The negation's cost is at no price: its list and contracted cost are 0.
        .when(line.isNegation, lit(BigDecimal.ZERO))
        // A commitment's fee is its list price: AWS sells RIs and Savings Plans at one rate.
        .when(line.isFee, feePrice(line))
        .otherwise(rate(CurField.PRICING_PUBLIC_ON_DEMAND_RATE));
  }

  /** A fee's rate, else (an upfront fee has none) its cost over its quantity. */
  private static Column feePrice(CurLine line) {
    return coalesce(
        feeRate(),
        when(line.usageAmount.notEqual(lit(BigDecimal.ZERO)), line.billed.divide(line.usageAmount))
            .cast(ColumnType.UNIT_PRICE.sparkType()));
  }

  private static Column feeRate() {
    return coalesce(
        rate(CurField.LINE_ITEM_NET_UNBLENDED_RATE), rate(CurField.LINE_ITEM_UNBLENDED_RATE));
  }

  /** Charge category, class, frequency, period and description, from the line item type. */
  private static void charge(CurLine line, FocusValues out) {
    out.put(
        FocusColumn.ChargeCategory,
        when(line.isTax, lit("Tax"))
            .when(line.isCredit, lit("Credit"))
            .when(line.isRefund.and(line.commitmentId.isNotNull()), lit("Purchase"))
            .when(line.isRefund.and(t(CurField.LINE_ITEM_TAX_TYPE).isNotNull()), lit("Tax"))
            .when(line.isRefund, lit("Usage"))
            .when(line.isFee, lit("Purchase"))
            // A negotiated discount delivered as its own line is a reduction the provider grants,
            // not usage of a SKU: AWS's FOCUS export applies it on the usage rows instead (their
            // net cost, which BilledCost already is when the report has net columns).
            .when(line.isDiscount, lit("Credit"))
            .when(line.usageBased, lit("Usage"))
            .otherwise(lit("Adjustment")));
    out.put(
        FocusColumn.ChargeClass,
        when(
            line.isRefund.or(line.isCredit).and(line.chargeStart.lt(line.periodStart)),
            lit("Correction")));
    out.put(FocusColumn.ChargeDescription, t(CurField.LINE_ITEM_LINE_ITEM_DESCRIPTION));
    out.put(
        FocusColumn.ChargeFrequency,
        when(line.usageBased, lit("Usage-Based"))
            .when(
                line.is(AwsLineItemType.RI_FEE)
                    .or(line.is(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE)),
                lit("Recurring"))
            .when(line.prepaidFee, lit("One-Time"))
            .when(
                line.is(AwsLineItemType.FEE),
                when(t(CurField.BILL_BILL_TYPE).equalTo(lit("Purchase")), lit("One-Time"))
                    .otherwise(lit("Recurring")))
            .when(line.isTax, lit("Recurring"))
            .otherwise(lit("One-Time")));
    // FOCUS: a pre-paying purchase's charge period is the commitment term, which CUR gives in
    // the reservation / savingsPlan start and end columns rather than on the fee's usage dates.
    Column termStart =
        Parse.timestamp(
            coalesce(t(CurField.RESERVATION_START_TIME), t(CurField.SAVINGS_PLAN_START_TIME)));
    Column termEnd =
        Parse.timestamp(
            coalesce(t(CurField.RESERVATION_END_TIME), t(CurField.SAVINGS_PLAN_END_TIME)));
    Column hasTerm = line.prepaidFee.and(termStart.isNotNull()).and(termEnd.gt(termStart));
    out.put(
        FocusColumn.ChargePeriodEnd,
        when(hasTerm, termEnd).otherwise(time(CurField.LINE_ITEM_USAGE_END_DATE)));
    out.put(FocusColumn.ChargePeriodStart, when(hasTerm, termStart).otherwise(line.chargeStart));
  }

  /** Pricing category, quantities, units and unit prices, in billing and pricing currency. */
  private static void pricing(CurLine line, FocusValues out) {
    Column spot =
        t(CurField.LINE_ITEM_USAGE_TYPE)
            .contains("SpotUsage")
            .or(t(CurField.PRICING_TERM).equalTo(lit("Spot")));
    Column usage = line.is(AwsLineItemType.USAGE);
    out.put(
        FocusColumn.PricingCategory,
        when(line.isTax.or(line.isCredit).or(line.isDiscount), lit(null).cast("string"))
            .when(in(line.type, COMMITTED_USAGE), lit("Committed"))
            .when(line.isFee, lit("Standard"))
            .when(usage.and(spot), lit("Dynamic"))
            .when(usage, lit("Standard"))
            .when(line.isRefund, lit("Other")));
    // The negation consumes nothing: the covered usage row carries the consumption.
    Column consumedQuantity =
        when(in(line.type, CONSUMPTION), line.usageAmount)
            .when(line.isNegation, lit(BigDecimal.ZERO));
    Column pricingQuantity =
        when(line.isTax.or(line.isCredit).or(line.isDiscount), lit(null))
            .otherwise(line.usageAmount);
    out.put(FocusColumn.ConsumedQuantity, consumedQuantity);
    out.put(FocusColumn.ConsumedUnit, when(consumedQuantity.isNotNull(), line.unit));
    out.put(FocusColumn.PricingQuantity, pricingQuantity);
    out.put(FocusColumn.PricingUnit, when(pricingQuantity.isNotNull(), line.unit));
    Column listUnitPrice = listUnitPrice(line);
    Column contractedUnitPrice =
        when(line.isTax.or(line.isCredit).or(line.isDiscount), lit(null))
            .when(
                line.is(AwsLineItemType.DISCOUNTED_USAGE).or(line.isNegation).or(line.isFee),
                listUnitPrice)
            .otherwise(feeRate());
    out.put(FocusColumn.ListUnitPrice, listUnitPrice);
    out.put(FocusColumn.ContractedUnitPrice, contractedUnitPrice);
    Column pricingCurrency = coalesce(t(CurField.PRICING_CURRENCY), line.currency);
    Column samePricingCurrency = pricingCurrency.equalTo(line.currency);
    out.put(FocusColumn.PricingCurrency, pricingCurrency);
    out.put(
        FocusColumn.PricingCurrencyContractedUnitPrice,
        when(samePricingCurrency, contractedUnitPrice));
    out.put(
        FocusColumn.PricingCurrencyEffectiveCost,
        when(samePricingCurrency, out.get(FocusColumn.EffectiveCost)));
    out.put(FocusColumn.PricingCurrencyListUnitPrice, when(samePricingCurrency, listUnitPrice));
  }

  /** The RI or Savings Plan a row uses or buys, and how much of it. */
  private static void commitment(CurLine line, FocusValues out) {
    Column commitmentId = line.commitmentId;
    Column commitmentQuantity =
        when(commitmentId.isNull(), lit(null))
            .when(
                line.is(AwsLineItemType.SAVINGS_PLAN_COVERED_USAGE),
                money(CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST))
            .when(line.isNegation, zero())
            .when(
                line.is(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE)
                    .or(line.is(AwsLineItemType.SAVINGS_PLAN_UPFRONT_FEE)),
                line.unblended)
            .when(
                line.prepaidFee,
                coalesce(quantity(CurField.RESERVATION_NUMBER_OF_RESERVATIONS), line.usageAmount))
            .otherwise(line.usageAmount);
    out.put(
        FocusColumn.CommitmentDiscountCategory,
        when(
            commitmentId.isNotNull(),
            when(line.isSavingsPlan, lit("Spend")).otherwise(lit("Usage"))));
    out.put(FocusColumn.CommitmentDiscountId, commitmentId);
    out.put(FocusColumn.CommitmentDiscountName, regexp_extract(commitmentId, "([^/:]+)$", 1));
    out.put(FocusColumn.CommitmentDiscountQuantity, commitmentQuantity);
    out.put(
        FocusColumn.CommitmentDiscountStatus,
        when(commitmentId.isNotNull().and(in(line.type, COMMITTED_USAGE)), lit("Used")));
    out.put(
        FocusColumn.CommitmentDiscountType,
        when(
            commitmentId.isNotNull(),
            when(line.isSavingsPlan, lit("Savings Plan")).otherwise(lit("Reserved Instance"))));
    out.put(
        FocusColumn.CommitmentDiscountUnit,
        when(commitmentQuantity.isNull(), lit(null))
            .when(line.isSavingsPlan, line.currency)
            .when(
                line.prepaidFee.and(
                    quantity(CurField.RESERVATION_NUMBER_OF_RESERVATIONS).isNotNull()),
                lit("Reservations"))
            .otherwise(coalesce(line.unit, lit(AwsUnits.HOURS))));
  }

  /** The resource (the commitment itself on commitment purchases), its name, type and place. */
  private void resource(CurLine line, FocusValues out) {
    Column resourceId =
        when(line.commitmentPurchase, line.commitmentId)
            .otherwise(t(CurField.LINE_ITEM_RESOURCE_ID));
    Column tags = normalizedTags(col(CurRawSchema.RESOURCE_TAGS));
    out.put(FocusColumn.ResourceId, resourceId);
    out.put(
        FocusColumn.ResourceName,
        when(
            resourceId.isNotNull(),
            coalesce(element_at(tags, lit("Name")), element_at(tags, lit("name")))));
    out.put(
        FocusColumn.ResourceType,
        resourceType(resourceId, line.commitmentPurchase, line.isSavingsPlan, serviceName(line)));
    out.put(FocusColumn.Tags, tags);
    out.put(FocusColumn.AvailabilityZone, t(CurField.LINE_ITEM_AVAILABILITY_ZONE));
    Column regionId = coalesce(t(CurField.PRODUCT_REGION_CODE), t(CurField.PRODUCT_REGION));
    out.put(FocusColumn.RegionId, regionId);
    out.put(
        FocusColumn.RegionName,
        when(regionId.isNotNull(), coalesce(t(CurField.PRODUCT_LOCATION), regionId)));
  }

  private Column serviceName(CurLine line) {
    return services.nameOf(line.productCode, t(CurField.PRODUCT_PRODUCT_NAME));
  }

  /** Service and SKU. FOCUS: SkuMeter is null where SkuId is; SkuPriceId MAY equal SkuId. */
  private void serviceAndSku(CurLine line, FocusValues out) {
    out.put(FocusColumn.ServiceCategory, services.categoryOf(line.productCode));
    out.put(FocusColumn.ServiceName, serviceName(line));
    out.put(FocusColumn.ServiceSubcategory, services.subcategoryOf(line.productCode));
    Column skuId = when(line.isTax, lit(null)).otherwise(t(CurField.PRODUCT_SKU));
    out.put(FocusColumn.SkuId, skuId);
    out.put(FocusColumn.SkuMeter, when(skuId.isNotNull(), t(CurField.LINE_ITEM_USAGE_TYPE)));
    out.put(
        FocusColumn.SkuPriceId,
        when(line.isTax, lit(null))
            .otherwise(
                coalesce(t(CurField.PRICING_RATE_CODE), t(CurField.PRICING_RATE_ID), skuId)));
  }

  /** AWS's own words for the charge, and its amounts before negotiated discounts. */
  private static void awsDetails(CurLine line, FocusValues out) {
    Column grossEffective =
        when(
                line.is(AwsLineItemType.SAVINGS_PLAN_COVERED_USAGE),
                coalesce(money(CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST), zero()))
            .when(
                line.is(AwsLineItemType.DISCOUNTED_USAGE),
                coalesce(money(CurField.RESERVATION_EFFECTIVE_COST), zero()))
            .when(line.isNegation.or(line.commitmentPurchase), zero())
            .otherwise(line.unblended);
    out.put(FocusColumn.x_ChargeType, line.type);
    out.put(FocusColumn.x_ServiceCode, line.productCode);
    out.put(FocusColumn.x_UsageType, t(CurField.LINE_ITEM_USAGE_TYPE));
    out.put(FocusColumn.x_Operation, t(CurField.LINE_ITEM_OPERATION));
    out.put(FocusColumn.x_GrossCost, line.unblended);
    out.put(FocusColumn.x_GrossEffectiveCost, grossEffective);
    out.put(FocusColumn.x_CostCategories, col(CurRawSchema.COST_CATEGORY));
    out.put(FocusColumn.x_RawTags, col(CurRawSchema.RESOURCE_TAGS));
  }

  /** The hidden amounts {@link #unusedCommitments} turns into rows of their own. */
  private static List<Column> unusedAmounts(CurLine line) {
    Column riFee = line.is(AwsLineItemType.RI_FEE);
    Column spFee = line.is(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE);
    Column unusedCost =
        when(
                riFee,
                Decimals.plus(
                    coalesce(
                        money(
                            CurField
                                .RESERVATION_NET_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD),
                        money(CurField.RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD),
                        zero()),
                    coalesce(
                        money(CurField.RESERVATION_NET_UNUSED_RECURRING_FEE),
                        money(CurField.RESERVATION_UNUSED_RECURRING_FEE),
                        zero())))
            .when(spFee, unusedSavingsPlan());
    Column unusedCostGross =
        when(
                riFee,
                Decimals.plus(
                    coalesce(
                        money(CurField.RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD),
                        zero()),
                    coalesce(money(CurField.RESERVATION_UNUSED_RECURRING_FEE), zero())))
            .when(spFee, unusedSavingsPlan());
    return List.of(
        unusedCost.cast(ColumnType.MONEY.sparkType()).as(UNUSED_COST),
        unusedCostGross.cast(ColumnType.MONEY.sparkType()).as(UNUSED_COST_GROSS),
        when(riFee, quantity(CurField.RESERVATION_UNUSED_QUANTITY))
            .when(spFee, unusedSavingsPlan())
            .cast(ColumnType.QUANTITY.sparkType())
            .as(UNUSED_QUANTITY),
        when(riFee, coalesce(line.unit, lit(AwsUnits.HOURS)))
            .when(spFee, line.currency)
            .as(UNUSED_UNIT));
  }

  private static Column unusedSavingsPlan() {
    return Decimals.minus(
        coalesce(money(CurField.SAVINGS_PLAN_TOTAL_COMMITMENT_TO_DATE), zero()),
        coalesce(money(CurField.SAVINGS_PLAN_USED_COMMITMENT), zero()));
  }

  /**
   * ResourceType is required when ResourceId is set: the commitment kind on commitment rows, the
   * type in an ARN ({@code arn:aws:ec2:...:instance/i-1} gives {@code instance}), else the product
   * family or the service.
   */
  private static Column resourceType(
      Column resourceId, Column commitmentPurchase, Column isSavingsPlan, Column serviceName) {
    Column arnType = regexp_extract(resourceId, "^arn:[^:]*:[^:]*:[^:]*:[^:]*:([^/:]+)", 1);
    return when(resourceId.isNull(), lit(null))
        .when(
            commitmentPurchase,
            when(isSavingsPlan, lit("Savings Plan")).otherwise(lit("Reserved Instance")))
        .when(arnType.notEqual(lit("")), arnType)
        .otherwise(coalesce(t(CurField.PRODUCT_PRODUCT_FAMILY), serviceName));
  }

  /**
   * FOCUS Tags: user tags without their {@code user:} prefix, AWS tags keep {@code aws:}. Athena
   * and CUR 2.0 spell them {@code user_x} and {@code aws_x}.
   */
  static Column normalizedTags(Column rawTags) {
    return expr(
        "transform_keys("
            + rawTags.toString()
            + ", (k, v) -> CASE"
            + " WHEN startswith(k, 'user:') OR startswith(k, 'user_') THEN substr(k, 6)"
            + " WHEN startswith(k, 'aws_') THEN concat('aws:', substr(k, 5))"
            + " ELSE k END)");
  }

  private List<Parse.Reason> errors(Column periodStart, Column currency) {
    List<Parse.Reason> reasons = new ArrayList<>();
    reasons.add(Parse.readerError());
    for (CurField field : REQUIRED_VALUES) {
      reasons.add(Parse.missing(t(field), field.curName()));
    }
    for (CurField field : MONEY_FIELDS) {
      Parse.Reason invalid = Parse.invalid(t(field), money(field), field.curName(), "number");
      // A public price does not cost the row (ListCost falls back to the billed cost).
      reasons.add(field == CurField.PRICING_PUBLIC_ON_DEMAND_COST ? invalid.landing() : invalid);
    }
    // Rates and quantities price the row; its cost is in the cost columns: the row lands.
    for (CurField field : RATE_FIELDS) {
      reasons.add(Parse.invalid(t(field), rate(field), field.curName(), "number").landing());
    }
    for (CurField field : QUANTITY_FIELDS) {
      reasons.add(Parse.invalid(t(field), quantity(field), field.curName(), "number").landing());
    }
    for (CurField field : TIME_FIELDS) {
      reasons.add(Parse.invalid(t(field), time(field), field.curName(), "timestamp"));
    }
    reasons.add(Parse.unknownCurrency(currency, CurField.LINE_ITEM_CURRENCY_CODE.curName()));
    Column periodEnd = time(CurField.BILL_BILLING_PERIOD_END_DATE);
    reasons.add(
        Parse.errorWhen(
            periodEnd.leq(periodStart),
            CurField.BILL_BILLING_PERIOD_END_DATE.curName(),
            "INVALID_PERIOD",
            lit("the billing period ends before it starts"),
            t(CurField.BILL_BILLING_PERIOD_END_DATE)));
    return reasons;
  }

  /** SHA-256 over every field as read, so identical source lines hash alike across files. */
  private static Column recordHash() {
    List<Column> parts = new ArrayList<>();
    for (CurField field : CurField.values()) {
      parts.add(col(field.rawName()));
    }
    parts.add(to_json(col(CurRawSchema.RESOURCE_TAGS)));
    parts.add(to_json(col(CurRawSchema.COST_CATEGORY)));
    return FocusValues.recordHash(parts);
  }

  /** The record's non-empty fields under their CUR 1.0 names, for quarantine rows. */
  private static Column rawRecord() {
    Map<String, Column> fields = new LinkedHashMap<>();
    for (CurField field : CurField.values()) {
      fields.put(field.curName(), col(field.rawName()));
    }
    return FocusValues.sourceRecord(fields);
  }

  /**
   * The unused part of each RIFee and SavingsPlanRecurringFee as its own row (FOCUS pitfall 1):
   * Usage, Committed, Unused, BilledCost 0, EffectiveCost the unused amount, ResourceId the
   * commitment. Only good fee rows with a non-zero unused amount give one.
   */
  public static Dataset<Row> unusedCommitments(Dataset<Row> mapped) {
    Dataset<Row> fees =
        mapped.filter(
            MappedFrame.isGood()
                .and(col(UNUSED_COST).isNotNull())
                .and(col(UNUSED_COST).notEqual(lit(ZERO))));
    Column unused = col(UNUSED_COST);
    Map<FocusColumn, Column> overrides = new EnumMap<>(FocusColumn.class);
    overrides.put(FocusColumn.ChargeCategory, lit("Usage"));
    overrides.put(FocusColumn.ChargeClass, lit(null));
    overrides.put(FocusColumn.ChargeFrequency, lit("Usage-Based"));
    overrides.put(FocusColumn.PricingCategory, lit("Committed"));
    overrides.put(FocusColumn.CommitmentDiscountStatus, lit("Unused"));
    overrides.put(FocusColumn.CommitmentDiscountQuantity, col(UNUSED_QUANTITY));
    overrides.put(FocusColumn.CommitmentDiscountUnit, col(UNUSED_UNIT));
    overrides.put(FocusColumn.BilledCost, zero());
    overrides.put(EffectiveCost, unused);
    overrides.put(FocusColumn.ListCost, unused);
    overrides.put(FocusColumn.ContractedCost, unused);
    // Priced as the fee it is part of: the unused amount over the unused quantity.
    Column unitPrice =
        when(
                col(UNUSED_QUANTITY).notEqual(lit(BigDecimal.ZERO)),
                unused.divide(col(UNUSED_QUANTITY)))
            .cast(ColumnType.UNIT_PRICE.sparkType());
    Column samePricingCurrency = PricingCurrency.col().equalTo(BillingCurrency.col());
    overrides.put(FocusColumn.ListUnitPrice, unitPrice);
    overrides.put(FocusColumn.ContractedUnitPrice, unitPrice);
    overrides.put(
        FocusColumn.PricingCurrencyContractedUnitPrice, when(samePricingCurrency, unitPrice));
    overrides.put(FocusColumn.PricingCurrencyListUnitPrice, when(samePricingCurrency, unitPrice));
    overrides.put(
        FocusColumn.PricingCurrencyEffectiveCost,
        when(PricingCurrency.col().equalTo(BillingCurrency.col()), unused));
    overrides.put(FocusColumn.ConsumedQuantity, lit(null));
    overrides.put(FocusColumn.ConsumedUnit, lit(null));
    overrides.put(FocusColumn.PricingQuantity, col(UNUSED_QUANTITY));
    overrides.put(FocusColumn.PricingUnit, col(UNUSED_UNIT));
    overrides.put(FocusColumn.ResourceId, CommitmentDiscountId.col());
    overrides.put(
        FocusColumn.ChargeDescription,
        concat(
            lit("Unused "), CommitmentDiscountType.col(), lit(" "), CommitmentDiscountName.col()));
    overrides.put(FocusColumn.x_GrossCost, zero());
    overrides.put(FocusColumn.x_GrossEffectiveCost, col(UNUSED_COST_GROSS));
    overrides.put(x_RowOrigin, RowOrigin.UNUSED_COMMITMENT.lit());
    overrides.put(
        x_RecordHash,
        sha2(concat(x_RecordHash.col(), lit(":" + RowOrigin.UNUSED_COMMITMENT.value())), 256));
    List<Column> columns = FocusValues.derived(overrides);
    columns.add(col(MappedFrame.ERRORS));
    columns.add(zero().as(MappedFrame.COST_IN));
    columns.add(col(MappedFrame.RAW_RECORD));
    return fees.select(columns.toArray(new Column[0]));
  }

  /** The raw rows that can leave unused commitment: RIFee and SavingsPlanRecurringFee. */
  public static Dataset<Row> commitmentFees(Dataset<Row> rawRows) {
    return rawRows.filter(
        Parse.text(col(CurField.LINE_ITEM_LINE_ITEM_TYPE.rawName()))
            .isin(
                AwsLineItemType.RI_FEE.value(),
                AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE.value()));
  }

  static List<Column> unusedColumns() {
    return List.of(
        col(UNUSED_COST), col(UNUSED_COST_GROSS), col(UNUSED_QUANTITY), col(UNUSED_UNIT));
  }

  static Column chargeSpan() {
    return ChargePeriodEnd.col().minus(ChargePeriodStart.col());
  }

  static Column billedOf() {
    return BilledCost.col();
  }

  static Column accountOf() {
    return BillingAccountId.col();
  }

  static Column periodEndOf() {
    return BillingPeriodEnd.col();
  }

  static Column periodStartOf() {
    return BillingPeriodStart.col();
  }
}
