package io.costlake.ingest.read;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.StructType;

/**
 * How one provider's Parquet exports turn into its raw frame, given the (merged) schema of the
 * files: Spark reads only the columns the layout selects.
 */
public interface ParquetLayout {
  /** The raw frame ({@link io.costlake.ingest.RawFrame#schema}) this layout fills. */
  StructType schema();

  /** The contract files with this schema are read under. */
  String contract(StructType fileSchema);

  /** Columns of the files' schema the contract does not know: drift. */
  List<String> unknownColumns(StructType fileSchema);

  /**
   * The provider fields of the raw frame (everything between the leading and trailing meta
   * columns), as expressions over the files' columns.
   */
  List<Column> providerColumns(StructType fileSchema);
}
