package io.costlake.provider.aws;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_filter;

import io.costlake.ingest.RawFrame;
import io.costlake.io.OpenedFile;
import io.costlake.io.SerializableHadoopConf;
import io.costlake.io.StoredFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Reads CUR Parquet files (CUR 1.0 with Athena names, and CUR 2.0 with its map columns) into the
 * raw frame, through Spark's own Parquet reader so only the needed columns are decoded. A first
 * pass over the files (one task each) checks every footer and computes checksums, so one corrupt
 * file becomes a file-level failure instead of failing the whole read.
 */
final class CurParquetReader {
  private static final String FILE_PATH = "_file_path";

  private CurParquetReader() {}

  static Dataset<Row> read(SparkSession spark, List<StoredFile> files) {
    List<FileCheck> checks = check(spark, files);
    List<String> readable = new ArrayList<>();
    Map<String, String> uriByPath = new HashMap<>();
    for (FileCheck check : checks) {
      if (check.errorMessage == null) {
        readable.add(check.uri);
        uriByPath.put(new Path(check.uri).toUri().toString(), check.uri);
      }
    }
    StructType schema;
    Dataset<Row> rows;
    Map<String, Long> counts = new HashMap<>();
    if (readable.isEmpty()) {
      schema = new StructType();
      rows = spark.createDataFrame(new ArrayList<Row>(), CurRawSchema.SCHEMA);
    } else {
      Dataset<Row> parquet =
          spark.read().option("mergeSchema", "true").parquet(readable.toArray(new String[0]));
      schema = parquet.schema();
      Column sourceFile =
          element_at(io.costlake.spark.Literals.map(uriByPath), col("_metadata.file_path"));
      Dataset<Row> withMeta =
          parquet.select(
              col("*"),
              sourceFile.as(FILE_PATH),
              col("_metadata.row_index").plus(lit(1L)).as(RawFrame.SOURCE_ROW));
      rows = withMeta.select(rawColumns(schema));
      for (Row count : withMeta.groupBy(FILE_PATH).count().collectAsList()) {
        counts.put(count.getString(0), count.getLong(1));
      }
    }
    List<String> unknown = unknownColumns(schema);
    List<Row> fileRecords = new ArrayList<>();
    for (FileCheck check : checks) {
      fileRecords.add(
          fileRecord(check, counts.getOrDefault(check.uri, 0L), unknown, contract(schema)));
    }
    return rows.unionByName(spark.createDataFrame(fileRecords, CurRawSchema.SCHEMA));
  }

  /** The raw frame's columns, found in whatever Parquet schema the files have. */
  private static Column[] rawColumns(StructType schema) {
    Map<String, String> byKey = new LinkedHashMap<>();
    for (String name : schema.fieldNames()) {
      byKey.putIfAbsent(CurField.key(name), name);
    }
    Optional<String> productMap = mapColumn(schema, "product");
    List<Column> columns = new ArrayList<>();
    columns.add(lit(RawFrame.KIND_ROW).as(RawFrame.KIND));
    columns.add(col(FILE_PATH).as(RawFrame.SOURCE_FILE));
    columns.add(col(RawFrame.SOURCE_ROW));
    columns.add(lit(contract(schema)).as(RawFrame.CONTRACT));
    columns.add(lit(null).cast("string").as(RawFrame.ROW_ERROR_CODE));
    columns.add(lit(null).cast("string").as(RawFrame.ROW_ERROR_COLUMN));
    columns.add(lit(null).cast("string").as(RawFrame.ROW_ERROR_VALUE));
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
      String source = byKey.get(CurField.key(field.curName()));
      Column value;
      if (source != null) {
        value = col("`" + source + "`").cast("string");
      } else if (normalizedProduct != null && field.family().equals("product")) {
        value = element_at(normalizedProduct, lit(CurField.key(field.attribute())));
      } else {
        value = lit(null).cast("string");
      }
      columns.add(value.as(field.rawName()));
    }
    columns.add(keyed(schema, "resource_tags").as(CurRawSchema.RESOURCE_TAGS));
    columns.add(keyed(schema, "cost_category").as(CurRawSchema.COST_CATEGORY));
    columns.add(
        lit(byKey.containsKey(CurField.key(CurField.LINE_ITEM_NET_UNBLENDED_COST.curName())))
            .as(CurRawSchema.NET_COLUMNS));
    columns.add(lit(null).cast("string").as(RawFrame.FILE_SHA256));
    columns.add(lit(null).cast("long").as(RawFrame.FILE_BYTES));
    columns.add(lit(null).cast("long").as(RawFrame.ROWS_READ));
    columns.add(lit(null).cast("string").as(RawFrame.FILE_ERROR_CODE));
    columns.add(lit(null).cast("string").as(RawFrame.FILE_ERROR_MESSAGE));
    columns.add(lit(null).cast("array<string>").as(RawFrame.UNKNOWN_COLUMNS));
    return columns.toArray(new Column[0]);
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

  static String contract(StructType schema) {
    boolean cur2 =
        mapColumn(schema, "resource_tags").isPresent()
            || mapColumn(schema, "product").isPresent()
            || mapColumn(schema, "cost_category").isPresent();
    return (cur2 ? CurFormat.CUR_2_0 : CurFormat.CUR_1_0_ATHENA).contractVersion();
  }

  private static List<String> unknownColumns(StructType schema) {
    return CurHeader.of(schema.fieldNames()).unknownColumns();
  }

  private static Row fileRecord(FileCheck check, long rows, List<String> unknown, String contract) {
    Object[] values = new Object[CurRawSchema.width()];
    int trailing = values.length - RawFrame.trailingWidth();
    values[0] = RawFrame.KIND_FILE;
    values[1] = check.uri;
    values[3] = contract;
    values[trailing] = check.sha256;
    values[trailing + 1] = check.bytes;
    values[trailing + 2] = check.errorMessage == null ? rows : null;
    values[trailing + 3] = check.errorMessage == null ? null : "UNREADABLE_FILE";
    values[trailing + 4] = check.errorMessage;
    values[trailing + 5] = JavaConverters.asScalaBuffer(unknown).toSeq();
    return RowFactory.create(values);
  }

  /** Footer check and checksum of one file, computed on an executor. */
  static final class FileCheck implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    final String uri;
    final String sha256;
    final Long bytes;
    final String errorMessage;

    FileCheck(String uri, String sha256, Long bytes, String errorMessage) {
      this.uri = uri;
      this.sha256 = sha256;
      this.bytes = bytes;
      this.errorMessage = errorMessage;
    }
  }

  private static List<FileCheck> check(SparkSession spark, List<StoredFile> files) {
    SerializableHadoopConf conf =
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(files, Math.max(1, files.size()))
        .map(file -> checkOne(file, conf))
        .collect();
  }

  private static FileCheck checkOne(StoredFile file, SerializableHadoopConf conf) {
    try (ParquetFileReader reader =
        ParquetFileReader.open(HadoopInputFile.fromPath(new Path(file.uri()), conf.get()))) {
      reader.getFooter();
    } catch (IOException | RuntimeException e) {
      return new FileCheck(
          file.uri(),
          null,
          file.bytes(),
          "not a readable Parquet file: " + firstLine(e.getMessage()));
    }
    try (OpenedFile opened = OpenedFile.open(file.uri(), conf.get())) {
      opened.drain();
      return new FileCheck(file.uri(), opened.sha256Hex(), opened.storedBytesRead(), null);
    } catch (IOException e) {
      return new FileCheck(
          file.uri(), null, file.bytes(), "cannot read it: " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "unknown error" : message.split("\\R", 2)[0];
  }
}
