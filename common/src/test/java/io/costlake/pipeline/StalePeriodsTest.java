package io.costlake.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.costlake.testing.TestSpark;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class StalePeriodsTest {
  /** ingest_slices rows: (billing_period, status, table_version). */
  private static Dataset<Row> slices(String... values) {
    return TestSpark.session()
        .sql(
            "SELECT col1 AS billing_period, col2 AS status, CAST(col3 AS BIGINT) AS table_version"
                + " FROM VALUES "
                + String.join(", ", values));
  }

  /** pipeline_runs rows: (billing_period, input_version). */
  private static Dataset<Row> runs(String... values) {
    String body =
        values.length == 0
            ? "SELECT CAST(NULL AS STRING) AS billing_period, CAST(NULL AS BIGINT) AS"
                + " input_version WHERE false"
            : "SELECT col1 AS billing_period, CAST(col2 AS BIGINT) AS input_version FROM VALUES "
                + String.join(", ", values);
    return TestSpark.session().sql(body);
  }

  private static List<String> stale(Dataset<Row> slices, Dataset<Row> runs) {
    return StalePeriods.of(slices, runs).collectAsList().stream()
        .map(r -> r.getString(0) + "@" + r.get(1) + "/" + r.get(2))
        .collect(Collectors.toList());
  }

  @Test
  void aPeriodNeverComputedIsStale() {
    assertEquals(
        List.of("2024-01@3/null", "2024-02@3/null"),
        stale(slices("('2024-01', 'WRITTEN', 3)", "('2024-02', 'WRITTEN', 3)"), runs()));
  }

  @Test
  void onlyThePeriodWrittenAfterItsLastRunIsStale() {
    Dataset<Row> slices =
        slices(
            "('2024-01', 'WRITTEN', 3)",
            "('2024-02', 'WRITTEN', 3)",
            "('2024-01', 'WRITTEN', 5)", // a late file re-ingested January
            "('2024-02', 'UNCHANGED', NULL)",
            "('2024-02', 'FAILED', NULL)");
    assertEquals(List.of("2024-01@5/4"), stale(slices, runs("('2024-01', 4)", "('2024-02', 4)")));
    assertEquals(
        List.of(),
        stale(slices, runs("('2024-01', 4)", "('2024-02', 4)", "('2024-01', 5)")),
        "the run that read version 5 brought January up to date");
  }
}
