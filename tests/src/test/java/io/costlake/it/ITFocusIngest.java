package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * FOCUS files end to end: the spec's own examples as they are, and a provider-style Parquet export.
 */
class ITFocusIngest {
  private static final List<String> EXAMPLES =
      List.of(
          "commitment_discount_purchase_scenario_1.csv",
          "commitment_discount_purchase_scenario_2.csv",
          "commitment_discount_purchase_scenario_3.csv",
          "commitment_discount_usage_scenario_1.csv",
          "commitment_discount_usage_scenario_2.csv",
          "commitment_discount_usage_scenario_3.csv",
          "commitment_discount_usage_scenario_4.csv",
          "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_1_resource.csv",
          "one_hundred_percent_utilization_with_commitment_discount_flexibility_with_2_resources.csv",
          "one_hundred_percent_utilization_without_commitment_discount_flexibility.csv",
          "zero_percent_utilization_without_commitment_discount_flexibility.csv");

  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  private Path examples() throws IOException {
    Path folder = dir.resolve("examples");
    Files.createDirectories(folder);
    for (String name : EXAMPLES) {
      try (InputStream in =
          getClass().getResourceAsStream("/io/costlake/samples/focus/spec-v1.2-examples/" + name)) {
        Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return folder;
  }

  private Cli ingestExamples(String warehouse, Path examples, String maxQuarantined) {
    return Cli.run(
        "ingest",
        "--provider",
        "focus",
        "--warehouse",
        warehouse,
        "--source",
        Fixtures.uri(examples),
        "--conf",
        Cli.testConf().toString(),
        "--set",
        "ingest.focus.columnDefaults.BillingAccountId=spec",
        "--set",
        "ingest.focus.columnDefaults.BillingCurrency=USD",
        "--set",
        "ingest.focus.columnDefaults.ProviderName=FOCUS",
        "--set",
        "ingest.focus.columnDefaults.ServiceName=VM",
        "--set",
        "ingest.focus.columnDefaults.ServiceCategory=Compute",
        // Separate scenarios loaded as one account: scenario 4 repeats rows of scenario 1.
        "--set",
        "ingest.duplicateRecords=keep",
        "--set",
        "ingest.maxQuarantinedFraction=" + maxQuarantined);
  }

  @Test
  void theSpecExamplesLoadAsTheSpecWritesThem() throws IOException {
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Path examples = examples();
    Cli strict = ingestExamples(warehouse, examples, "0.10");
    assertEquals(1, strict.exitCode, "two of the spec's rows have hour 30 in ChargePeriodEnd");
    assertTrue(
        strict.err.contains(
            "commitment_discount_purchase_scenario_2.csv: 1 of 3 rows rejected (33.3%)"),
        strict.err);

    Cli cli = ingestExamples(warehouse, examples, "0.5");
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(cli.out.contains("25 read: 23 in the table, 2 quarantined"), cli.out);
    Dataset<Row> lines = spark.read().format("delta").load(warehouse + "/cost_line_items");
    Row purchase = lines.filter("x_SourceFile LIKE '%purchase_scenario_1.csv'").head();
    assertEquals("Purchase", purchase.getAs("ChargeCategory"));
    assertEquals("One-Time", purchase.getAs("ChargeFrequency"));
    assertMoney("8760", purchase.getAs("BilledCost"));
    assertMoney("0", purchase.getAs("EffectiveCost"));
    assertMoney("8760", purchase.getAs("CommitmentDiscountQuantity"));
    assertEquals("<my-commitment-discount-id>", purchase.getAs("ResourceId"));
    assertEquals("spec", purchase.getAs("BillingAccountId"));
    assertEquals("2023-01", purchase.getAs("x_BillingPeriod"));
    Row unused = lines.filter("x_SourceFile LIKE '%usage_scenario_2.csv'").head();
    assertEquals("Unused", unused.getAs("CommitmentDiscountStatus"));
    assertTrue(
        unused.isNullAt(unused.fieldIndex("ConsumedQuantity")), "the spec writes null as null");
    Row flexible =
        lines.filter("x_SourceFile LIKE '%with_1_resource.csv' AND x_SourceRow = 1").head();
    assertEquals(
        Map.of("x_CommitmentDiscountUnitPrice", "0.50"),
        JavaConverters.mapAsJavaMap(flexible.getMap(flexible.fieldIndex("x_Extensions"))));
    assertEquals("VM_SMALL_COMMITTED_PURCHASE_NO_UPFRONT", flexible.getAs("SkuPriceId"));
    Row totals = lines.selectExpr("SUM(BilledCost)", "SUM(EffectiveCost)").head();
    assertMoney("13153.25", totals.get(0));
    assertMoney("14.25", totals.get(1));
    List<Row> quarantined =
        spark.read().format("delta").load(warehouse + "/ingest_quarantine").collectAsList();
    assertEquals(2, quarantined.size());
    for (Row row : quarantined) {
      assertEquals("INVALID_TIMESTAMP", row.getAs("reason_code"));
      assertEquals("ChargePeriodEnd", row.getAs("column_name"));
      assertEquals("2023-02-01T30:00:00Z", row.getAs("raw_value"));
    }
  }

  @Test
  void aNativeParquetExportKeepsItsProviderColumns() throws IOException {
    Dataset<Row> export =
        spark.sql(
            "SELECT '111' AS BillingAccountId, 'USD' AS BillingCurrency,"
                + " TIMESTAMP '2024-02-01 00:00:00' AS BillingPeriodStart, TIMESTAMP '2024-03-01 00:00:00' AS BillingPeriodEnd,"
                + " TIMESTAMP '2024-02-03 00:00:00' AS ChargePeriodStart, TIMESTAMP '2024-02-04 00:00:00' AS ChargePeriodEnd,"
                + " 'Usage' AS ChargeCategory, 'Usage-Based' AS ChargeFrequency, CAST(4.2 AS DECIMAL(20,10)) AS BilledCost,"
                + " CAST(4.0 AS DECIMAL(20,10)) AS EffectiveCost, CAST(5 AS DOUBLE) AS ListCost, CAST(4.2 AS DOUBLE) AS ContractedCost,"
                + " 'Microsoft' AS ProviderName, 'Microsoft' AS PublisherName, 'Microsoft' AS InvoiceIssuerName,"
                + " 'Virtual Machines' AS ServiceName, 'Compute' AS ServiceCategory, 'Virtual Machines' AS ServiceSubcategory,"
                + " 'Billing Profile' AS BillingAccountType, map('env', 'prod') AS Tags, 'x' AS x_SkuMeterCategory");
    Path folder = dir.resolve("native");
    export.coalesce(1).write().parquet(Fixtures.uri(folder));
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli =
        Cli.run(
            "ingest",
            "--provider",
            "focus",
            "--warehouse",
            warehouse,
            "--source",
            Fixtures.uri(folder));
    assertEquals(0, cli.exitCode, cli.toString());
    Row row = spark.read().format("delta").load(warehouse + "/cost_line_items").head();
    assertMoney("4.2", row.getAs("BilledCost"));
    assertMoney("5", row.getAs("ListCost"));
    assertEquals("Billing Profile", row.getAs("BillingAccountType"));
    assertEquals(
        Map.of("env", "prod"), JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("Tags"))));
    assertEquals(
        Map.of("x_SkuMeterCategory", "x"),
        JavaConverters.mapAsJavaMap(row.getMap(row.fieldIndex("x_Extensions"))));
    assertEquals("focus-1.2/v1", row.getAs("x_ContractVersion"));
    Row run = spark.read().format("delta").load(warehouse + "/ingest_runs").head();
    assertEquals(List.of("x_SkuMeterCategory"), run.getList(run.fieldIndex("unknown_columns")));
  }
}
