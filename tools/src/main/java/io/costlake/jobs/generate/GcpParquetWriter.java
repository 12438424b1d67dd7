package io.costlake.jobs.generate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Writes records as BigQuery's Parquet extract does (typed columns, nested and repeated fields),
 * through Spark, into one file with a stable name.
 */
final class GcpParquetWriter {
  private GcpParquetWriter() {}

  static Path write(SparkSession spark, Path folder, List<ObjectNode> records) throws IOException {
    if (spark == null) {
      throw new IllegalStateException("Parquet output needs a Spark session");
    }
    Path staging = folder.resolve("_staging");
    Path json = folder.resolve("staging-records.jsonl");
    Files.write(
        json,
        records.stream().map(ObjectNode::toString).collect(Collectors.toList()),
        java.nio.charset.StandardCharsets.UTF_8);
    try {
      spark
          .read()
          .schema(GcpExportTypes.SCHEMA)
          .json(json.toUri().toString())
          .coalesce(1)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(staging.toUri().toString());
    } finally {
      Files.deleteIfExists(json);
    }
    Path target = folder.resolve("billing_export-000000000000.parquet");
    try (Stream<Path> files = Files.list(staging)) {
      Path part =
          files
              .filter(f -> f.getFileName().toString().endsWith(".parquet"))
              .findFirst()
              .orElseThrow(() -> new IOException("Spark wrote no Parquet file in " + staging));
      Files.move(part, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    try (Stream<Path> rest = Files.walk(staging)) {
      rest.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return target;
  }
}
