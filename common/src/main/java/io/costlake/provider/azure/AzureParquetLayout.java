package io.costlake.provider.azure;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;

import io.costlake.ingest.read.ColumnNames;
import io.costlake.ingest.read.ParquetLayout;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Azure cost details as Parquet into {@link AzureRawSchema}. */
final class AzureParquetLayout implements ParquetLayout {
  @Override
  public StructType schema() {
    return AzureRawSchema.SCHEMA;
  }

  @Override
  public String contract(StructType fileSchema) {
    Set<String> folded = new HashSet<>();
    for (String name : fileSchema.fieldNames()) {
      folded.add(ColumnNames.key(name));
    }
    return AzureDialect.of(folded).contract();
  }

  @Override
  public List<String> unknownColumns(StructType fileSchema) {
    return new AzureHeader(fileSchema.fieldNames()).unknownColumns();
  }

  @Override
  public List<Column> providerColumns(StructType fileSchema) {
    List<Column> columns = new ArrayList<>();
    for (AzureField field : AzureField.values()) {
      StructField best = null;
      int rank = Integer.MAX_VALUE;
      for (StructField candidate : fileSchema.fields()) {
        int r = field.rank(candidate.name());
        if (r < rank) {
          rank = r;
          best = candidate;
        }
      }
      Column value;
      if (best == null) {
        value = lit(null).cast("string");
      } else if (best.dataType() instanceof MapType
          || best.dataType() instanceof StructType
          || best.dataType() instanceof ArrayType) {
        value = to_json(col("`" + best.name() + "`"));
      } else {
        value = col("`" + best.name() + "`").cast("string");
      }
      columns.add(value.as(field.rawName()));
    }
    return columns;
  }
}
