package io.costlake.ingest.read;

import io.costlake.io.SerializableHadoopConf;
import io.costlake.io.StoredFile;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Reads export files into a raw frame, one task per file: gzip is not splittable anyway, and one
 * task knows the file's row numbers and checksum. Largest files first, so the longest tasks start
 * first.
 */
public final class FileTasks {
  /** Opens one file for reading, on an executor. */
  public interface Opener extends Serializable {
    FileRowReader open(StoredFile file, Configuration conf);
  }

  private FileTasks() {}

  public static Dataset<Row> read(
      SparkSession spark, List<StoredFile> files, StructType schema, Opener opener) {
    if (files.isEmpty()) {
      return spark.createDataFrame(Collections.<Row>emptyList(), schema);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SerializableHadoopConf conf =
        new SerializableHadoopConf(spark.sparkContext().hadoopConfiguration());
    List<StoredFile> ordered = new ArrayList<>(files);
    ordered.sort((a, b) -> Long.compare(b.bytes(), a.bytes()));
    JavaRDD<Row> rows =
        jsc.parallelize(ordered, ordered.size())
            .mapPartitions(partition -> readAll(partition, conf, opener));
    return spark.createDataFrame(rows, schema);
  }

  private static Iterator<Row> readAll(
      Iterator<StoredFile> files, SerializableHadoopConf conf, Opener opener) {
    return new Iterator<>() {
      private FileRowReader current;

      @Override
      public boolean hasNext() {
        while (current == null || !current.hasNext()) {
          if (!files.hasNext()) {
            return false;
          }
          current = opener.open(files.next(), conf.get());
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
