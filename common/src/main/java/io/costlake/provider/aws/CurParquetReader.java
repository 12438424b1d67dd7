package io.costlake.provider.aws;

import io.costlake.io.StoredFile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads CUR Parquet files (Athena-style CUR 1.0 and CUR 2.0) into the raw frame. */
final class CurParquetReader {
  private CurParquetReader() {}

  static Dataset<Row> read(SparkSession spark, List<StoredFile> files) {
    throw new UnsupportedOperationException("not yet");
  }
}
