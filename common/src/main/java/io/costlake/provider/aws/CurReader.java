package io.costlake.provider.aws;

import io.costlake.ingest.ExportFile;
import io.costlake.io.SerializableHadoopConf;
import io.costlake.io.StoredFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
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
      raw = raw.unionByName(CurParquetReader.read(spark, parquet));
    }
    return raw;
  }

  static Dataset<Row> readCsv(SparkSession spark, List<StoredFile> files) {
    if (files.isEmpty()) {
      return spark.createDataFrame(Collections.<Row>emptyList(), CurRawSchema.SCHEMA);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableHadoopConf conf =
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    // Largest files first, so the longest tasks start first.
    List<StoredFile> ordered = new ArrayList<>(files);
    ordered.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    JavaRDD<Row> rows =
        jsc.parallelize(ordered, ordered.size())
            .mapPartitions(partition -> readAll(partition, conf));
    return spark.createDataFrame(rows, CurRawSchema.SCHEMA);
  }

  private static Iterator<Row> readAll(Iterator<StoredFile> files, SerializableHadoopConf conf) {
    return new Iterator<>() {
      private CurCsvFileReader current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (!files.hasNext()) {
            return false;
          }
          current = new CurCsvFileReader(files.next(), conf.get());
        }
        return true;
      }

      @Override
      public Row next() {
        hasNext();
        return current.next();
      }
    };
  }
}
