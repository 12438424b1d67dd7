package io.costlake.ingest.read;

import io.costlake.io.StoredFile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads CSV export files into a raw frame of their layout, one task per file. */
public final class CsvFiles {
  private CsvFiles() {}

  public static Dataset<Row> read(SparkSession spark, List<StoredFile> files, CsvLayout layout) {
    return FileTasks.read(
        spark, files, layout.schema(), (file, conf) -> new CsvFileReader(file, conf, layout));
  }
}
