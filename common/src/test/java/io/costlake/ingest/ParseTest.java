package io.costlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.costlake.testing.TestSpark;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class ParseTest {
  private static List<Timestamp> timestamps(String... texts) {
    return TestSpark.session()
        .createDataset(Arrays.asList(texts), Encoders.STRING())
        .select(Parse.timestamp(col("value")))
        .collectAsList()
        .stream()
        .map(r -> r.isNullAt(0) ? null : r.getTimestamp(0))
        .collect(Collectors.toList());
  }

  @Test
  void zuluOffsetAndZonelessTextAreTheSameInstant() {
    Timestamp expected = Timestamp.from(Instant.parse("2025-09-01T13:00:00Z"));
    for (Timestamp parsed :
        timestamps(
            "2025-09-01T13:00:00Z",
            "2025-09-01T13:00:00.000Z",
            "2025-09-01T13:00:00+00:00",
            "2025-09-01T15:00:00+02:00",
            "2025-09-01 13:00:00",
            "2025-09-01T13:00:00")) {
      assertEquals(expected, parsed);
    }
    assertEquals(
        Timestamp.from(Instant.parse("2025-09-01T00:00:00Z")), timestamps("2025-09-01").get(0));
  }

  @Test
  void textThatIsNoInstantStaysNull() {
    for (Timestamp parsed : timestamps("Z", "yesterdayZ", "2025-13-01T00:00:00Z", "")) {
      assertNull(parsed);
    }
    Row none =
        TestSpark.session()
            .sql("SELECT CAST(NULL AS STRING) AS value")
            .select(Parse.timestamp(col("value")))
            .first();
    assertNull(none.get(0));
  }
}
