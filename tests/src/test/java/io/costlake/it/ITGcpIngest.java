package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * GCP billing exports end to end: a hand-written JSON-lines extract with every kind of record, the
 * generated export in all three formats BigQuery extracts to, and the public flattened-CSV sample.
 */
class ITGcpIngest {
  private static final String FIXTURE =
      "/fixtures/gcp/export-2024-03/billing_export_part_000.jsonl";

  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  private Dataset<Row> table(String warehouse, String name) {
    return spark.read().format("delta").load(warehouse + "/" + name);
  }

  private static Cli ingest(String warehouse, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "ingest",
                "--provider",
                "gcp",
                "--warehouse",
                warehouse,
                "--set",
                "ingest.maxQuarantinedFraction=0.5"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }

  private Path fixture() throws IOException {
    Path file = dir.resolve("export/billing_export_part_000.jsonl");
    Files.createDirectories(file.getParent());
    try (InputStream in = getClass().getResourceAsStream(FIXTURE)) {
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    return file;
  }

  @Test
  void everyKindOfRecordMapsAndNothingIsLost() throws IOException {
    Path file = fixture();
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli = ingest(warehouse, "--source", Fixtures.uri(file.getParent()));
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(cli.out.contains("13 read: 11 in the table, 2 quarantined"), cli.out);

    Dataset<Row> lines = table(warehouse, "cost_line_items");
    Row march =
        lines
            .filter("BillingAccountId = '01A2B3-C4D5E6-F7A8B9' AND x_BillingPeriod = '2024-03'")
            .selectExpr("COUNT(*)", "SUM(BilledCost)", "SUM(EffectiveCost)", "SUM(x_GrossCost)")
            .head();
    assertEquals(10L, march.getLong(0), "9 export rows and 1 promotional credit row");
    assertMoney("32.510001", march.get(1), "cost plus every credit, to the last decimal");
    assertMoney("32.510001", march.get(2));

    Row credit = lines.filter("ChargeCategory = 'Credit'").head();
    assertMoney("-2", credit.getAs("BilledCost"));
    assertEquals("PromotionalCredit", credit.getAs("x_RowOrigin"));
    Row late = lines.filter("x_SourceRow = 5").head();
    assertEquals("2024-03", late.getAs("x_BillingPeriod"), "late usage stays in its invoice month");
    assertEquals(
        java.sql.Timestamp.valueOf("2024-03-01 08:00:00"), late.getAs("BillingPeriodStart"));
    Row drift = lines.filter("x_SourceRow = 9").head();
    Map<String, String> extensions =
        JavaConverters.mapAsJavaMap(drift.getMap(drift.fieldIndex("x_Extensions")));
    assertEquals("{\"a\":1}", extensions.get("new_field"));
    Row february = lines.filter("x_BillingPeriod = '2024-02'").selectExpr("SUM(BilledCost)").head();
    assertMoney("2", february.get(0));
    assertEquals(
        1L, lines.filter("BillingAccountId = '09F8E7-D6C5B4-A3B2C1'").count(), "own slice");

    Row run = table(warehouse, "ingest_runs").head();
    long in = run.getAs("rows_in");
    long written = run.getAs("rows_written");
    long quarantined = run.getAs("rows_quarantined");
    assertEquals(in, written + quarantined, "rows in = rows written + rows quarantined");
    assertEquals(
        0,
        ((BigDecimal) run.getAs("cost_in"))
            .compareTo(
                ((BigDecimal) run.getAs("cost_written"))
                    .add((BigDecimal) run.getAs("cost_quarantined"))),
        "cost in = cost written + cost quarantined");
    assertEquals(List.of("new_field"), run.getList(run.fieldIndex("unknown_columns")));
    assertEquals("gcp-billing-export/v1", run.getAs("contract_version"));

    List<Row> reasons = table(warehouse, "ingest_quarantine").orderBy("source_row").collectAsList();
    assertEquals(2, reasons.size());
    assertEquals(10L, (long) reasons.get(0).getAs("source_row"));
    assertEquals("MALFORMED_JSON", reasons.get(0).getAs("reason_code"));
    assertEquals("cost", reasons.get(1).getAs("column_name"));
    assertEquals("INVALID_NUMBER", reasons.get(1).getAs("reason_code"));

    Cli again = ingest(warehouse, "--source", Fixtures.uri(file.getParent()));
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("0 written, 3 unchanged"), again.out);
    assertEquals(12L, table(warehouse, "cost_line_items").count(), "a re-run never duplicates");
  }

  @Test
  void jsonLinesAvroAndParquetExtractsGiveTheSameTable() {
    List<String> results = new ArrayList<>();
    for (String format : List.of("jsonl", "avro", "parquet")) {
      Path export = dir.resolve("gcp-" + format);
      Cli generate =
          Cli.run(
              "generate",
              "--provider",
              "gcp",
              "--format",
              format,
              "--rows",
              "1500",
              "--months",
              "2",
              "--out",
              export.toString());
      assertEquals(0, generate.exitCode, generate.toString());
      String warehouse = Fixtures.uri(dir.resolve("warehouse-" + format));
      Cli cli = ingest(warehouse, "--source", Fixtures.uri(export));
      assertEquals(0, cli.exitCode, cli.toString());
      assertTrue(cli.out.contains("0 quarantined"), cli.out);
      Dataset<Row> lines = table(warehouse, "cost_line_items");
      StringBuilder summary = new StringBuilder();
      for (Row row :
          lines
              .groupBy("x_BillingPeriod", "ChargeCategory", "x_RowOrigin", "PricingCategory")
              .agg(
                  org.apache.spark.sql.functions.count("*"),
                  org.apache.spark.sql.functions.sum("BilledCost"),
                  org.apache.spark.sql.functions.sum("EffectiveCost"),
                  org.apache.spark.sql.functions.sum("ListCost"),
                  org.apache.spark.sql.functions.sum("PricingQuantity"),
                  org.apache.spark.sql.functions.expr("sum(size(Tags))"),
                  org.apache.spark.sql.functions.min("ChargePeriodStart"))
              .orderBy("x_BillingPeriod", "ChargeCategory", "x_RowOrigin", "PricingCategory")
              .collectAsList()) {
        summary.append(row).append('\n');
      }
      results.add(summary.toString());
      for (Row run : table(warehouse, "ingest_runs").collectAsList()) {
        assertEquals((long) run.getAs("rows_in"), (long) run.getAs("rows_written"), "nothing lost");
        assertEquals(
            0,
            ((BigDecimal) run.getAs("cost_in")).compareTo((BigDecimal) run.getAs("cost_written")));
      }
    }
    assertTrue(results.get(0).contains("Purchase"), results.get(0));
    assertTrue(results.get(0).contains("PromotionalCredit"), results.get(0));
    assertEquals(results.get(0), results.get(1), "Avro maps like JSON lines");
    assertEquals(results.get(0), results.get(2), "Parquet maps like JSON lines");
  }

  @Test
  void theFlattenedCsvSampleWithPythonLiteralsLoads() throws IOException {
    Path sample = dir.resolve("samples/koku_202011_2020-11-08_2020-11-11.csv");
    Files.createDirectories(sample.getParent());
    try (InputStream in =
        getClass()
            .getResourceAsStream(
                "/io/costlake/samples/gcp/koku_202011_2020-11-08_2020-11-11.csv")) {
      Files.copy(in, sample);
    }
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli = ingest(warehouse, "--source", Fixtures.uri(sample));
    assertEquals(0, cli.exitCode, cli.toString());
    Dataset<Row> lines = table(warehouse, "cost_line_items");
    assertEquals(25L, lines.filter("x_RowOrigin = 'Export'").count());
    assertEquals(8L, lines.filter("ChargeCategory = 'Credit'").count(), "free-trial credits");
    Row totals =
        lines
            .selectExpr("SUM(BilledCost)", "SUM(x_GrossCost) FILTER (WHERE x_RowOrigin = 'Export')")
            .head();
    assertMoney("0", totals.get(0), "the free trial paid for all of it");
    assertMoney("0.000032", totals.get(1));
    Row labelled = lines.filter("Tags IS NOT NULL").orderBy("x_SourceRow").head();
    assertEquals(
        Map.of("goog-resource-type", "bigquery_resource"),
        JavaConverters.mapAsJavaMap(labelled.getMap(labelled.fieldIndex("Tags"))));
    assertEquals("gcp-billing-flat-csv/v1", labelled.getAs("x_ContractVersion"));
    assertEquals("GiB", labelled.getAs("PricingUnit"), "gibibyte in FOCUS units");
  }

  /**
   * BigQuery extracts a month as several files; one arrives after the month was ingested. The next
   * ingest rewrites exactly that month's slice and leaves the other as it was.
   */
  @Test
  void aLateFileReingestsExactlyTheSliceItBelongsTo() throws IOException {
    Path export = dir.resolve("gcp-late");
    Cli generate =
        Cli.run(
            "generate",
            "--provider",
            "gcp",
            "--rows",
            "600",
            "--months",
            "2",
            "--out",
            export.toString());
    assertEquals(0, generate.exitCode, generate.toString());
    List<Path> months = Fixtures.files(export, ".jsonl.gz");
    assertEquals(2, months.size(), months.toString());
    Path first = months.get(0);
    List<String> records = Fixtures.gunzipLines(first);
    int half = records.size() / 2;
    Fixtures.gzipLines(first, records.subList(0, half));
    String warehouse = Fixtures.uri(dir.resolve("warehouse-late"));
    Cli before = ingest(warehouse, "--source", Fixtures.uri(export));
    assertEquals(0, before.exitCode, before.toString());
    assertTrue(before.out.contains("slices   2 written, 0 unchanged"), before.out);
    long exportRowsBefore =
        table(warehouse, "cost_line_items").filter("x_RowOrigin = 'Export'").count();

    Path late = first.resolveSibling("billing_export-000000000001.jsonl.gz");
    Fixtures.gzipLines(late, records.subList(half, records.size()));
    Cli after = ingest(warehouse, "--source", Fixtures.uri(export));
    assertEquals(0, after.exitCode, after.toString());
    assertTrue(after.out.contains("slices   1 written, 1 unchanged"), after.out);
    List<Row> written =
        table(warehouse, "ingest_slices")
            .filter("status = 'WRITTEN'")
            .orderBy("recorded_at")
            .collectAsList();
    Row lastWrite = written.get(written.size() - 1);
    List<?> files = lastWrite.getList(lastWrite.fieldIndex("source_files"));
    assertTrue(files.contains(Fixtures.uri(late)), files.toString());
    assertEquals(2, files.size(), "the month is rebuilt from both its files");
    assertEquals(
        exportRowsBefore + records.size() - half,
        table(warehouse, "cost_line_items").filter("x_RowOrigin = 'Export'").count(),
        "the late rows are in, nothing twice");
  }
}
