package io.costlake.provider.gcp;

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

/** Reads JSON-lines or Avro extracts into the GCP raw frame, one task per file, largest first. */
final class GcpFiles {
  private GcpFiles() {}

  static Dataset<Row> read(
      SparkSession spark, List<StoredFile> files, GcpFileReader.SourceFactory sources) {
    if (files.isEmpty()) {
      return spark.createDataFrame(Collections.<Row>emptyList(), GcpRawSchema.SCHEMA);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableHadoopConf conf =
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    List<StoredFile> ordered = new ArrayList<>(files);
    ordered.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    JavaRDD<Row> rows =
        jsc.parallelize(ordered, ordered.size())
            .mapPartitions(partition -> readAll(partition, conf, sources));
    return spark.createDataFrame(rows, GcpRawSchema.SCHEMA);
  }

  private static Iterator<Row> readAll(
      Iterator<StoredFile> files,
      SerializableHadoopConf conf,
      GcpFileReader.SourceFactory sources) {
    return new Iterator<>() {
      private GcpFileReader current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (!files.hasNext()) {
            return false;
          }
          current = new GcpFileReader(files.next(), conf.get(), sources);
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
