package io.costlake.ingest.read;

import io.costlake.ingest.ExportFile;
import io.costlake.io.StoredFile;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** An export's files by layout, read each through its own reader into one raw frame. */
public final class ExportFiles {
  private ExportFiles() {}

  /** The files of one layout, in the order discovery found them. */
  public static List<StoredFile> of(List<ExportFile> files, ExportFile.Layout layout) {
    return files.stream()
        .filter(f -> f.layout() == layout)
        .map(ExportFile::file)
        .collect(Collectors.toList());
  }

  /** CSV files (plain, gzip, zip) through {@code csv}, Parquet files through {@code parquet}. */
  public static Dataset<Row> read(
      SparkSession spark, List<ExportFile> files, CsvLayout csv, ParquetLayout parquet) {
    Dataset<Row> csvRows = CsvFiles.read(spark, of(files, ExportFile.Layout.CSV), csv);
    List<StoredFile> parquetFiles = of(files, ExportFile.Layout.PARQUET);
    return parquetFiles.isEmpty()
        ? csvRows
        : csvRows.unionByName(ParquetFiles.read(spark, parquetFiles, parquet));
  }
}
