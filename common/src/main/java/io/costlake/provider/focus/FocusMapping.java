package io.costlake.provider.focus;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.instr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.costlake.focus.ServiceCatalog;
import io.costlake.focus.Vocabulary;
import io.costlake.ingest.FocusValues;
import io.costlake.ingest.MappedFrame;
import io.costlake.ingest.Parse;
import io.costlake.model.ColumnType;
import io.costlake.model.FocusColumn;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Maps FOCUS files of any version (0.5 to 1.3) to costlake's FOCUS 1.2 table: values are kept as
 * the file states them, after real-NULL handling ({@code NULL}, {@code null}, empty), canonical
 * spelling of enumerated values ({@code Usage-based} is {@code Usage-Based}), and the conversions
 * older versions need (pre-1.0 {@code ChargeSubcategory} Credit and Refund; {@code On-Demand}
 * pricing is {@code Standard}). Columns the file lacks are taken from the configured defaults, else
 * derived where FOCUS defines how ({@code ContractedCost} defaults to {@code ListCost}). Unknown
 * columns are kept in {@code x_Extensions}.
 *
 * <p>A row is rejected only when it cannot be costed or placed ({@link #PLACING}): billed cost,
 * currency (ISO 4217), account, billing or charge period or charge category missing or unreadable,
 * or a broken record. Any other missing or unreadable value lands with the row, derived where FOCUS
 * requires one, and is named in {@code x_DataQuality}.
 */
public final class FocusMapping {
  public static final String PROVIDER = "focus";
  private static final String CLEAN = "c_";
  private static final String TYPED = "p_";
  private static final String RAW = "r_";

  /** Enumerated columns and their vocabularies. */
  private static final Map<FocusColumn, Vocabulary> ENUMERATED = enumerated();

  private FocusMapping() {}

  private static Map<FocusColumn, Vocabulary> enumerated() {
    Map<FocusColumn, Vocabulary> map = new EnumMap<>(FocusColumn.class);
    map.put(FocusColumn.ChargeCategory, Vocabulary.CHARGE_CATEGORY);
    map.put(FocusColumn.ChargeClass, Vocabulary.CHARGE_CLASS);
    map.put(FocusColumn.ChargeFrequency, Vocabulary.CHARGE_FREQUENCY);
    map.put(FocusColumn.PricingCategory, Vocabulary.PRICING_CATEGORY);
    map.put(FocusColumn.CommitmentDiscountCategory, Vocabulary.COMMITMENT_DISCOUNT_CATEGORY);
    map.put(FocusColumn.CommitmentDiscountStatus, Vocabulary.COMMITMENT_DISCOUNT_STATUS);
    map.put(FocusColumn.CapacityReservationStatus, Vocabulary.CAPACITY_RESERVATION_STATUS);
    map.put(FocusColumn.ServiceCategory, Vocabulary.SERVICE_CATEGORY);
    return map;
  }

  /** What a required value that is neither in the row nor derivable becomes. */
  static final String UNKNOWN = "Unknown";

  /** The columns without which a row cannot be costed or placed: a defect there quarantines it. */
  static final Set<FocusColumn> PLACING =
      EnumSet.of(
          FocusColumn.BilledCost,
          FocusColumn.BillingCurrency,
          FocusColumn.BillingAccountId,
          FocusColumn.BillingPeriodStart,
          FocusColumn.BillingPeriodEnd,
          FocusColumn.ChargePeriodStart,
          FocusColumn.ChargePeriodEnd,
          FocusColumn.ChargeCategory);

  /** Raw FOCUS rows ({@link FocusRawSchema}) to the mapped frame of the ingest core. */
  public static Dataset<Row> apply(Dataset<Row> raw) {
    return raw.select(clean()).select(typed()).select(focus()).select(withRawRecord());
  }

  private static List<Column> meta() {
    return FocusValues.rawMeta(FocusRawSchema.EXTENSIONS, FocusRawSchema.ABSENT);
  }

  private static List<String> rawNames() {
    List<String> names = new ArrayList<>();
    FocusRawSchema.FIELDS.forEach(c -> names.add(c.name()));
    names.add(FocusRawSchema.CHARGE_SUBCATEGORY);
    return names;
  }

  /** Stage 1: raw strings, their trimmed text without NULL placeholders, and the record hash. */
  private static Column[] clean() {
    List<Column> columns = meta();
    List<Column> hashed = new ArrayList<>();
    for (String name : rawNames()) {
      columns.add(col(name).as(RAW + name));
      columns.add(Parse.text(col(name)).as(CLEAN + name));
      hashed.add(col(name));
    }
    hashed.add(to_json(col(FocusRawSchema.EXTENSIONS)));
    columns.add(FocusValues.recordHash(hashed).as(FocusValues.RECORD_HASH));
    return columns.toArray(new Column[0]);
  }

  /** Stage 2: typed values. */
  private static Column[] typed() {
    List<Column> columns = meta();
    for (String name : rawNames()) {
      columns.add(col(RAW + name));
      columns.add(col(CLEAN + name));
    }
    for (FocusColumn column : FocusRawSchema.FIELDS) {
      Column text = col(CLEAN + column.name());
      Column value;
      switch (column.type()) {
        case MONEY:
        case QUANTITY:
        case UNIT_PRICE:
          value = Parse.decimal(text, column.type());
          break;
        case TIMESTAMP:
          value = Parse.timestamp(text);
          break;
        case TAGS:
          value = Parse.jsonTags(text);
          break;
        default:
          value = ENUMERATED.containsKey(column) ? ENUMERATED.get(column).canonical(text) : text;
      }
      columns.add(value.as(TYPED + column.name()));
    }
    columns.add(col(FocusColumn.x_RecordHash.name()));
    return columns.toArray(new Column[0]);
  }

  private static Column t(FocusColumn column) {
    return t(column.name());
  }

  private static Column t(String name) {
    return col(CLEAN + name);
  }

  private static Column v(FocusColumn column) {
    return col(TYPED + column.name());
  }

  private static Column absent(FocusColumn column) {
    return instr(col(FocusRawSchema.ABSENT), "," + column.name() + ",").gt(0);
  }

  /** Stage 3: FOCUS columns, derivations for absent columns, and the reasons to reject. */
  private static Column[] focus() {
    Map<FocusColumn, Column> out = new LinkedHashMap<>();
    for (FocusColumn column : FocusRawSchema.FIELDS) {
      out.put(column, v(column));
    }
    Column subcategory = t(FocusRawSchema.CHARGE_SUBCATEGORY);
    Column category = v(FocusColumn.ChargeCategory);
    // FOCUS 1.0-preview: Credit and Refund were subcategories of Adjustment.
    out.put(
        FocusColumn.ChargeCategory,
        when(subcategory.rlike("(?i)^credit$"), lit("Credit")).otherwise(category));
    out.put(
        FocusColumn.ChargeClass,
        when(subcategory.rlike("(?i)^refund$"), lit("Correction"))
            .otherwise(v(FocusColumn.ChargeClass)));
    // Required columns a file lacks, or leaves empty or unreadable on a row, are derived as
    // FOCUS defines them; the row lands with the defect named in x_DataQuality (see reasons).
    out.put(
        FocusColumn.ChargeFrequency,
        coalesce(
            v(FocusColumn.ChargeFrequency),
            when(category.equalTo("Usage"), lit("Usage-Based"))
                .when(category.equalTo("Tax"), lit("Recurring"))
                .otherwise(lit("One-Time"))));
    out.put(
        FocusColumn.ContractedCost,
        coalesce(
            v(FocusColumn.ContractedCost), v(FocusColumn.ListCost), v(FocusColumn.BilledCost)));
    out.put(
        FocusColumn.ListCost,
        coalesce(
            v(FocusColumn.ListCost), v(FocusColumn.ContractedCost), v(FocusColumn.BilledCost)));
    out.put(
        FocusColumn.EffectiveCost,
        coalesce(v(FocusColumn.EffectiveCost), v(FocusColumn.BilledCost)));
    Column serviceCategory = coalesce(v(FocusColumn.ServiceCategory), lit(ServiceCatalog.OTHER));
    out.put(FocusColumn.ServiceCategory, serviceCategory);
    out.put(
        FocusColumn.ServiceSubcategory,
        coalesce(
            v(FocusColumn.ServiceSubcategory), concat(lit("Other ("), serviceCategory, lit(")"))));
    out.put(FocusColumn.ServiceName, coalesce(v(FocusColumn.ServiceName), lit(UNKNOWN)));
    out.put(
        FocusColumn.BillingAccountType,
        coalesce(v(FocusColumn.BillingAccountType), lit("Billing Account")));
    Column provider =
        coalesce(
            v(FocusColumn.ProviderName),
            v(FocusColumn.ServiceProviderName),
            v(FocusColumn.PublisherName),
            v(FocusColumn.InvoiceIssuerName),
            lit(UNKNOWN));
    out.put(FocusColumn.ProviderName, provider);
    out.put(FocusColumn.PublisherName, coalesce(v(FocusColumn.PublisherName), provider));
    out.put(FocusColumn.InvoiceIssuerName, coalesce(v(FocusColumn.InvoiceIssuerName), provider));
    out.put(
        FocusColumn.ServiceProviderName, coalesce(v(FocusColumn.ServiceProviderName), provider));
    FocusValues values = new FocusValues();
    out.forEach(values::put);
    values.lineage(PROVIDER, v(FocusColumn.BillingPeriodStart));
    values.put(FocusColumn.x_GrossCost, v(FocusColumn.BilledCost));
    values.put(FocusColumn.x_GrossEffectiveCost, v(FocusColumn.EffectiveCost));
    values.put(FocusColumn.x_RawTags, v(FocusColumn.Tags));
    values.put(
        FocusColumn.x_Extensions,
        map_filter(col(FocusRawSchema.EXTENSIONS), (k, x) -> trim(x).notEqual(lit(""))));

    List<Parse.Reason> reasons = reasons(out);
    values.put(FocusColumn.x_DataQuality, Parse.issues(reasons));
    List<Column> columns = values.columns();
    columns.add(Parse.errors(reasons).as(MappedFrame.ERRORS));
    columns.add(v(FocusColumn.BilledCost).as(MappedFrame.COST_IN));
    columns.add(t(FocusColumn.BilledCost).cast(MappedFrame.EXACT).as(MappedFrame.COST_EXACT));
    for (String name : rawNames()) {
      columns.add(col(RAW + name));
    }
    return columns.toArray(new Column[0]);
  }

  /**
   * Why a row is quarantined, or lands with a note in {@code x_DataQuality}. Only what stops a row
   * from being costed or placed quarantines it ({@link #PLACING}: its billed cost, currency,
   * account, billing and charge periods and charge category, or a broken record); any other
   * unreadable or missing value lands with the row, derived where FOCUS requires a value.
   */
  private static List<Parse.Reason> reasons(Map<FocusColumn, Column> out) {
    List<Parse.Reason> reasons = new ArrayList<>();
    reasons.add(Parse.readerError());
    for (FocusColumn column : FocusRawSchema.FIELDS) {
      Column text = t(column);
      switch (column.type()) {
        case MONEY:
        case QUANTITY:
        case UNIT_PRICE:
          reasons.add(severity(column, Parse.invalid(text, v(column), column.name(), "number")));
          break;
        case TIMESTAMP:
          reasons.add(severity(column, Parse.invalid(text, v(column), column.name(), "timestamp")));
          break;
        case TAGS:
          reasons.add(
              severity(
                  column,
                  Parse.errorWhen(
                      text.isNotNull().and(v(column).isNull()),
                      column.name(),
                      "INVALID_JSON",
                      concat(
                          lit(column.name() + " is not a JSON object of tags: '"),
                          substring(text, 1, 100),
                          lit("'")),
                      text)));
          break;
        default:
          if (ENUMERATED.containsKey(column)) {
            reasons.add(
                severity(
                    column,
                    Parse.errorWhen(
                        text.isNotNull().and(v(column).isNull()),
                        column.name(),
                        "INVALID_VALUE",
                        concat(
                            lit(
                                column.name()
                                    + " is not one of "
                                    + String.join(", ", ENUMERATED.get(column).values())
                                    + ": '"),
                            substring(text, 1, 100),
                            lit("'")),
                        text)));
          }
      }
    }
    for (FocusColumn column : FocusColumn.values()) {
      if (column.nullable() || column.origin() == FocusColumn.Origin.COSTLAKE) {
        continue;
      }
      if (PLACING.contains(column)) {
        // A value that is there but does not parse already has its own reason.
        reasons.add(
            Parse.errorWhen(
                out.get(column).isNull().and(t(column).isNull()),
                column.name(),
                "MISSING_VALUE",
                lit(column.name() + " is empty but FOCUS requires it"),
                lit(null).cast("string")));
      } else {
        // Empty on this row, or absent from the file with nothing to derive it from.
        Column placeholder =
            column.type() == ColumnType.STRING
                ? coalesce(out.get(column).equalTo(lit(UNKNOWN)), lit(false))
                : lit(false);
        reasons.add(
            Parse.errorWhen(
                    t(column).isNull().and(not(absent(column)).or(placeholder)),
                    column.name(),
                    "MISSING_VALUE",
                    lit(column.name() + " is empty; derived as FOCUS defines it"),
                    lit(null).cast("string"))
                .landing());
      }
    }
    Column currency = out.get(FocusColumn.BillingCurrency);
    reasons.add(Parse.unknownCurrency(currency, FocusColumn.BillingCurrency.name()));
    reasons.add(
        Parse.errorWhen(
            v(FocusColumn.BillingPeriodEnd).leq(v(FocusColumn.BillingPeriodStart)),
            FocusColumn.BillingPeriodEnd.name(),
            "INVALID_PERIOD",
            lit("the billing period ends before it starts"),
            t(FocusColumn.BillingPeriodEnd)));
    return reasons;
  }

  private static Parse.Reason severity(FocusColumn column, Parse.Reason reason) {
    return PLACING.contains(column) ? reason : reason.landing();
  }

  /** Stage 4: drop the raw strings; keep the raw record of rejected rows only. */
  private static Column[] withRawRecord() {
    Map<String, Column> record = new LinkedHashMap<>();
    for (String name : rawNames()) {
      record.put(name, col(RAW + name));
    }
    return FocusValues.mappedFrame(List.of(), FocusValues.sourceRecord(record))
        .toArray(new Column[0]);
  }

  static ColumnType typeOf(FocusColumn column) {
    return column.type();
  }
}
