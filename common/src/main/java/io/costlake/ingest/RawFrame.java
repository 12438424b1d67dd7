package io.costlake.ingest;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The frame every adapter's reader produces before mapping: provider fields as strings, plus meta
 * columns that say where each record came from. A reader emits one {@code ROW} record per data row
 * and, per file, one {@code FILE} record carrying the file's checksum, row count and any file-level
 * error, so nothing about a file is lost even when it cannot be read to the end.
 */
public final class RawFrame {
  public static final String KIND = "_kind";
  public static final String KIND_ROW = "ROW";
  public static final String KIND_FILE = "FILE";
  public static final String SOURCE_FILE = "_source_file";
  public static final String SOURCE_ROW = "_source_row";
  public static final String CONTRACT = "_contract";

  /** Reader-level problem with one row (e.g. more cells than the header). */
  public static final String ROW_ERROR_CODE = "_row_error_code";

  public static final String ROW_ERROR_COLUMN = "_row_error_column";
  public static final String ROW_ERROR_VALUE = "_row_error_value";
  public static final String FILE_SHA256 = "_file_sha256";
  public static final String FILE_BYTES = "_file_bytes";
  public static final String ROWS_READ = "_rows_read";
  public static final String FILE_ERROR_CODE = "_file_error_code";
  public static final String FILE_ERROR_MESSAGE = "_file_error_message";
  public static final String UNKNOWN_COLUMNS = "_unknown_columns";

  private static final List<StructField> LEADING =
      List.of(
          field(KIND, DataTypes.StringType),
          field(SOURCE_FILE, DataTypes.StringType),
          field(SOURCE_ROW, DataTypes.LongType),
          field(CONTRACT, DataTypes.StringType),
          field(ROW_ERROR_CODE, DataTypes.StringType),
          field(ROW_ERROR_COLUMN, DataTypes.StringType),
          field(ROW_ERROR_VALUE, DataTypes.StringType));
  private static final List<StructField> TRAILING =
      List.of(
          field(FILE_SHA256, DataTypes.StringType),
          field(FILE_BYTES, DataTypes.LongType),
          field(ROWS_READ, DataTypes.LongType),
          field(FILE_ERROR_CODE, DataTypes.StringType),
          field(FILE_ERROR_MESSAGE, DataTypes.StringType),
          field(UNKNOWN_COLUMNS, DataTypes.createArrayType(DataTypes.StringType, true)));

  private RawFrame() {}

  /** Index of the first provider field in a raw row. */
  public static final int FIRST_PROVIDER_FIELD = LEADING.size();

  public static int trailingWidth() {
    return TRAILING.size();
  }

  /** The raw schema: meta columns around the provider's own columns. */
  public static StructType schema(List<StructField> providerFields) {
    List<StructField> all = new ArrayList<>(LEADING);
    all.addAll(providerFields);
    all.addAll(TRAILING);
    return new StructType(all.toArray(new StructField[0]));
  }

  public static StructField field(String name, DataType type) {
    return new StructField(name, type, true, org.apache.spark.sql.types.Metadata.empty());
  }

  public static Column isRow() {
    return col(KIND).equalTo(KIND_ROW);
  }

  public static Column isFile() {
    return col(KIND).equalTo(KIND_FILE);
  }
}
