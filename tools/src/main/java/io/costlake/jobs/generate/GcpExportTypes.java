package io.costlake.jobs.generate;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The billing export's columns with BigQuery's own types (TIMESTAMP, FLOAT64, BOOL, repeated
 * records), as its Parquet and Avro extracts carry them: what the generator writes.
 */
final class GcpExportTypes {
  private static final DataType S = DataTypes.StringType;
  private static final DataType D = DataTypes.DoubleType;
  private static final DataType T = DataTypes.TimestampType;

  static final StructType SCHEMA =
      struct(
          field("billing_account_id", S),
          field("service", struct(field("id", S), field("description", S))),
          field("sku", struct(field("id", S), field("description", S))),
          field("usage_start_time", T),
          field("usage_end_time", T),
          field(
              "project",
              struct(
                  field("id", S),
                  field("number", S),
                  field("name", S),
                  field("labels", keyValues()),
                  field("ancestry_numbers", S))),
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
                      field("inherited", DataTypes.BooleanType),
                      field("namespace", S)))),
          field("resource", struct(field("name", S), field("global_name", S))),
          field("export_time", T),
          field("cost", D),
          field("cost_at_list", D),
          field("currency", S),
          field("currency_conversion_rate", D),
          field(
              "usage",
              struct(
                  field("amount", D),
                  field("unit", S),
                  field("amount_in_pricing_units", D),
                  field("pricing_unit", S))),
          field(
              "credits",
              DataTypes.createArrayType(
                  struct(
                      field("name", S),
                      field("amount", D),
                      field("full_name", S),
                      field("id", S),
                      field("type", S)))),
          field("invoice", struct(field("month", S))),
          field("cost_type", S),
          field(
              "adjustment_info",
              struct(field("id", S), field("description", S), field("mode", S), field("type", S))),
          field(
              "price",
              struct(
                  field("effective_price", D),
                  field("tier_start_amount", D),
                  field("unit", S),
                  field("pricing_unit_quantity", D))));

  private GcpExportTypes() {}

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
