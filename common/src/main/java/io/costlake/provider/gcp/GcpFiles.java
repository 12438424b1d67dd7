package io.costlake.provider.gcp;

import io.costlake.ingest.read.FileTasks;
import io.costlake.io.StoredFile;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads JSON-lines or Avro extracts into the GCP raw frame, one task per file. */
final class GcpFiles {
  private GcpFiles() {}

  static Dataset<Row> read(
      SparkSession spark, List<StoredFile> files, GcpFileReader.SourceFactory sources) {
    return FileTasks.read(
        spark, files, GcpRawSchema.SCHEMA, (file, conf) -> new GcpFileReader(file, conf, sources));
  }
}
