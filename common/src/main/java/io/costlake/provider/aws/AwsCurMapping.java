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
import static io.costlake.provider.aws.AwsLineItemType.COMMITMENT_FEES;
import static io.costlake.provider.aws.AwsLineItemType.COMMITMENT_ROWS;
import static io.costlake.provider.aws.AwsLineItemType.COMMITTED_USAGE;
import static io.costlake.provider.aws.AwsLineItemType.CONSUMPTION;
import static io.costlake.provider.aws.AwsLineItemType.DISCOUNTS;
import static io.costlake.provider.aws.AwsLineItemType.in;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import io.costlake.focus.Currencies;
import io.costlake.focus.ServiceCatalog;
import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.Parse;
import io.costlake.ingest.RawFrame;
import io.costlake.model.ColumnType;
import io.costlake.model.CostLineItems;
import io.costlake.model.FocusColumn;
import io.costlake.model.RowOrigin;
import io.costlake.spark.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
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
 * <p>A row is rejected (see {@link MappedFrame#ERRORS}) when a required value is missing, a number
 * or time does not parse, the currency is not ISO 4217, or the billing period is empty.
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
    List<Column> columns = new ArrayList<>();
    for (String meta :
        List.of(
            RawFrame.SOURCE_FILE,
            RawFrame.SOURCE_ROW,
            RawFrame.CONTRACT,
            RawFrame.ROW_ERROR_CODE,
            RawFrame.ROW_ERROR_COLUMN,
            RawFrame.ROW_ERROR_VALUE,
            CurRawSchema.RESOURCE_TAGS,
            CurRawSchema.COST_CATEGORY,
            CurRawSchema.NET_COLUMNS)) {
      columns.add(col(meta));
    }
    return columns;
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
    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      columns.add(column.col());
    }
    columns.add(col(MappedFrame.ERRORS));
    columns.add(col(MappedFrame.COST_IN));
    columns.add(col(MappedFrame.COST_EXACT));
    columns.add(when(MappedFrame.isBad(), rawRecord()).as(MappedFrame.RAW_RECORD));
    for (String hidden : List.of(UNUSED_COST, UNUSED_COST_GROSS, UNUSED_QUANTITY, UNUSED_UNIT)) {
      columns.add(col(hidden));
    }
    return columns.toArray(new Column[0]);
  }

  private static Column t(CurField field) {
    return col(CLEAN + field.rawName());
  }

  private static Column parsed(CurField field, ColumnType type) {
    if (PARSED.get(field) != type) {
      throw new IllegalStateException(field + " is not parsed as " + type);
    }
    return col(PARSED_PREFIX + field.rawName());
  }

  private static Column money(CurField field) {
    return parsed(field, ColumnType.MONEY);
  }

  /** The amount to 24 decimals, to tell what rounding it to the table's scale takes away. */
  private static Column exact(CurField field) {
    return t(field).cast(MappedFrame.EXACT);
  }

  private static Column rate(CurField field) {
    return parsed(field, ColumnType.UNIT_PRICE);
  }

  private static Column quantity(CurField field) {
    return parsed(field, ColumnType.QUANTITY);
  }

  private static Column time(CurField field) {
    return parsed(field, ColumnType.TIMESTAMP);
  }

  private static Column zero() {
    return lit(ZERO).cast(ColumnType.MONEY.sparkType());
  }

  /** Stage 2: the FOCUS columns, the errors, and the hidden unused-commitment amounts. */
  private Column[] focusColumns() {
    Column type = t(CurField.LINE_ITEM_LINE_ITEM_TYPE);
    Column hasNet = coalesce(col(CurRawSchema.NET_COLUMNS), lit(false));
    Column unblended = money(CurField.LINE_ITEM_UNBLENDED_COST);
    Column billed = coalesce(money(CurField.LINE_ITEM_NET_UNBLENDED_COST), unblended);
    Column riArn = t(CurField.RESERVATION_RESERVATION_A_R_N);
    Column spArn = t(CurField.SAVINGS_PLAN_SAVINGS_PLAN_A_R_N);
    Column commitmentId = when(in(type, COMMITMENT_ROWS), coalesce(spArn, riArn));
    Column isSavingsPlan = commitmentId.isNotNull().and(spArn.isNotNull());
    Column prepaidFee =
        AwsLineItemType.FEE
            .is(type)
            .and(riArn.isNotNull())
            .or(AwsLineItemType.SAVINGS_PLAN_UPFRONT_FEE.is(type));
    Column commitmentPurchase = in(type, COMMITMENT_FEES).or(prepaidFee);
    Column isTax = AwsLineItemType.TAX.is(type);
    Column isCredit = AwsLineItemType.CREDIT.is(type);
    Column isRefund = AwsLineItemType.REFUND.is(type);
    Column isDiscount = in(type, DISCOUNTS);
    Column currency = t(CurField.LINE_ITEM_CURRENCY_CODE);
    Column usageAmount = quantity(CurField.LINE_ITEM_USAGE_AMOUNT);
    Column productCode = t(CurField.LINE_ITEM_PRODUCT_CODE);
    Column chargeStart = time(CurField.LINE_ITEM_USAGE_START_DATE);
    Column periodStart = time(CurField.BILL_BILLING_PERIOD_START_DATE);

    Column effective =
        when(
                AwsLineItemType.SAVINGS_PLAN_COVERED_USAGE.is(type),
                coalesce(
                    money(CurField.SAVINGS_PLAN_NET_SAVINGS_PLAN_EFFECTIVE_COST),
                    money(CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST),
                    zero()))
            .when(
                AwsLineItemType.DISCOUNTED_USAGE.is(type),
                coalesce(
                    money(CurField.RESERVATION_NET_EFFECTIVE_COST),
                    money(CurField.RESERVATION_EFFECTIVE_COST),
                    zero()))
            .when(AwsLineItemType.SAVINGS_PLAN_NEGATION.is(type).or(commitmentPurchase), zero())
            .when(isDiscount.and(hasNet), zero())
            .otherwise(billed);
    Column grossEffective =
        when(
                AwsLineItemType.SAVINGS_PLAN_COVERED_USAGE.is(type),
                coalesce(money(CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST), zero()))
            .when(
                AwsLineItemType.DISCOUNTED_USAGE.is(type),
                coalesce(money(CurField.RESERVATION_EFFECTIVE_COST), zero()))
            .when(AwsLineItemType.SAVINGS_PLAN_NEGATION.is(type).or(commitmentPurchase), zero())
            .otherwise(unblended);

    Column chargeCategory =
        when(isTax, lit("Tax"))
            .when(isCredit, lit("Credit"))
            .when(isRefund.and(commitmentId.isNotNull()), lit("Purchase"))
            .when(isRefund.and(t(CurField.LINE_ITEM_TAX_TYPE).isNotNull()), lit("Tax"))
            .when(isRefund, lit("Usage"))
            .when(commitmentPurchase.or(AwsLineItemType.FEE.is(type)), lit("Purchase"))
            .when(
                in(type, CONSUMPTION)
                    .or(AwsLineItemType.SAVINGS_PLAN_NEGATION.is(type))
                    .or(isDiscount),
                lit("Usage"))
            .otherwise(lit("Adjustment"));
    Column chargeFrequency =
        when(
                in(type, CONSUMPTION)
                    .or(AwsLineItemType.SAVINGS_PLAN_NEGATION.is(type))
                    .or(isDiscount),
                lit("Usage-Based"))
            .when(
                AwsLineItemType.RI_FEE
                    .is(type)
                    .or(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE.is(type)),
                lit("Recurring"))
            .when(prepaidFee, lit("One-Time"))
            .when(
                AwsLineItemType.FEE.is(type),
                when(t(CurField.BILL_BILL_TYPE).equalTo(lit("Purchase")), lit("One-Time"))
                    .otherwise(lit("Recurring")))
            .when(isTax, lit("Recurring"))
            .otherwise(lit("One-Time"));
    Column spot =
        t(CurField.LINE_ITEM_USAGE_TYPE)
            .contains("SpotUsage")
            .or(t(CurField.PRICING_TERM).equalTo(lit("Spot")));
    Column pricingCategory =
        when(isTax.or(isCredit), lit(null).cast("string"))
            .when(in(type, COMMITTED_USAGE), lit("Committed"))
            .when(commitmentPurchase.or(AwsLineItemType.FEE.is(type)), lit("Standard"))
            .when(AwsLineItemType.USAGE.is(type).and(spot), lit("Dynamic"))
            .when(AwsLineItemType.USAGE.is(type), lit("Standard"))
            .when(isDiscount.or(isRefund), lit("Other"));
    Column chargeClass =
        when(isRefund.or(isCredit).and(chargeStart.lt(periodStart)), lit("Correction"));

    Column consumedQuantity = when(in(type, CONSUMPTION), usageAmount);
    Column pricingQuantity = when(isTax.or(isCredit), lit(null)).otherwise(usageAmount);
    Column unit = t(CurField.PRICING_UNIT);
    Column listUnitPrice =
        when(isTax.or(isCredit), lit(null)).otherwise(rate(CurField.PRICING_PUBLIC_ON_DEMAND_RATE));
    Column listCost =
        when(AwsLineItemType.SAVINGS_PLAN_NEGATION.is(type).or(isDiscount), zero())
            .when(isTax.or(isCredit).or(isRefund).or(commitmentPurchase), billed)
            .otherwise(
                coalesce(
                    money(CurField.PRICING_PUBLIC_ON_DEMAND_COST),
                    listUnitPrice.multiply(usageAmount).cast(ColumnType.MONEY.sparkType()),
                    billed));
    Column contractedUnitPrice =
        when(isTax.or(isCredit), lit(null))
            .when(AwsLineItemType.DISCOUNTED_USAGE.is(type), listUnitPrice)
            .otherwise(
                coalesce(
                    rate(CurField.LINE_ITEM_NET_UNBLENDED_RATE),
                    rate(CurField.LINE_ITEM_UNBLENDED_RATE)));
    Column contractedCost =
        when(AwsLineItemType.DISCOUNTED_USAGE.is(type), listCost)
            .when(AwsLineItemType.SAVINGS_PLAN_NEGATION.is(type), zero())
            .otherwise(billed);

    Column commitmentQuantity =
        when(commitmentId.isNull(), lit(null))
            .when(
                AwsLineItemType.SAVINGS_PLAN_COVERED_USAGE.is(type),
                money(CurField.SAVINGS_PLAN_SAVINGS_PLAN_EFFECTIVE_COST))
            .when(AwsLineItemType.SAVINGS_PLAN_NEGATION.is(type), zero())
            .when(
                AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE
                    .is(type)
                    .or(AwsLineItemType.SAVINGS_PLAN_UPFRONT_FEE.is(type)),
                unblended)
            .when(
                prepaidFee,
                coalesce(quantity(CurField.RESERVATION_NUMBER_OF_RESERVATIONS), usageAmount))
            .otherwise(usageAmount);
    Column commitmentUnit =
        when(commitmentQuantity.isNull(), lit(null))
            .when(isSavingsPlan, currency)
            .when(
                prepaidFee.and(quantity(CurField.RESERVATION_NUMBER_OF_RESERVATIONS).isNotNull()),
                lit("Reservations"))
            .otherwise(coalesce(unit, lit("Hrs")));

    Column resourceId =
        when(commitmentPurchase, commitmentId).otherwise(t(CurField.LINE_ITEM_RESOURCE_ID));
    Column tags = normalizedTags(col(CurRawSchema.RESOURCE_TAGS));
    Column serviceName = coalesce(t(CurField.PRODUCT_PRODUCT_NAME), productCode);
    Column regionId = coalesce(t(CurField.PRODUCT_REGION_CODE), t(CurField.PRODUCT_REGION));
    Column pricingCurrency = coalesce(t(CurField.PRICING_CURRENCY), currency);
    Column samePricingCurrency = pricingCurrency.equalTo(currency);
    Column billingEntity = t(CurField.BILL_BILLING_ENTITY);

    Column unusedCost =
        when(
                AwsLineItemType.RI_FEE.is(type),
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
            .when(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE.is(type), unusedSavingsPlan());
    Column unusedCostGross =
        when(
                AwsLineItemType.RI_FEE.is(type),
                Decimals.plus(
                    coalesce(
                        money(CurField.RESERVATION_UNUSED_AMORTIZED_UPFRONT_FEE_FOR_BILLING_PERIOD),
                        zero()),
                    coalesce(money(CurField.RESERVATION_UNUSED_RECURRING_FEE), zero())))
            .when(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE.is(type), unusedSavingsPlan());

    Map<FocusColumn, Column> out = new EnumMap<>(FocusColumn.class);
    out.put(FocusColumn.AvailabilityZone, t(CurField.LINE_ITEM_AVAILABILITY_ZONE));
    out.put(FocusColumn.BilledCost, billed);
    out.put(FocusColumn.BillingAccountId, t(CurField.BILL_PAYER_ACCOUNT_ID));
    out.put(FocusColumn.BillingAccountName, t(CurField.BILL_PAYER_ACCOUNT_NAME));
    out.put(FocusColumn.BillingAccountType, lit("Billing Account"));
    out.put(FocusColumn.BillingCurrency, currency);
    out.put(FocusColumn.BillingPeriodEnd, time(CurField.BILL_BILLING_PERIOD_END_DATE));
    out.put(FocusColumn.BillingPeriodStart, periodStart);
    out.put(FocusColumn.ChargeCategory, chargeCategory);
    out.put(FocusColumn.ChargeClass, chargeClass);
    out.put(FocusColumn.ChargeDescription, t(CurField.LINE_ITEM_LINE_ITEM_DESCRIPTION));
    out.put(FocusColumn.ChargeFrequency, chargeFrequency);
    // FOCUS: a pre-paying purchase's charge period is the commitment term, which CUR gives in
    // the reservation / savingsPlan start and end columns rather than on the fee's usage dates.
    Column termStart =
        Parse.timestamp(
            coalesce(t(CurField.RESERVATION_START_TIME), t(CurField.SAVINGS_PLAN_START_TIME)));
    Column termEnd =
        Parse.timestamp(
            coalesce(t(CurField.RESERVATION_END_TIME), t(CurField.SAVINGS_PLAN_END_TIME)));
    Column hasTerm = prepaidFee.and(termStart.isNotNull()).and(termEnd.gt(termStart));
    out.put(
        FocusColumn.ChargePeriodEnd,
        when(hasTerm, termEnd).otherwise(time(CurField.LINE_ITEM_USAGE_END_DATE)));
    out.put(FocusColumn.ChargePeriodStart, when(hasTerm, termStart).otherwise(chargeStart));
    out.put(
        FocusColumn.CommitmentDiscountCategory,
        when(commitmentId.isNotNull(), when(isSavingsPlan, lit("Spend")).otherwise(lit("Usage"))));
    out.put(FocusColumn.CommitmentDiscountId, commitmentId);
    out.put(FocusColumn.CommitmentDiscountName, regexp_extract(commitmentId, "([^/:]+)$", 1));
    out.put(FocusColumn.CommitmentDiscountQuantity, commitmentQuantity);
    out.put(
        FocusColumn.CommitmentDiscountStatus,
        when(commitmentId.isNotNull().and(in(type, COMMITTED_USAGE)), lit("Used")));
    out.put(
        FocusColumn.CommitmentDiscountType,
        when(
            commitmentId.isNotNull(),
            when(isSavingsPlan, lit("Savings Plan")).otherwise(lit("Reserved Instance"))));
    out.put(FocusColumn.CommitmentDiscountUnit, commitmentUnit);
    out.put(FocusColumn.ConsumedQuantity, consumedQuantity);
    out.put(FocusColumn.ConsumedUnit, when(consumedQuantity.isNotNull(), unit));
    out.put(FocusColumn.ContractedCost, contractedCost);
    out.put(FocusColumn.ContractedUnitPrice, contractedUnitPrice);
    out.put(FocusColumn.EffectiveCost, effective);
    out.put(FocusColumn.InvoiceId, t(CurField.BILL_INVOICE_ID));
    out.put(
        FocusColumn.InvoiceIssuerName,
        coalesce(t(CurField.BILL_INVOICING_ENTITY), lit("Amazon Web Services")));
    out.put(FocusColumn.ListCost, listCost);
    out.put(FocusColumn.ListUnitPrice, listUnitPrice);
    out.put(FocusColumn.PricingCategory, pricingCategory);
    out.put(FocusColumn.PricingCurrency, pricingCurrency);
    out.put(
        FocusColumn.PricingCurrencyContractedUnitPrice,
        when(samePricingCurrency, contractedUnitPrice));
    out.put(FocusColumn.PricingCurrencyEffectiveCost, when(samePricingCurrency, effective));
    out.put(FocusColumn.PricingCurrencyListUnitPrice, when(samePricingCurrency, listUnitPrice));
    out.put(FocusColumn.PricingQuantity, pricingQuantity);
    out.put(FocusColumn.PricingUnit, when(pricingQuantity.isNotNull(), unit));
    out.put(FocusColumn.ProviderName, lit("AWS"));
    out.put(
        FocusColumn.PublisherName,
        when(
                billingEntity.equalTo(lit("AWS Marketplace")),
                coalesce(t(CurField.LINE_ITEM_LEGAL_ENTITY), lit("AWS Marketplace")))
            .otherwise(lit("AWS")));
    out.put(FocusColumn.RegionId, regionId);
    out.put(
        FocusColumn.RegionName,
        when(regionId.isNotNull(), coalesce(t(CurField.PRODUCT_LOCATION), regionId)));
    out.put(FocusColumn.ResourceId, resourceId);
    out.put(
        FocusColumn.ResourceName,
        when(
            resourceId.isNotNull(),
            coalesce(element_at(tags, lit("Name")), element_at(tags, lit("name")))));
    out.put(
        FocusColumn.ResourceType,
        resourceType(resourceId, commitmentPurchase, isSavingsPlan, serviceName));
    out.put(FocusColumn.ServiceCategory, services.categoryOf(productCode));
    out.put(FocusColumn.ServiceName, serviceName);
    out.put(FocusColumn.ServiceSubcategory, services.subcategoryOf(productCode));
    out.put(FocusColumn.SkuId, when(isTax, lit(null)).otherwise(t(CurField.PRODUCT_SKU)));
    // FOCUS: SkuMeter is null where SkuId is; SkuPriceId MAY equal SkuId when AWS has no rate.
    Column skuId = when(isTax, lit(null)).otherwise(t(CurField.PRODUCT_SKU));
    out.put(FocusColumn.SkuMeter, when(skuId.isNotNull(), t(CurField.LINE_ITEM_USAGE_TYPE)));
    out.put(
        FocusColumn.SkuPriceId,
        when(isTax, lit(null))
            .otherwise(
                coalesce(t(CurField.PRICING_RATE_CODE), t(CurField.PRICING_RATE_ID), skuId)));
    out.put(FocusColumn.SubAccountId, t(CurField.LINE_ITEM_USAGE_ACCOUNT_ID));
    out.put(FocusColumn.SubAccountName, t(CurField.LINE_ITEM_USAGE_ACCOUNT_NAME));
    out.put(
        FocusColumn.SubAccountType,
        when(t(CurField.LINE_ITEM_USAGE_ACCOUNT_ID).isNotNull(), lit("Linked Account")));
    out.put(FocusColumn.Tags, tags);
    out.put(FocusColumn.HostProviderName, lit("AWS"));
    out.put(FocusColumn.ServiceProviderName, lit("AWS"));
    out.put(FocusColumn.x_Provider, lit(PROVIDER));
    out.put(FocusColumn.x_BillingPeriod, date_format(periodStart, "yyyy-MM"));
    out.put(FocusColumn.x_SourceFile, col(RawFrame.SOURCE_FILE));
    out.put(FocusColumn.x_SourceRow, col(RawFrame.SOURCE_ROW));
    out.put(FocusColumn.x_RecordHash, col(x_RecordHash.name()));
    out.put(FocusColumn.x_ContractVersion, col(RawFrame.CONTRACT));
    out.put(FocusColumn.x_RowOrigin, RowOrigin.EXPORT.lit());
    out.put(FocusColumn.x_ChargeType, type);
    out.put(FocusColumn.x_ServiceCode, productCode);
    out.put(FocusColumn.x_UsageType, t(CurField.LINE_ITEM_USAGE_TYPE));
    out.put(FocusColumn.x_Operation, t(CurField.LINE_ITEM_OPERATION));
    out.put(FocusColumn.x_GrossCost, unblended);
    out.put(FocusColumn.x_GrossEffectiveCost, grossEffective);
    out.put(FocusColumn.x_CostCategories, col(CurRawSchema.COST_CATEGORY));
    out.put(FocusColumn.x_RawTags, col(CurRawSchema.RESOURCE_TAGS));

    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      Column value = out.getOrDefault(column, lit(null));
      columns.add(value.cast(column.type().sparkType()).as(column.name()));
    }
    columns.add(Parse.errors(errors(periodStart, currency)).as(MappedFrame.ERRORS));
    columns.add(billed.as(MappedFrame.COST_IN));
    columns.add(
        coalesce(
                exact(CurField.LINE_ITEM_NET_UNBLENDED_COST),
                exact(CurField.LINE_ITEM_UNBLENDED_COST))
            .as(MappedFrame.COST_EXACT));
    for (CurField field : CurField.values()) {
      columns.add(col(field.rawName()));
    }
    columns.add(unusedCost.cast(ColumnType.MONEY.sparkType()).as(UNUSED_COST));
    columns.add(unusedCostGross.cast(ColumnType.MONEY.sparkType()).as(UNUSED_COST_GROSS));
    columns.add(
        when(AwsLineItemType.RI_FEE.is(type), quantity(CurField.RESERVATION_UNUSED_QUANTITY))
            .when(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE.is(type), unusedSavingsPlan())
            .cast(ColumnType.QUANTITY.sparkType())
            .as(UNUSED_QUANTITY));
    columns.add(
        when(AwsLineItemType.RI_FEE.is(type), coalesce(unit, lit("Hrs")))
            .when(AwsLineItemType.SAVINGS_PLAN_RECURRING_FEE.is(type), currency)
            .as(UNUSED_UNIT));
    return columns.toArray(new Column[0]);
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
      reasons.add(Parse.invalid(t(field), money(field), field.curName(), "number"));
    }
    for (CurField field : RATE_FIELDS) {
      reasons.add(Parse.invalid(t(field), rate(field), field.curName(), "number"));
    }
    for (CurField field : QUANTITY_FIELDS) {
      reasons.add(Parse.invalid(t(field), quantity(field), field.curName(), "number"));
    }
    for (CurField field : TIME_FIELDS) {
      reasons.add(Parse.invalid(t(field), time(field), field.curName(), "timestamp"));
    }
    reasons.add(
        Parse.errorWhen(
            currency.isNotNull().and(Currencies.isKnown(currency).equalTo(lit(false))),
            CurField.LINE_ITEM_CURRENCY_CODE.curName(),
            "UNKNOWN_CURRENCY",
            concat(lit("not an ISO 4217 currency code: '"), currency, lit("'")),
            currency));
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
      parts.add(coalesce(col(field.rawName()), lit("")));
    }
    parts.add(coalesce(to_json(col(CurRawSchema.RESOURCE_TAGS)), lit("")));
    parts.add(coalesce(to_json(col(CurRawSchema.COST_CATEGORY)), lit("")));
    return sha2(concat_ws("\u001f", parts.toArray(new Column[0])), 256);
  }

  /** The record's non-empty fields under their CUR 1.0 names, for quarantine rows. */
  private static Column rawRecord() {
    List<Column> keyValues = new ArrayList<>();
    for (CurField field : CurField.values()) {
      keyValues.add(lit(field.curName()));
      keyValues.add(col(field.rawName()));
    }
    return map_filter(map(keyValues.toArray(new Column[0])), (k, v) -> v.isNotNull());
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
    overrides.put(FocusColumn.ListUnitPrice, lit(null));
    overrides.put(FocusColumn.ContractedUnitPrice, lit(null));
    overrides.put(FocusColumn.PricingCurrencyContractedUnitPrice, lit(null));
    overrides.put(FocusColumn.PricingCurrencyListUnitPrice, lit(null));
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
    List<Column> columns = new ArrayList<>();
    for (FocusColumn column : FocusColumn.values()) {
      Column value = overrides.getOrDefault(column, column.col());
      columns.add(value.cast(column.type().sparkType()).as(column.name()));
    }
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

  /** The FOCUS columns only, in table order: what is written for good rows. */
  public static Dataset<Row> focusOnly(Dataset<Row> mapped) {
    return CostLineItems.conform(mapped);
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
