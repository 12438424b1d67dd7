package io.costlake.testing;

import io.costlake.config.SparkConfig;
import io.costlake.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM: local[2], 2 shuffle partitions, UI off. Every test class
 * shares it, so the suite pays Spark's start-up once.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSessions.getOrCreate(
              new SparkConfig(
                  "local[2]",
                  "costlake-tests",
                  2,
                  Map.of(
                      "spark.sql.adaptive.coalescePartitions.enabled", "true",
                      "spark.default.parallelism", "2",
                      "spark.databricks.delta.snapshotPartitions", "1")));
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
