package io.costlake.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeJobTest {
  private static final String DELTA = "io.delta.sql.DeltaSparkSessionExtension";
  private static final String READ_ONLY = ReadOnlySql.class.getName();

  /** The last extension's parser wraps the others': the read-only check must see Delta's. */
  @Test
  void theReadOnlyParserComesLastAfterDeltaAndTheExtensionsGiven() {
    assertEquals(DELTA + "," + READ_ONLY, ServeJob.readOnlyLast(Map.of()));
    assertEquals(
        "com.example.X," + DELTA + "," + READ_ONLY,
        ServeJob.readOnlyLast(
            Map.of("spark.sql.extensions", READ_ONLY + ", " + DELTA + ",com.example.X")));
  }
}
