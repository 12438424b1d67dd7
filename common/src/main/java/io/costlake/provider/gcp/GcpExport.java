package io.costlake.provider.gcp;

import com.fasterxml.jackson.core.JsonToken;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The contracts of GCP's BigQuery billing export as it lands in object storage: the nested record
 * (JSON lines, Avro, Parquet extracts of the standard and the resource-level table) and the
 * flattened CSV some tools write. Numbers are read as text so that no value passes through a double
 * on its way to DECIMAL.
 */
final class GcpExport {
  static final String NESTED_CONTRACT = "gcp-billing-export/v1";
  static final String FLAT_CSV_CONTRACT = "gcp-billing-flat-csv/v1";

  private static final DataType S = DataTypes.StringType;

  /** Top-level fields a file must have for its rows to be mapped at all. */
  static final List<String> REQUIRED =
      List.of("billing_account_id", "cost", "currency", "usage_start_time", "usage_end_time");

  /** The record as costlake reads it: every field it maps, numbers and timestamps as text. */
  static final StructType RECORD =
      struct(
          field("billing_account_id", S),
          field("service", struct(field("id", S), field("description", S))),
          field("sku", struct(field("id", S), field("description", S))),
          field("usage_start_time", S),
          field("usage_end_time", S),
          field(
              "project",
              struct(
                  field("id", S),
                  field("number", S),
                  field("name", S),
                  field("labels", keyValues()),
                  field("ancestry_numbers", S),
                  field(
                      "ancestors",
                      DataTypes.createArrayType(
                          struct(field("resource_name", S), field("display_name", S)))))),
          field("labels", keyValues()),
          field("system_labels", keyValues()),
          field(
              "location",
              struct(
                  field("location", S), field("country", S), field("region", S), field("zone", S))),
          field(
              "tags",
              DataTypes.createArrayType(
                  struct(
                      field("key", S),
                      field("value", S),
                      field("inherited", S),
                      field("namespace", S)))),
          field("resource", struct(field("name", S), field("global_name", S))),
          field("export_time", S),
          field("cost", S),
          field("cost_at_list", S),
          field("currency", S),
          field("currency_conversion_rate", S),
          field(
              "usage",
              struct(
                  field("amount", S),
                  field("unit", S),
                  field("amount_in_pricing_units", S),
                  field("pricing_unit", S))),
          field(
              "credits",
              DataTypes.createArrayType(
                  struct(
                      field("name", S),
                      field("amount", S),
                      field("full_name", S),
                      field("id", S),
                      field("type", S)))),
          field("invoice", struct(field("month", S), field("publisher_type", S))),
          field("cost_type", S),
          field(
              "adjustment_info",
              struct(field("id", S), field("description", S), field("mode", S), field("type", S))),
          field(
              "price",
              struct(
                  field("effective_price", S),
                  field("tier_start_amount", S),
                  field("unit", S),
                  field("pricing_unit_quantity", S))),
          field("transaction_type", S),
          field("seller_name", S),
          field("subscription", struct(field("instance_id", S))),
          field("consumption_model", struct(field("id", S), field("description", S))));

  /**
   * Top-level names of the documented exports: the record's fields, plus partition columns and
   * newer fields costlake does not map. Any other name is drift, kept in {@code x_Extensions}.
   */
  static final Set<String> KNOWN_FIELDS = known();

  /** Fields whose flattened-CSV cells hold a repeated value as a Python or JSON literal. */
  static final Set<String> REPEATED =
      Set.of("labels", "system_labels", "tags", "credits", "project.labels", "project.ancestors");

  private GcpExport() {}

  /**
   * Whether a top-level JSON value has the shape the record expects: a list for repeated fields, an
   * object for records, a scalar otherwise (null always fits).
   */
  static boolean hasExpectedShape(String field, JsonToken value) {
    if (value == JsonToken.VALUE_NULL || !RECORD.getFieldIndex(field).isDefined()) {
      return true;
    }
    DataType type = RECORD.apply(field).dataType();
    if (type instanceof ArrayType) {
      return value == JsonToken.START_ARRAY;
    }
    if (type instanceof StructType) {
      return value == JsonToken.START_OBJECT;
    }
    return value.isScalarValue();
  }

  /** What {@link #hasExpectedShape} expects of a field, for messages. */
  static String shapeOf(String field) {
    DataType type = RECORD.apply(field).dataType();
    if (type instanceof ArrayType) {
      return "a list";
    }
    return type instanceof StructType ? "a record" : "a single value";
  }

  private static Set<String> known() {
    Set<String> names = new java.util.HashSet<>(List.of(RECORD.fieldNames()));
    names.addAll(
        List.of(
            "partition_date",
            "_PARTITIONTIME",
            "_PARTITIONDATE",
            "cost_at_effective_price_default",
            "cost_at_list_consumption_model",
            "cost_at_effective_price_consumption_model"));
    return Set.copyOf(names);
  }

  private static DataType keyValues() {
    return DataTypes.createArrayType(struct(field("key", S), field("value", S)));
  }

  private static StructField field(String name, DataType type) {
    return DataTypes.createStructField(name, type, true);
  }

  private static StructType struct(StructField... fields) {
    return DataTypes.createStructType(fields);
  }
}
