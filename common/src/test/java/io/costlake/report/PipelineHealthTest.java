package io.costlake.report;

import static io.costlake.testing.FocusRows.at;
import static io.costlake.testing.Money.assertMoney;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.costlake.model.Table;
import io.costlake.testing.FocusRows;
import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * One account's month with a failed re-run, a drifted file, a quarantined row, a repeated source
 * line, unallocated cost and a reconciled invoice; and a second account with lines only.
 */
class PipelineHealthTest {
  private static final Map<String, Object> SLICE_A =
      Map.of("provider", "test", "billing_account_id", "A", "billing_period", "2024-03");

  @Test
  void eachIndicatorComesFromItsTable() {
    Dataset<Row> health =
        new PipelineHealth("unallocated")
            .compute(
                new PipelineHealth.Inputs(
                    lineItems(), slices(), runs(), quarantine(), allocated(), reconciliation()));
    assertEquals(2, health.count());
    Row a = health.filter("BillingAccountId = 'A'").first();
    assertEquals("2024-03", a.getAs("x_BillingPeriod"));
    assertEquals(3L, (long) a.getAs("ingest_attempts"));
    assertEquals(1L, (long) a.getAs("ingest_failures"));
    assertMoney("66.6667", a.getAs("delivery_success_pct"));
    assertEquals("FAILED", a.getAs("last_ingest_status"));
    assertEquals(at("2024-03-06T12:00:00Z"), a.getAs("last_written_at"));
    // The newest usage ends 03-05 02:00; the tax line's month-long period does not count.
    assertEquals(at("2024-03-05T02:00:00Z"), a.getAs("data_through"));
    assertMoney("34", a.getAs("export_latency_hours"));
    assertEquals(4L, (long) a.getAs("line_count"));
    assertEquals(1L, (long) a.getAs("duplicate_lines"));
    assertMoney("25", a.getAs("duplicate_line_pct"));
    // Only the run that last wrote the slice: the older run's rejects were replaced with it.
    assertEquals(1L, (long) a.getAs("rows_quarantined"));
    assertMoney("20", a.getAs("quarantine_rate_pct"));
    assertEquals(1L, (long) a.getAs("schema_drift_files"));
    assertEquals(List.of("x_new", "x_other"), a.getList(a.fieldIndex("unknown_columns")));
    assertMoney("40", a.getAs("allocated_cost"));
    assertMoney("10", a.getAs("unallocated_cost"));
    assertMoney("25", a.getAs("unallocated_pct"));
    assertEquals("MISMATCH,WITHIN_TOLERANCE", a.getAs("reconciliation_status"));
    assertMoney("3", a.getAs("reconciliation_delta"));
    assertMoney("1", a.getAs("reconciliation_delta_pct"));
    assertEquals("provisional", a.getAs("period_status"), "one of its invoices is not final");

    Row b = health.filter("BillingAccountId = 'B'").first();
    assertEquals(0L, (long) b.getAs("ingest_attempts"));
    assertMoney("100", b.getAs("delivery_success_pct"));
    assertNull(b.getAs("export_latency_hours"));
    assertNull(b.getAs("quarantine_rate_pct"));
    assertEquals(List.of(), b.getList(b.fieldIndex("unknown_columns")));
    assertNull(b.getAs("reconciliation_status"));
    assertEquals("provisional", b.getAs("period_status"));
  }

  private static Dataset<Row> lineItems() {
    FocusRows rows = new FocusRows();
    rows.add("x_RecordHash", "same");
    rows.add("x_RecordHash", "same", "ChargePeriodEnd", "2024-03-05T02:00:00Z");
    rows.add(
        "ChargeCategory",
        "Tax",
        "ChargeFrequency",
        "Recurring",
        "ChargePeriodEnd",
        "2024-04-01T00:00:00Z");
    rows.add();
    rows.add("BillingAccountId", "B");
    return rows.frame();
  }

  private static Dataset<Row> slices() {
    return frame(
        Table.INGEST_SLICES,
        slice("r0", "WRITTEN", "2024-03-04T00:00:00Z", List.of("f1")),
        slice("r1", "WRITTEN", "2024-03-06T12:00:00Z", List.of("f1", "f2")),
        slice("r2", "FAILED", "2024-03-07T00:00:00Z", List.of("f1", "f2", "f3")));
  }

  private static Map<String, Object> slice(
      String run, String status, String at, List<String> files) {
    Map<String, Object> v = new HashMap<>(SLICE_A);
    v.put("run_id", run);
    v.put("status", status);
    v.put("recorded_at", at(at));
    v.put("source_files", files);
    v.put("rows_written", 4L);
    return v;
  }

  private static Dataset<Row> runs() {
    return frame(
        Table.INGEST_RUNS,
        run("r0", "f1", List.of("x_old")),
        run("r1", "f1", List.of("x_other", "x_new")),
        run("r1", "f2", List.of()),
        run("r2", "f3", List.of("x_failed")));
  }

  private static Map<String, Object> run(String run, String file, List<String> unknown) {
    return Map.of("run_id", run, "source_file", file, "unknown_columns", unknown);
  }

  private static Dataset<Row> quarantine() {
    Map<String, Object> older = new HashMap<>(SLICE_A);
    older.put("run_id", "r0");
    Map<String, Object> last = new HashMap<>(SLICE_A);
    last.put("run_id", "r1");
    return frame(Table.INGEST_QUARANTINE, older, last);
  }

  private static Dataset<Row> allocated() {
    Dataset<Row> lines = lineItems().filter("BillingAccountId = 'A'");
    return lines.withColumn(
        "owner",
        when(col("ChargeCategory").equalTo("Tax"), lit("unallocated")).otherwise(lit("team")));
  }

  private static Dataset<Row> reconciliation() {
    return frame(
        Table.INVOICE_RECONCILIATION,
        invoice("WITHIN_TOLERANCE", "1", "100", "final"),
        invoice("MISMATCH", "2", "200", "provisional"));
  }

  private static Map<String, Object> invoice(
      String status, String delta, String total, String periodStatus) {
    return Map.of(
        "x_Provider", "test",
        "BillingAccountId", "A",
        "x_BillingPeriod", "2024-03",
        "status", status,
        "delta", delta,
        "invoice_total", total,
        "period_status", periodStatus);
  }

  /** Rows of a table's schema from column-name maps; missing columns are null. */
  @SafeVarargs
  private static Dataset<Row> frame(Table table, Map<String, Object>... values) {
    List<Row> rows = new ArrayList<>();
    StructField[] fields = table.schema().fields();
    for (Map<String, Object> v : values) {
      Object[] cells = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        Object value = v.get(fields[i].name());
        if (value instanceof String && fields[i].dataType() instanceof DecimalType) {
          value = new BigDecimal((String) value);
        }
        if (value instanceof List) {
          value = scala.collection.JavaConverters.asScalaBuffer((List<?>) value).toSeq();
        }
        cells[i] = value;
      }
      rows.add(RowFactory.create(cells));
    }
    // Columns a test leaves out are null, so the schema it builds on must allow it.
    StructType nullable =
        new StructType(
            java.util.Arrays.stream(fields)
                .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata()))
                .toArray(StructField[]::new));
    return TestSpark.session().createDataFrame(rows, nullable);
  }
}
