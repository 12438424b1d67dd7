package io.costlake.provider.gcp;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.costlake.ingest.read.ParquetLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Parquet extracts of the billing export into {@link GcpRawSchema}: the known fields become the
 * same JSON record the other formats give, built by Spark ({@code to_json}), never by a UDF.
 */
final class GcpParquetLayout implements ParquetLayout {
  /** Timestamps as ISO instants in UTC, which the mapping parses like any other format's. */
  private static final Map<String, String> JSON_OPTIONS =
      Map.of("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX");

  @Override
  public StructType schema() {
    return GcpRawSchema.SCHEMA;
  }

  @Override
  public String contract(StructType fileSchema) {
    return GcpExport.NESTED_CONTRACT;
  }

  @Override
  public List<String> unknownColumns(StructType fileSchema) {
    List<String> unknown = new ArrayList<>();
    for (String name : fileSchema.fieldNames()) {
      if (!GcpExport.KNOWN_FIELDS.contains(name)) {
        unknown.add(name);
      }
    }
    return unknown;
  }

  @Override
  public List<Column> providerColumns(StructType fileSchema) {
    List<Column> known = new ArrayList<>();
    List<Column> extensions = new ArrayList<>();
    for (StructField field : fileSchema.fields()) {
      Column value = col("`" + field.name() + "`");
      if (GcpExport.KNOWN_FIELDS.contains(field.name())) {
        known.add(value.as(field.name()));
      } else {
        extensions.add(lit(field.name()));
        boolean nested =
            field.dataType() instanceof StructType
                || field.dataType() instanceof ArrayType
                || field.dataType() instanceof MapType;
        extensions.add(nested ? to_json(value, JSON_OPTIONS) : value.cast("string"));
      }
    }
    Column record =
        known.isEmpty() ? lit("{}") : to_json(struct(known.toArray(new Column[0])), JSON_OPTIONS);
    Column drift =
        extensions.isEmpty()
            ? lit(null).cast("map<string,string>")
            : map_filter(map(extensions.toArray(new Column[0])), (k, v) -> v.isNotNull());
    return List.of(record.as(GcpRawSchema.RECORD), drift.as(GcpRawSchema.EXTENSIONS));
  }
}
