package io.costlake.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class IngestChecksTest {
  private static final String ERRORS =
      "CAST(array() AS array<struct<column_name:string,reason_code:string,reason:string,"
          + "raw_value:string>>)";

  /** Mapped rows: (file, row, hash, account, period, charge start, superseded). */
  private static Dataset<Row> rows(String... values) {
    return TestSpark.session()
        .sql(
            "SELECT col1 AS x_SourceFile, CAST(col2 AS BIGINT) AS x_SourceRow,"
                + " col3 AS x_RecordHash, col4 AS BillingAccountId, col5 AS x_BillingPeriod,"
                + " CAST(col6 AS TIMESTAMP) AS ChargePeriodStart, CAST(col7 AS BOOLEAN) AS"
                + " _superseded, "
                + ERRORS
                + " AS _errors FROM VALUES "
                + String.join(", ", values));
  }

  /** Per "file#row", the reason codes the checks gave it. */
  private static Map<String, String> reasons(Dataset<Row> checked) {
    Map<String, String> out = new TreeMap<>();
    for (Row r :
        checked
            .selectExpr(
                "concat(x_SourceFile, '#', x_SourceRow)",
                "array_join(transform(_errors, e -> e.reason_code), ',')",
                "_duplicate")
            .collectAsList()) {
      out.put(r.getString(0), r.getString(1) + (r.getBoolean(2) ? " dup" : ""));
    }
    return out;
  }

  private static Dataset<Row> check(Dataset<Row> rows, Map<String, String> manifestAccounts) {
    Dataset<Row> repeated = IngestChecks.repeatedRecords(rows);
    return IngestChecks.apply(rows, repeated.isEmpty() ? null : repeated, manifestAccounts, 366);
  }

  @Test
  void laterCopiesOfARecordAreDuplicatesAndTheFirstIsKept() {
    Dataset<Row> rows =
        rows(
            "('b.csv', 1, 'h1', '1', '2024-03', '2024-03-02', false)",
            "('a.csv', 7, 'h1', '1', '2024-03', '2024-03-02', false)",
            "('a.csv', 9, 'h1', '1', '2024-03', '2024-03-02', false)",
            "('a.csv', 8, 'h2', '1', '2024-03', '2024-03-02', false)");
    assertEquals(
        Map.of(
            "a.csv#7", "",
            "a.csv#8", "",
            "a.csv#9", "DUPLICATE_RECORD dup",
            "b.csv#1", "DUPLICATE_RECORD dup"),
        reasons(check(rows, Map.of())));
    String reason =
        check(rows, Map.of())
            .filter("x_SourceFile = 'b.csv'")
            .selectExpr("_errors[0].reason")
            .head()
            .getString(0);
    assertEquals("the same record as row 7 of a.csv", reason);
  }

  @Test
  void supersededRowsAreNotDuplicatesOfTheRowsThatSupersedeThem() {
    Dataset<Row> rows =
        rows(
            "('actual.csv', 1, 'h1', '1', '2024-03', '2024-03-02', true)",
            "('amortized.csv', 1, 'h1', '1', '2024-03', '2024-03-02', false)");
    assertEquals(Map.of("actual.csv#1", "", "amortized.csv#1", ""), reasons(check(rows, Map.of())));
  }

  @Test
  void rowsOfAnotherAccountThanTheirManifestNamesAreRejected() {
    Dataset<Row> rows =
        rows(
            "('m/part-1.csv', 1, 'h1', '111', '2024-03', '2024-03-02', false)",
            "('m/part-1.csv', 2, 'h2', '999', '2024-03', '2024-03-02', false)",
            "('loose.csv', 1, 'h3', '999', '2024-03', '2024-03-02', false)");
    assertEquals(
        Map.of("m/part-1.csv#1", "", "m/part-1.csv#2", "ACCOUNT_MISMATCH", "loose.csv#1", ""),
        reasons(check(rows, Map.of("m/part-1.csv", "111"))));
  }

  @Test
  void chargesFarFromTheirBillingPeriodAreRejectedLateRefundsAreNot() {
    Dataset<Row> rows =
        rows(
            "('a.csv', 1, 'h1', '1', '2024-03', '2024-03-31 23:00:00', false)",
            "('a.csv', 2, 'h2', '1', '2024-03', '2023-03-01 00:00:00', false)",
            "('a.csv', 3, 'h3', '1', '2024-03', '2023-02-28 23:59:59', false)",
            "('a.csv', 4, 'h4', '1', '2024-03', '2025-04-02 00:00:00', false)",
            "('a.csv', 5, 'h5', '1', '2024-03', '2009-03-05 10:00:00', false)",
            "('a.csv', 6, 'h6', '1', '2024-03', NULL, false)");
    Map<String, String> reasons = reasons(check(rows, Map.of()));
    assertEquals("", reasons.get("a.csv#1"));
    assertEquals("", reasons.get("a.csv#2"), "366 days before the period: a late refund");
    assertEquals("CHARGE_OUTSIDE_PERIOD", reasons.get("a.csv#3"));
    assertEquals("CHARGE_OUTSIDE_PERIOD", reasons.get("a.csv#4"));
    assertEquals("CHARGE_OUTSIDE_PERIOD", reasons.get("a.csv#5"));
    assertEquals("", reasons.get("a.csv#6"), "a missing date is the mapping's to report");
  }

  @Test
  void aCleanExportNeedsNoJoin() {
    Dataset<Row> rows =
        rows(
            "('a.csv', 1, 'h1', '1', '2024-03', '2024-03-02', false)",
            "('a.csv', 2, 'h2', '1', '2024-03', '2024-03-02', false)");
    assertTrue(IngestChecks.repeatedRecords(rows).isEmpty());
    assertEquals(
        List.of(false, false),
        IngestChecks.apply(rows, null, Map.of(), 366)
            .orderBy("x_SourceRow")
            .select(IngestChecks.DUPLICATE)
            .collectAsList()
            .stream()
            .map(r -> r.getBoolean(0))
            .collect(java.util.stream.Collectors.toList()));
  }
}
