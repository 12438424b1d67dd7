package io.costlake.ingest.read;

import io.costlake.io.SerializableHadoopConf;
import io.costlake.io.StoredFile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Reads CSV export files into a raw frame, one task per file: gzip is not splittable anyway, and
 * one task knows the file's row numbers and checksum.
 */
public final class CsvFiles {
  private CsvFiles() {}

  public static Dataset<Row> read(SparkSession spark, List<StoredFile> files, CsvLayout layout) {
    if (files.isEmpty()) {
      return spark.createDataFrame(Collections.<Row>emptyList(), layout.schema());
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableHadoopConf conf =
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    // Largest files first, so the longest tasks start first.
    List<StoredFile> ordered = new ArrayList<>(files);
    ordered.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    JavaRDD<Row> rows =
        jsc.parallelize(ordered, ordered.size())
            .mapPartitions(partition -> readAll(partition, conf, layout));
    return spark.createDataFrame(rows, layout.schema());
  }

  private static Iterator<Row> readAll(
      Iterator<StoredFile> files, SerializableHadoopConf conf, CsvLayout layout) {
    return new Iterator<>() {
      private CsvFileReader current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (!files.hasNext()) {
            return false;
          }
          current = new CsvFileReader(files.next(), conf.get(), layout);
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
