package io.costlake.conformance;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.trim;

import com.fasterxml.jackson.databind.JsonNode;
import io.costlake.focus.Currencies;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Turns the model's check functions into Spark: row checks become boolean expressions that hold for
 * a conforming row (never null), dataset checks are answered from the table's schema. The Format
 * functions implement the attribute rules the model describes only in prose (string handling,
 * units, key-value, currency), so each can fail on real data.
 */
final class RuleCompiler {
  /** What one check compiles to. */
  static final class Compiled {
    /** Row-level: holds for a conforming row; empty for dataset-level checks. */
    final Optional<Column> rowCheck;

    /** Dataset-level: whether the table conforms; empty for row-level checks. */
    final Optional<Boolean> datasetCheck;

    /** Why the check cannot be evaluated here, when it cannot. */
    final Optional<String> unsupported;

    /** CheckDistinctCount: the two columns and the count each value of A must have of B. */
    final Optional<String[]> distinctCount;

    private Compiled(
        Optional<Column> rowCheck,
        Optional<Boolean> datasetCheck,
        Optional<String> unsupported,
        Optional<String[]> distinctCount) {
      this.rowCheck = rowCheck;
      this.datasetCheck = datasetCheck;
      this.unsupported = unsupported;
      this.distinctCount = distinctCount;
    }

    /**
     * SQL logic: a check that is null for a row (a null value compared) neither holds nor fails.
     */
    static Compiled row(Column check) {
      return new Compiled(Optional.of(check), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static Compiled dataset(boolean holds) {
      return new Compiled(Optional.empty(), Optional.of(holds), Optional.empty(), Optional.empty());
    }

    static Compiled unsupported(String why) {
      return new Compiled(Optional.empty(), Optional.empty(), Optional.of(why), Optional.empty());
    }

    static Compiled distinctCount(String a, String b, String count) {
      return new Compiled(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.of(new String[] {a, b, count}));
    }
  }

  /**
   * FOCUS UnitFormat: an optional whole-number quantity, units in the attribute's capitalization (a
   * capitalized word or a data-size symbol), optionally {@code -<Time units>} or {@code /<time
   * unit>}: {@code GB}, {@code GB-Hours}, {@code Requests/Second}, {@code 1000 Requests}.
   */
  static final String UNIT_FORMAT;

  static {
    String word = "(?:[KMGTPE]i?[bB]|[bB]|[A-Z][A-Za-z]*)";
    String unit = word + "(?: " + word + ")*";
    UNIT_FORMAT = "^(?:[0-9]+ )?" + unit + "(?:-" + unit + ")?(?:/(?:[0-9]+ )?" + unit + ")?$";
  }

  private final StructType schema;

  RuleCompiler(StructType schema) {
    this.schema = schema;
  }

  Compiled compile(JsonNode check) {
    String function = check.path("CheckFunction").asText();
    switch (function) {
      case "AND":
      case "OR":
        return combine(function, check.path("Items"));
      case "ColumnPresent":
        return Compiled.dataset(field(check.path("ColumnName").asText()).isPresent());
      case "TypeString":
        return type(check, t -> t.equals(DataTypes.StringType));
      case "TypeDecimal":
        return type(check, t -> t instanceof DecimalType);
      case "TypeDateTime":
        return type(check, t -> t.equals(DataTypes.TimestampType));
      case "CheckDistinctCount":
        return Compiled.distinctCount(
            check.path("ColumnAName").asText(),
            check.path("ColumnBName").asText(),
            check.path("ExpectedCount").asText());
      default:
        return rowLevel(function, check);
    }
  }

  private Compiled combine(String function, JsonNode items) {
    Column combined = null;
    for (JsonNode item : items) {
      Compiled part = compile(item);
      if (part.rowCheck.isEmpty()) {
        return Compiled.unsupported(
            function + " mixes row and dataset checks: " + item.path("CheckFunction").asText());
      }
      Column value = part.rowCheck.get();
      combined =
          combined == null
              ? value
              : "AND".equals(function) ? combined.and(value) : combined.or(value);
    }
    return combined == null ? Compiled.dataset(true) : Compiled.row(combined);
  }

  private Compiled type(JsonNode check, java.util.function.Predicate<DataType> accepts) {
    Optional<StructField> field = field(check.path("ColumnName").asText());
    return field.isEmpty()
        ? Compiled.unsupported(
            "column " + check.path("ColumnName").asText() + " is not in the table")
        : Compiled.dataset(accepts.test(field.get().dataType()));
  }

  private Compiled rowLevel(String function, JsonNode input) {
    JsonNode check = input;
    if (!check.has("ColumnName") && check.has("CheckCondition")) {
      // The 1.2 model names the column "CheckCondition" in two rules (ResourceId-C-006-C,
      // ResourceType-C-005-C); read it as the column it obviously is.
      check =
          ((com.fasterxml.jackson.databind.node.ObjectNode) check.deepCopy())
              .put("ColumnName", check.path("CheckCondition").asText());
    }
    if (!check.has("ColumnName") && !check.has("ColumnAName")) {
      return Compiled.unsupported("the model's " + function + " check names no column");
    }
    List<String> columns = new ArrayList<>();
    for (String argument :
        List.of("ColumnName", "ColumnAName", "ColumnBName", "ResultColumnName")) {
      if (check.has(argument)) {
        columns.add(check.path(argument).asText());
      }
    }
    for (String column : columns) {
      if (field(column).isEmpty()) {
        return Compiled.unsupported("column " + column + " is not in the table");
      }
    }
    String name = check.path("ColumnName").asText();
    JsonNode value = check.path("Value");
    switch (function) {
      case "CheckValue":
        return Compiled.row(
            value.isNull() ? col(name).isNull() : col(name).equalTo(literal(value)));
      case "CheckNotValue":
        return Compiled.row(
            value.isNull() ? col(name).isNotNull() : not(col(name).eqNullSafe(literal(value))));
      case "CheckSameValue":
        return Compiled.row(
            col(check.path("ColumnAName").asText())
                .eqNullSafe(col(check.path("ColumnBName").asText())));
      case "CheckNotSameValue":
        return Compiled.row(
            not(
                col(check.path("ColumnAName").asText())
                    .eqNullSafe(col(check.path("ColumnBName").asText()))));
      case "CheckGreaterOrEqualThanValue":
        return Compiled.row(col(name).isNull().or(col(name).geq(literal(value))));
      case "CheckDecimalValue":
      case "FormatNumeric":
        return Compiled.row(numeric(name));
      case "ColumnByColumnEqualsColumnValue":
        return Compiled.row(
            product(
                check.path("ColumnAName").asText(),
                check.path("ColumnBName").asText(),
                check.path("ResultColumnName").asText()));
      case "FormatString":
        return Compiled.row(col(name).isNull().or(trim(col(name)).notEqual(lit(""))));
      case "FormatDateTime":
        return Compiled.row(dateTime(name));
      case "FormatUnit":
        return Compiled.row(col(name).isNull().or(col(name).rlike(UNIT_FORMAT)));
      case "FormatKeyValue":
        return Compiled.row(keyValue(name));
      case "FormatCurrency":
        return Compiled.row(
            col(name)
                .isNull()
                .or(Currencies.isKnown(col(name)))
                .or(not(col(name).rlike("^[A-Z]{3}$")).and(trim(col(name)).notEqual(lit("")))));
      case "CheckNationalCurrency":
        return Compiled.row(col(name).isNull().or(Currencies.isKnown(col(name))));
      default:
        return Compiled.unsupported("check function " + function + " is not implemented");
    }
  }

  private Optional<StructField> field(String name) {
    for (StructField field : schema.fields()) {
      if (field.name().equals(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  private static Column literal(JsonNode value) {
    return value.isNumber() ? lit(value.decimalValue()) : lit(value.asText());
  }

  private Column numeric(String name) {
    DataType type = field(name).get().dataType();
    if (type instanceof NumericType) {
      return lit(true);
    }
    return col(name).isNull().or(col(name).rlike("^-?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?$"));
  }

  private Column dateTime(String name) {
    DataType type = field(name).get().dataType();
    if (type.equals(DataTypes.TimestampType)) {
      return lit(true); // instants, read and written in UTC
    }
    return col(name).isNull().or(col(name).rlike("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$"));
  }

  private Column keyValue(String name) {
    DataType type = field(name).get().dataType();
    if (type instanceof MapType) {
      return lit(true); // a map: unique string keys, scalar string values
    }
    return col(name)
        .isNull()
        .or(
            from_json(
                    col(name), DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType))
                .isNotNull());
  }

  /**
   * A x B = R, when all three are known: to a millionth of R, as providers round their costs to a
   * few decimals while unit prices keep more.
   */
  private static Column product(String a, String b, String result) {
    Column expected = col(a).multiply(col(b));
    Column tolerance =
        greatest(
            lit(new BigDecimal("0.000001")),
            abs(col(result)).multiply(lit(new BigDecimal("0.000001"))));
    return col(a)
        .isNull()
        .or(col(b).isNull())
        .or(col(result).isNull())
        .or(abs(expected.minus(col(result))).leq(tolerance));
  }
}
