package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/** Azure exports: actual and amortized combined as FOCUS requires, EA, legacy, and bad currency. */
class ITAzureIngest {
  @TempDir Path dir;

  private final SparkSession spark = TestSpark.session();

  private Path copy(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = getClass().getResourceAsStream(resource)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }

  private Dataset<Row> table(String warehouse, String name) {
    return spark.read().format("delta").load(warehouse + "/" + name);
  }

  private Cli ingest(String warehouse, Path... sources) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("ingest", "--provider", "azure", "--warehouse", warehouse));
    for (Path source : sources) {
      args.add("--source");
      args.add(Fixtures.uri(source));
    }
    return Cli.run(args.toArray(new String[0]));
  }

  @Test
  void actualAndAmortizedExportsCombineWithoutDoubleCounting() throws IOException {
    Path actual =
        copy(
            "/fixtures/azure/ea-2024-03/actual/part_0_0001.csv",
            dir.resolve("exports/actual/run-1/part_0_0001.csv"));
    Path amortized =
        copy(
            "/fixtures/azure/ea-2024-03/amortized/part_0_0001.csv",
            dir.resolve("exports/amortized/run-1/part_0_0001.csv"));
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli = ingest(warehouse, dir.resolve("exports"));
    assertEquals(0, cli.exitCode, cli.toString());

    Dataset<Row> lines = table(warehouse, "cost_line_items");
    assertEquals(5, lines.count(), "all amortized rows and the actual purchase");
    Row totals = lines.selectExpr("SUM(BilledCost)", "SUM(EffectiveCost)").head();
    assertMoney("887.50", totals.get(0), "BilledCost is the actual invoice");
    assertMoney("14.50", totals.get(1), "EffectiveCost is the amortized total");

    Row purchase = lines.filter("ChargeCategory = 'Purchase'").head();
    assertEquals(Fixtures.uri(actual), purchase.getAs("x_SourceFile"));
    assertMoney("876", purchase.getAs("BilledCost"));
    assertMoney("0", purchase.getAs("EffectiveCost"));
    assertEquals("One-Time", purchase.getAs("ChargeFrequency"));
    assertEquals("Usage", purchase.getAs("CommitmentDiscountCategory"));
    assertEquals("Reservation", purchase.getAs("CommitmentDiscountType"));

    Row covered = lines.filter("CommitmentDiscountStatus = 'Used'").head();
    assertEquals(Fixtures.uri(amortized), covered.getAs("x_SourceFile"));
    assertMoney("0", covered.getAs("BilledCost"));
    assertMoney("2.40", covered.getAs("EffectiveCost"));
    assertEquals("Committed", covered.getAs("PricingCategory"));
    Row unused = lines.filter("CommitmentDiscountStatus = 'Unused'").head();
    assertEquals("Usage", unused.getAs("ChargeCategory"));
    assertMoney("0", unused.getAs("BilledCost"));
    assertMoney("0.60", unused.getAs("EffectiveCost"));

    Row vm = lines.filter("ResourceId LIKE '%web-1'").head();
    assertMoney("2", vm.getAs("PricingQuantity"), "200 hours in blocks of 100 Hours");
    assertEquals("Hours", vm.getAs("PricingUnit"));
    assertMoney("200", vm.getAs("ConsumedQuantity"));
    assertEquals("westeurope", vm.getAs("RegionId"));
    assertEquals("West Europe", vm.getAs("RegionName"));
    assertEquals("2024-03", vm.getAs("x_BillingPeriod"));
    assertEquals(java.sql.Timestamp.valueOf("2024-04-01 00:00:00"), vm.getAs("BillingPeriodEnd"));
    assertEquals(java.sql.Timestamp.valueOf("2024-03-06 00:00:00"), vm.getAs("ChargePeriodEnd"));
    assertEquals(
        Map.of("env", "prod", "team", "web"),
        JavaConverters.mapAsJavaMap(vm.getMap(vm.fieldIndex("Tags"))));
    assertEquals(
        Map.of("CostCenter", "CC-42"),
        JavaConverters.mapAsJavaMap(vm.getMap(vm.fieldIndex("x_CostCategories"))));
    assertEquals("Virtual Machines", vm.getAs("ServiceName"));
    assertEquals("Compute", vm.getAs("ServiceCategory"));
    assertEquals("azure-ea/v1", vm.getAs("x_ContractVersion"));

    Row actualRun =
        table(warehouse, "ingest_runs")
            .filter("source_file = '" + Fixtures.uri(actual) + "'")
            .head();
    assertEquals(4L, (long) actualRun.getAs("rows_in"));
    assertEquals(1L, (long) actualRun.getAs("rows_written"));
    assertEquals(3L, (long) actualRun.getAs("rows_superseded"));
    assertMoney("11.50", actualRun.getAs("cost_superseded"));
    // Both exports bill the on-demand usage alike.
    assertMoney("11.50", actualRun.getAs("uncovered_usage_cost"));
    assertEquals("MATCHED", actualRun.getAs("pair_check"));
    assertFalse(cli.out.contains("MISMATCH"), cli.out);
    // Every file's audit balances, the amortized one too: the amortization of its covered and
    // unused reservation rows is billed by the actual export's purchase, not brought in twice.
    for (Row run : table(warehouse, "ingest_runs").collectAsList()) {
      BigDecimal accounted =
          ((BigDecimal) run.getAs("cost_written"))
              .add(run.getAs("cost_quarantined"))
              .add(run.getAs("cost_out_of_scope"))
              .add(run.getAs("cost_superseded"));
      assertMoney(accounted.toPlainString(), run.getAs("cost_in"), run.getAs("source_file"));
    }
  }

  @Test
  void anAmortizedExportMissingUsageTheActualBillsIsNamedWithBothAmounts() throws IOException {
    Path actual =
        copy(
            "/fixtures/azure/ea-2024-03/actual/part_0_0001.csv",
            dir.resolve("exports/actual/run-1/part_0_0001.csv"));
    Path full =
        copy(
            "/fixtures/azure/ea-2024-03/amortized/part_0_0001.csv",
            dir.resolve("full/part_0_0001.csv"));
    // The amortized export of a narrower scope: the storage account's usage is not in it.
    Path amortized = dir.resolve("exports/amortized/run-1/part_0_0001.csv");
    Files.createDirectories(amortized.getParent());
    Files.write(
        amortized,
        Files.readAllLines(full).stream()
            .filter(l -> !l.contains("storageAccounts/webdata"))
            .collect(java.util.stream.Collectors.toList()));
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli = ingest(warehouse, dir.resolve("exports"));
    assertEquals(0, cli.exitCode, cli.toString());
    assertTrue(
        cli.out.contains(
            "MISMATCH actual and amortized exports of 5550001 2024-03: usage no commitment covers"
                + " is 11.50 in the actual export, 10.00 in the amortized (difference 1.50)"),
        cli.out);
    Row actualRun =
        table(warehouse, "ingest_runs")
            .filter("source_file = '" + Fixtures.uri(actual) + "'")
            .head();
    assertTrue(
        ((String) actualRun.getAs("pair_check")).startsWith("MISMATCH: 5550001 2024-03"),
        actualRun.toString());
    // The actual export's billed total stays readable: what it bills, whatever was written.
    assertMoney("887.50", actualRun.getAs("cost_in"));
    Row amortizedRun =
        table(warehouse, "ingest_runs")
            .filter("source_file = '" + Fixtures.uri(amortized) + "'")
            .head();
    assertMoney("10", amortizedRun.getAs("uncovered_usage_cost"));
  }

  @Test
  void theTwoExportsMayComeAsSeparateSourcesAndGzipped() throws IOException {
    Path actual =
        copy("/fixtures/azure/ea-2024-03/actual/part_0_0001.csv", dir.resolve("a/part.csv"));
    Path amortized = dir.resolve("b/part.csv.gz");
    Files.createDirectories(amortized.getParent());
    try (InputStream in =
            getClass().getResourceAsStream("/fixtures/azure/ea-2024-03/amortized/part_0_0001.csv");
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(amortized))) {
      in.transferTo(out);
    }
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli = ingest(warehouse, actual, amortized);
    assertEquals(0, cli.exitCode, cli.toString());
    Row totals =
        table(warehouse, "cost_line_items")
            .selectExpr("COUNT(*)", "SUM(BilledCost)", "SUM(EffectiveCost)")
            .head();
    assertEquals(5L, totals.getLong(0));
    assertMoney("887.50", totals.get(1));
    assertMoney("14.50", totals.get(2));
  }

  @Test
  void actualCostAloneKeepsEveryRow() throws IOException {
    Path actual =
        copy("/fixtures/azure/ea-2024-03/actual/part_0_0001.csv", dir.resolve("only/part.csv"));
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    assertEquals(0, ingest(warehouse, actual).exitCode);
    Row totals =
        table(warehouse, "cost_line_items")
            .selectExpr("COUNT(*)", "SUM(BilledCost)", "SUM(EffectiveCost)")
            .head();
    assertEquals(4L, totals.getLong(0));
    assertMoney("887.50", totals.get(1));
    assertMoney("11.50", totals.get(2), "the purchase waits for amortization");
  }

  @Test
  void thePublicSamplesMapAndAnUnknownCurrencyIsQuarantined() throws IOException {
    Path samples = dir.resolve("samples");
    for (String name :
        List.of(
            "focusconv_sample-anonymous-ea-export-dataset.csv",
            "koku_azure_version_2.csv",
            "koku_costreport_legacy_v1.csv")) {
      copy("/io/costlake/samples/azure/" + name, samples.resolve(name));
    }
    String warehouse = Fixtures.uri(dir.resolve("warehouse"));
    Cli cli = ingest(warehouse, samples);
    assertEquals(1, cli.exitCode, cli.toString());
    assertTrue(cli.err.contains("koku_azure_version_2.csv: 5 of 5 rows rejected"), cli.err);
    Dataset<Row> lines = table(warehouse, "cost_line_items");
    assertEquals(27L, lines.filter("x_ContractVersion = 'azure-ea/v1'").count());
    Row legacy =
        lines.filter("x_ContractVersion = 'azure-payg-legacy/v1'").orderBy("x_SourceRow").head();
    assertEquals("0039de71-ca37-4a17-a104-17665a50e7fc", legacy.getAs("BillingAccountId"));
    assertEquals("Subscription", legacy.getAs("BillingAccountType"));
    assertEquals("2019-07", legacy.getAs("x_BillingPeriod"));
    assertEquals("USD", legacy.getAs("BillingCurrency"));
    assertEquals(
        Map.of("project", "p1"),
        JavaConverters.mapAsJavaMap(legacy.getMap(legacy.fieldIndex("Tags"))));
    Row ea = lines.filter("x_ContractVersion = 'azure-ea/v1'").orderBy("x_SourceRow").head();
    assertEquals("12345678", ea.getAs("BillingAccountId"));
    assertEquals("CAD", ea.getAs("BillingCurrency"));
    assertEquals(java.sql.Timestamp.valueOf("2023-09-02 00:00:00"), ea.getAs("ChargePeriodStart"));
    Row quarantined = table(warehouse, "ingest_quarantine").head();
    assertEquals("UNKNOWN_CURRENCY", quarantined.getAs("reason_code"));
    assertEquals("MC", quarantined.getAs("raw_value"));
  }
}
