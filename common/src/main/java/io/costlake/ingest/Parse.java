package io.costlake.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.length;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.costlake.focus.Currencies;
import io.costlake.model.ColumnType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Tolerant parsing of raw export strings with Spark built-ins (no UDFs). Empty strings and {@code
 * NULL} placeholders become real nulls; decimals accept plain and scientific notation; timestamps
 * accept ISO 8601 with or without {@code T} and {@code Z}, and plain dates. Anything that does not
 * parse becomes null, and {@link #invalid} turns that into a quarantine reason.
 */
public final class Parse {
  /** The errors column of a mapped frame: array of {@link #ERROR_FIELDS} structs. */
  public static final String ERRORS = "_errors";

  public static final List<String> ERROR_FIELDS =
      List.of("column_name", "reason_code", "reason", "raw_value");

  private Parse() {}

  /** Trimmed text; empty and {@code NULL}/{@code null} placeholders become null. */
  public static Column text(Column raw) {
    Column trimmed = trim(raw);
    return when(trimmed.equalTo(lit("")).or(upper(trimmed).equalTo(lit("NULL"))), lit(null))
        .otherwise(trimmed);
  }

  /** A decimal of the column type's precision; {@code 5e-06} parses, {@code NaN} does not. */
  public static Column decimal(Column text, ColumnType type) {
    return text.cast(type.sparkType());
  }

  /**
   * An instant in UTC (the session time zone, which costlake requires): ISO 8601 with or without
   * T/Z, or a date. A trailing Z is cut before the cast: Spark resolves a zone written in the text
   * through a regular expression compiled per value (a tenth of a CUR ingest's time), and text
   * without a zone is read in the session zone, UTC, which is what Z says.
   */
  public static Column timestamp(Column text) {
    DataType instant = ColumnType.TIMESTAMP.sparkType();
    return when(text.endsWith("Z"), text.substr(lit(1), length(text).minus(1)).cast(instant))
        .otherwise(text.cast(instant));
  }

  /** A JSON object of tags as text; EA-style objects without their braces are accepted too. */
  public static Column jsonTags(Column text) {
    Column object = when(text.startsWith("{"), text).otherwise(concat(lit("{"), text, lit("}")));
    return from_json(
        object,
        DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType),
        java.util.Map.of());
  }

  /**
   * One reason a row can be rejected: when {@code condition} holds, {@code value} says why. A
   * {@linkplain #landing() landing} reason does not reject the row: the row is written with the
   * defect recorded in {@code x_DataQuality} ({@link #issues}).
   */
  public static final class Reason {
    final Column condition;
    final Column value;
    final boolean landing;

    Reason(Column condition, Column value) {
      this(condition, value, false);
    }

    private Reason(Column condition, Column value, boolean landing) {
      this.condition = condition;
      this.value = value;
      this.landing = landing;
    }

    /** This reason, applying only where {@code guard} holds too. */
    public Reason onlyWhen(Column guard) {
      return new Reason(condition.and(coalesce(guard, lit(false))), value, landing);
    }

    /**
     * The same defect, recorded with the row instead of rejecting it: for what does not stop the
     * row from being costed and placed (a list price, a name, a tag).
     */
    public Reason landing() {
      return new Reason(condition, value, true);
    }

    public boolean isLanding() {
      return landing;
    }
  }

  /** The type of the {@link #ERRORS} column. */
  public static final DataType ERROR_ARRAY =
      DataTypes.createArrayType(
          DataTypes.createStructType(
              ERROR_FIELDS.stream()
                  .map(name -> DataTypes.createStructField(name, DataTypes.StringType, true))
                  .toArray(StructField[]::new)),
          true);

  /** A reason that applies when {@code condition} holds. */
  public static Reason errorWhen(
      Column condition, String columnName, String code, Column reason, Column rawValue) {
    Column value =
        struct(
            lit(columnName).as("column_name"),
            lit(code).as("reason_code"),
            reason.as("reason"),
            substring(rawValue.cast("string"), 1, 500).as("raw_value"));
    return new Reason(coalesce(condition, lit(false)), value);
  }

  /**
   * The CSV reader's own verdict on a row ({@code ROW_TOO_WIDE}, {@code SWALLOWED_LINES}), with the
   * column and words it gave.
   */
  public static Reason readerError() {
    Column code = org.apache.spark.sql.functions.col(RawFrame.ROW_ERROR_CODE);
    Column value = org.apache.spark.sql.functions.col(RawFrame.ROW_ERROR_VALUE);
    return errorWhen(
        code.isNotNull(),
        coalesce(org.apache.spark.sql.functions.col(RawFrame.ROW_ERROR_COLUMN), lit("(row)")),
        code,
        when(
                code.equalTo(lit("ROW_TOO_WIDE")),
                org.apache.spark.sql.functions.concat(
                    lit("the row has more cells than the header: "), value))
            .otherwise(value),
        value);
  }

  /** A reason whose column and code come from the row (e.g. a reader's row-level error). */
  public static Reason errorWhen(
      Column condition, Column columnName, Column code, Column reason, Column rawValue) {
    Column value =
        struct(
            columnName.as("column_name"),
            code.as("reason_code"),
            reason.as("reason"),
            substring(rawValue.cast("string"), 1, 500).as("raw_value"));
    return new Reason(coalesce(condition, lit(false)), value);
  }

  /** A value was present but did not parse as {@code kind}. */
  public static Reason invalid(Column text, Column parsed, String columnName, String kind) {
    return errorWhen(
        text.isNotNull().and(parsed.isNull()),
        columnName,
        "INVALID_" + kind.toUpperCase(java.util.Locale.ROOT),
        concat(
            lit(columnName + " is not a valid " + kind + ": '"), substring(text, 1, 100), lit("'")),
        text);
  }

  /** A currency code that is there but is not ISO 4217. */
  public static Reason unknownCurrency(Column currency, String columnName) {
    return errorWhen(
        currency.isNotNull().and(Currencies.isKnown(currency).equalTo(lit(false))),
        columnName,
        "UNKNOWN_CURRENCY",
        concat(lit("not an ISO 4217 currency code: '"), currency, lit("'")),
        currency);
  }

  /** A required value is missing. */
  public static Reason missing(Column text, String columnName) {
    return errorWhen(
        text.isNull(),
        columnName,
        "MISSING_VALUE",
        lit(columnName + " is empty but required"),
        lit(null).cast("string"));
  }

  /**
   * The reasons that apply, in order; an empty array for a good row. The array is only built for
   * rows with at least one reason: good rows pay for a few comparisons, nothing more.
   */
  public static Column errors(List<Reason> reasons) {
    Column any = lit(false);
    List<Column> values = new ArrayList<>();
    for (Reason reason : reasons) {
      if (reason.landing) {
        continue;
      }
      any = any.or(reason.condition);
      values.add(when(reason.condition, reason.value));
    }
    return when(any, array_compact(array(values.toArray(new Column[0]))))
        .otherwise(array().cast(ERROR_ARRAY));
  }

  /**
   * The {@linkplain Reason#landing() landing} reasons that apply, as {@code x_DataQuality} text:
   * {@code "<column>: <REASON_CODE>"} joined by {@code "; "}; null for a row with none.
   */
  public static Column issues(List<Reason> reasons) {
    Column any = lit(false);
    List<Column> values = new ArrayList<>();
    for (Reason reason : reasons) {
      if (!reason.landing) {
        continue;
      }
      any = any.or(reason.condition);
      values.add(
          when(
              reason.condition,
              concat(
                  reason.value.getField("column_name"),
                  lit(": "),
                  reason.value.getField("reason_code"))));
    }
    return values.isEmpty()
        ? lit(null).cast(DataTypes.StringType)
        : when(any, concat_ws("; ", values.toArray(new Column[0])));
  }
}
