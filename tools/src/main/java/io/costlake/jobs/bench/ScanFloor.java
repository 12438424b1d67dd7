package io.costlake.jobs.bench;

import java.util.List;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The physical floor: Spark reading the same raw files with every column materialized (the noop
 * sink forces each value to be parsed, unlike count()) and nothing else. What ingest takes beyond
 * this is the cost of costlake's own logic.
 */
public final class ScanFloor {
  private ScanFloor() {}

  /** CSV files (plain or gzip) with a header line, every column as text. */
  public static void csv(SparkSession spark, List<String> files) {
    scan(reader(spark).option("header", "true").csv(files.toArray(new String[0])));
  }

  /**
   * JSON-lines files. The schema is inferred from the first file's first 1,000 lines, so that the
   * floor is one pass over the data, as ingest's is.
   */
  public static void jsonLines(SparkSession spark, List<String> files) {
    Dataset<String> sample = spark.read().textFile(files.get(0)).limit(1_000);
    StructType schema = spark.read().json(sample).schema();
    scan(reader(spark).schema(schema).json(files.toArray(new String[0])));
  }

  private static DataFrameReader reader(SparkSession spark) {
    return spark.read().option("mode", "PERMISSIVE");
  }

  private static void scan(Dataset<Row> frame) {
    frame.write().format("noop").mode("overwrite").save();
  }
}
