package io.costlake.provider.focus;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.to_json;

import io.costlake.ingest.read.ColumnNames;
import io.costlake.ingest.read.ParquetLayout;
import io.costlake.model.FocusColumn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** FOCUS Parquet files (the providers' native FOCUS exports) into {@link FocusRawSchema}. */
final class FocusParquetLayout implements ParquetLayout {
  private final Map<String, String> columnDefaults;

  FocusParquetLayout(Map<String, String> columnDefaults) {
    this.columnDefaults = Map.copyOf(columnDefaults);
  }

  @Override
  public StructType schema() {
    return FocusRawSchema.SCHEMA;
  }

  @Override
  public String contract(StructType fileSchema) {
    Set<String> folded = new HashSet<>();
    for (String name : fileSchema.fieldNames()) {
      folded.add(ColumnNames.key(name));
    }
    return FocusVersion.of(folded).contract();
  }

  @Override
  public List<String> unknownColumns(StructType fileSchema) {
    return new FocusHeader(fileSchema.fieldNames(), columnDefaults).unknownColumns();
  }

  @Override
  public List<Column> providerColumns(StructType fileSchema) {
    Map<FocusColumn, StructField> matched = new LinkedHashMap<>();
    List<StructField> extensions = new ArrayList<>();
    StructField subcategory = null;
    for (StructField field : fileSchema.fields()) {
      String key = ColumnNames.key(field.name());
      FocusColumn column = byKey(key);
      if (column != null && FocusRawSchema.FIELDS.contains(column)) {
        matched.putIfAbsent(column, field);
      } else if (key.equals("chargesubcategory")) {
        subcategory = field;
      } else {
        extensions.add(field);
      }
    }
    List<Column> columns = new ArrayList<>();
    StringBuilder absent = new StringBuilder(",");
    for (FocusColumn column : FocusRawSchema.FIELDS) {
      StructField field = matched.get(column);
      Column value;
      if (field != null) {
        value = asText(field);
      } else {
        absent.append(column.name()).append(',');
        String fallback = columnDefaults.get(column.name());
        value = fallback == null ? lit(null).cast("string") : lit(fallback);
      }
      columns.add(value.as(column.name()));
    }
    columns.add(
        (subcategory == null ? lit(null).cast("string") : asText(subcategory))
            .as(FocusRawSchema.CHARGE_SUBCATEGORY));
    List<Column> keyValues = new ArrayList<>();
    for (StructField field : extensions) {
      keyValues.add(lit(field.name()));
      keyValues.add(asText(field));
    }
    Column map =
        keyValues.isEmpty()
            ? org.apache.spark.sql.functions.map().cast("map<string,string>")
            : map_filter(
                org.apache.spark.sql.functions.map(keyValues.toArray(new Column[0])),
                (k, v) -> v.isNotNull());
    columns.add(map.as(FocusRawSchema.EXTENSIONS));
    columns.add(lit(absent.toString()).as(FocusRawSchema.ABSENT));
    return columns;
  }

  /** Every value as the text a CSV file would hold; maps, arrays and structs as JSON. */
  private static Column asText(StructField field) {
    Column source = col("`" + field.name() + "`");
    if (field.dataType() instanceof MapType
        || field.dataType() instanceof StructType
        || field.dataType() instanceof ArrayType) {
      return to_json(source);
    }
    return source.cast("string");
  }

  private static FocusColumn byKey(String key) {
    for (FocusColumn column : FocusColumn.values()) {
      if (ColumnNames.key(column.name()).equals(key)) {
        return column;
      }
    }
    return FocusVersion.RENAMED.get(key);
  }
}
