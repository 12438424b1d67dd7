package io.costlake.provider.aws;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;

import io.costlake.ingest.read.ColumnNames;
import io.costlake.ingest.read.ParquetLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * CUR Parquet files (CUR 1.0 with Athena names, CUR 2.0 with its map columns) into {@link
 * CurRawSchema}.
 */
final class CurParquetLayout implements ParquetLayout {
  @Override
  public StructType schema() {
    return CurRawSchema.SCHEMA;
  }

  @Override
  public String contract(StructType fileSchema) {
    return contractOf(fileSchema);
  }

  @Override
  public List<String> unknownColumns(StructType fileSchema) {
    return CurHeader.of(fileSchema.fieldNames()).unknownColumns();
  }

  /** The CUR fields, found in whatever Parquet schema the files have. */
  @Override
  public List<Column> providerColumns(StructType schema) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String name : schema.fieldNames()) {
      byKey.putIfAbsent(ColumnNames.key(name), name);
    }
    Optional<String> productMap = mapColumn(schema, "product");
    List<Column> columns = new ArrayList<>();
    Column normalizedProduct =
        productMap
            .map(
                name ->
                    expr(
                        "transform_keys(`"
                            + name
                            + "`, (k, v) -> lower(regexp_replace(k, '[^A-Za-z0-9]', '')))"))
            .orElse(null);
    for (CurField field : CurField.values()) {
      String source = byKey.get(ColumnNames.key(field.curName()));
      Column value;
      if (source != null) {
        value = col("`" + source + "`").cast("string");
      } else if (normalizedProduct != null && field.family().equals("product")) {
        value = element_at(normalizedProduct, lit(ColumnNames.key(field.attribute())));
      } else {
        value = lit(null).cast("string");
      }
      columns.add(value.as(field.rawName()));
    }
    columns.add(keyed(schema, "resource_tags").as(CurRawSchema.RESOURCE_TAGS));
    columns.add(keyed(schema, "cost_category").as(CurRawSchema.COST_CATEGORY));
    columns.add(
        lit(byKey.containsKey(ColumnNames.key(CurField.LINE_ITEM_NET_UNBLENDED_COST.curName())))
            .as(CurRawSchema.NET_COLUMNS));
    return columns;
  }

  /** Tags (or cost categories) from a CUR 2.0 map column or from flat {@code prefix_*} columns. */
  private static Column keyed(StructType schema, String prefix) {
    Optional<String> mapColumn = mapColumn(schema, prefix);
    Column source;
    if (mapColumn.isPresent()) {
      source = col("`" + mapColumn.get() + "`").cast("map<string,string>");
    } else {
      List<Column> keyValues = new ArrayList<>();
      for (String name : schema.fieldNames()) {
        if (name.toLowerCase(Locale.ROOT).startsWith(prefix + "_")) {
          keyValues.add(lit(name.substring(prefix.length() + 1)));
          keyValues.add(col("`" + name + "`").cast("string"));
        }
      }
      if (keyValues.isEmpty()) {
        return map().cast("map<string,string>");
      }
      source = map(keyValues.toArray(new Column[0]));
    }
    return map_filter(source, (k, v) -> v.isNotNull().and(v.notEqual(lit(""))));
  }

  private static Optional<String> mapColumn(StructType schema, String name) {
    for (StructField field : schema.fields()) {
      if (field.name().equalsIgnoreCase(name) && field.dataType() instanceof MapType) {
        return Optional.of(field.name());
      }
    }
    return Optional.empty();
  }

  static String contractOf(StructType schema) {
    boolean cur2 =
        mapColumn(schema, "resource_tags").isPresent()
            || mapColumn(schema, "product").isPresent()
            || mapColumn(schema, "cost_category").isPresent();
    return (cur2 ? CurFormat.CUR_2_0 : CurFormat.CUR_1_0_ATHENA).contractVersion();
  }
}
