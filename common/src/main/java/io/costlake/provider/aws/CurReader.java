package io.costlake.provider.aws;

import io.costlake.ingest.ExportFile;
import io.costlake.ingest.read.CsvFiles;
import io.costlake.ingest.read.ParquetFiles;
import io.costlake.io.StoredFile;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads CUR export files into the raw frame ({@link CurRawSchema}): CSV files one task per file
 * (gzip is not splittable anyway, and one task knows the file's row numbers and checksum), Parquet
 * files through Spark's reader ({@link CurParquetReader}).
 */
public final class CurReader {
  private CurReader() {}

  public static Dataset<Row> read(SparkSession spark, List<ExportFile> files) {
    List<StoredFile> csv =
        files.stream()
            .filter(f -> f.layout() == ExportFile.Layout.CSV)
            .map(ExportFile::file)
            .collect(Collectors.toList());
    List<StoredFile> parquet =
        files.stream()
            .filter(f -> f.layout() == ExportFile.Layout.PARQUET)
            .map(ExportFile::file)
            .collect(Collectors.toList());
    Dataset<Row> raw = readCsv(spark, csv);
    if (!parquet.isEmpty()) {
      raw = raw.unionByName(ParquetFiles.read(spark, parquet, new CurParquetLayout()));
    }
    return raw;
  }

  static Dataset<Row> readCsv(SparkSession spark, List<StoredFile> files) {
    return CsvFiles.read(spark, files, new CurCsvLayout());
  }
}
