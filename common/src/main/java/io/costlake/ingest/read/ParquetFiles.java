package io.costlake.ingest.read;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;

import io.costlake.ingest.RawFrame;
import io.costlake.io.OpenedFile;
import io.costlake.io.SerializableHadoopConf;
import io.costlake.io.StoredFile;
import io.costlake.spark.Literals;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;

/**
 * Reads Parquet export files into a raw frame through Spark's own Parquet reader, so only the
 * columns a {@link ParquetLayout} selects are decoded. A first pass over the files (one task each)
 * checks every footer and computes checksums, so one corrupt file becomes a file-level failure
 * instead of failing the whole read. Row numbers come from Parquet's row index.
 */
public final class ParquetFiles {
  private static final String FILE_PATH = "_file_path";

  private ParquetFiles() {}

  public static Dataset<Row> read(
      SparkSession spark, List<StoredFile> files, ParquetLayout layout) {
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
      rows = spark.createDataFrame(new ArrayList<Row>(), layout.schema());
    } else {
      Dataset<Row> parquet =
          spark.read().option("mergeSchema", "true").parquet(readable.toArray(new String[0]));
      schema = parquet.schema();
      Column sourceFile = element_at(Literals.map(uriByPath), col("_metadata.file_path"));
      Dataset<Row> withMeta =
          parquet.select(
              col("*"),
              sourceFile.as(FILE_PATH),
              col("_metadata.row_index").plus(lit(1L)).as(RawFrame.SOURCE_ROW));
      List<Column> columns = new ArrayList<>();
      columns.add(lit(RawFrame.KIND_ROW).as(RawFrame.KIND));
      columns.add(col(FILE_PATH).as(RawFrame.SOURCE_FILE));
      columns.add(col(RawFrame.SOURCE_ROW));
      columns.add(lit(layout.contract(schema)).as(RawFrame.CONTRACT));
      columns.add(lit(null).cast("string").as(RawFrame.ROW_ERROR_CODE));
      columns.add(lit(null).cast("string").as(RawFrame.ROW_ERROR_COLUMN));
      columns.add(lit(null).cast("string").as(RawFrame.ROW_ERROR_VALUE));
      columns.addAll(layout.providerColumns(schema));
      columns.add(lit(null).cast("string").as(RawFrame.FILE_SHA256));
      columns.add(lit(null).cast("long").as(RawFrame.FILE_BYTES));
      columns.add(lit(null).cast("long").as(RawFrame.ROWS_READ));
      columns.add(lit(null).cast("string").as(RawFrame.FILE_ERROR_CODE));
      columns.add(lit(null).cast("string").as(RawFrame.FILE_ERROR_MESSAGE));
      columns.add(lit(null).cast("array<string>").as(RawFrame.UNKNOWN_COLUMNS));
      rows = withMeta.select(columns.toArray(new Column[0]));
      for (Row count : withMeta.groupBy(FILE_PATH).count().collectAsList()) {
        counts.put(count.getString(0), count.getLong(1));
      }
    }
    List<String> unknown = readable.isEmpty() ? List.of() : layout.unknownColumns(schema);
    String contract = readable.isEmpty() ? "unknown" : layout.contract(schema);
    List<Row> fileRecords = new ArrayList<>();
    for (FileCheck check : checks) {
      fileRecords.add(
          fileRecord(
              layout.schema().fields().length,
              check,
              counts.getOrDefault(check.uri, 0L),
              unknown,
              contract));
    }
    return rows.unionByName(spark.createDataFrame(fileRecords, layout.schema()));
  }

  private static Row fileRecord(
      int width, FileCheck check, long rows, List<String> unknown, String contract) {
    Object[] values = new Object[width];
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
