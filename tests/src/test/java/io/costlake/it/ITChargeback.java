package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.model.Table;
import io.costlake.spark.Warehouse;
import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code costlake chargeback} over a small cost_allocated: invoices equal their rounded lines, FX
 * and profile versions land on the lines, the export is written, and a closed period never changes
 * when a profile does.
 */
class ITChargeback {
  @TempDir Path dir;

  private static Row allocated(
      String period, String owner, String service, String currency, String cost) {
    return allocated(period, owner, service, currency, cost, null, null);
  }

  private static Row allocated(
      String period,
      String owner,
      String service,
      String currency,
      String cost,
      String unit,
      String quantity) {
    Map<String, Object> v = new HashMap<>();
    v.put("ConsumedUnit", unit);
    v.put("ConsumedQuantity", quantity == null ? null : new BigDecimal(quantity));
    v.put("x_Provider", "aws");
    v.put("x_BillingPeriod", period);
    v.put("BillingAccountId", "A");
    v.put("BillingCurrency", currency);
    v.put("ChargePeriodStart", Timestamp.valueOf(period + "-05 00:00:00"));
    v.put("ChargeCategory", "Usage");
    v.put("ServiceName", service);
    v.put("x_SourceFile", "file:/cur.csv");
    v.put("x_RowOrigin", "Export");
    v.put("source_owner", owner);
    v.put("owner_source", "tag");
    v.put("missing_tags", List.of());
    v.put("owner", owner);
    v.put("allocation_method", "direct");
    v.put("allocation_path", List.of());
    v.put("share", BigDecimal.ONE);
    v.put("BilledCost", new BigDecimal(cost));
    v.put("EffectiveCost", new BigDecimal(cost));
    List<Object> cells = new ArrayList<>();
    for (StructField field : Table.COST_ALLOCATED.schema().fields()) {
      Object value = v.get(field.name());
      cells.add(
          value instanceof List
              ? scala.collection.JavaConverters.asScalaBuffer((List<?>) value).toSeq()
              : value);
    }
    return RowFactory.create(cells.toArray());
  }

  private Path conf(String markup, String closedThrough) throws IOException {
    Files.writeString(
        dir.resolve("fx.csv"),
        "date,from,to,rate\n2025-09,USD,EUR,0.9\n" + "2025-10-31,USD,EUR,0.8\n");
    return Files.writeString(
        dir.resolve("profiles-" + markup + ".yaml"),
        String.join(
            "\n",
            "chargeback:",
            "  fxRatesFile: fx.csv",
            closedThrough == null ? "" : "  closedThrough: '" + closedThrough + "'",
            "  profiles:",
            "    - {id: eu, owners: [a, b], currency: EUR, markupPct: " + markup + ", taxPct: 19,",
            "       credits: [{id: welcome, amount: 50, from: '2025-09'}]}"));
  }

  @Test
  void invoicesAddUpAreExportedAndClosedPeriodsNeverChange() throws IOException {
    String uri = Fixtures.uri(dir.resolve("warehouse"));
    List<Row> rows =
        List.of(
            allocated("2025-09", "a", "EC2", "USD", "100.005"),
            allocated("2025-09", "b", "S3", "USD", "33.333"),
            allocated("2025-09", "nobody", "S3", "USD", "7"),
            allocated("2025-10", "a", "EC2", "USD", "80"));
    Dataset<Row> frame = TestSpark.session().createDataFrame(rows, Table.COST_ALLOCATED.schema());
    new Warehouse(TestSpark.session(), uri).writes().overwrite(Table.COST_ALLOCATED, frame, "test");

    Path export = dir.resolve("export");
    Cli first =
        Cli.run(
            "chargeback",
            "--warehouse",
            uri,
            "--conf",
            conf("10", null).toString(),
            "--export",
            export.toString());
    assertEquals(0, first.exitCode, first.toString());
    assertTrue(first.out.contains("not priced (1): 2025-09 nobody: no billing profile"), first.out);
    TestWarehouse lake = new TestWarehouse(dir.resolve("warehouse"));
    for (Row invoice : lake.table("chargeback_invoices").collectAsList()) {
      BigDecimal lines =
          lake.table("chargeback_lines")
              .filter("x_BillingPeriod = '" + invoice.getAs("x_BillingPeriod") + "'")
              .selectExpr("SUM(amount_rounded)")
              .first()
              .getDecimal(0);
      assertMoney(((BigDecimal) invoice.getAs("total")).toPlainString(), lines);
    }
    // September: (100.005 + 33.333) x 0.9 x 1.1 = 132.00462, less the 50 credit, plus 19% VAT.
    Row september = lake.table("chargeback_invoices").filter("x_BillingPeriod = '2025-09'").first();
    assertMoney("97.59", september.getAs("total"));
    assertMoney("50", september.getAs("credit_applied"));
    Row october = lake.table("chargeback_lines").filter("x_BillingPeriod = '2025-10'").first();
    assertMoney("0.8", october.getAs("fx_rate"));
    assertEquals("2025-10-31", october.getAs("fx_rate_date"));
    assertTrue(Files.readString(export.resolve("chargeback_invoices.csv")).contains("97.59"));
    assertTrue(Files.readString(export.resolve("chargeback_invoices.json")).contains("\"lines\""));

    // September closes; then the markup changes. September stays as invoiced, October moves.
    List<Row> septemberLines =
        lake.table("chargeback_lines").filter("x_BillingPeriod = '2025-09'").collectAsList();
    BigDecimal octoberBefore = october.getAs("amount");
    Cli second =
        Cli.run("chargeback", "--warehouse", uri, "--conf", conf("20", "2025-09").toString());
    assertEquals(0, second.exitCode, second.toString());
    assertTrue(second.out.contains("closed and kept as invoiced: 2025-09"), second.out);
    assertEquals(
        septemberLines,
        lake.table("chargeback_lines").filter("x_BillingPeriod = '2025-09'").collectAsList());
    BigDecimal octoberAfter =
        lake.table("chargeback_lines")
            .filter("x_BillingPeriod = '2025-10'")
            .first()
            .getAs("amount");
    assertTrue(octoberAfter.compareTo(octoberBefore) > 0, octoberBefore + " -> " + octoberAfter);
  }

  /** The columns of a YAML profile, as a tenant database would export them. */
  private static final String PROFILE_SCHEMA =
      "id STRING, version INT, `from` STRING, `to` STRING, owners ARRAY<STRING>, currency STRING,"
          + " markupPct DECIMAL(9,4), taxPct DECIMAL(9,4),"
          + " tiers ARRAY<STRUCT<basis: STRING, unit: STRING, above: DECIMAL(20,4),"
          + " discountPct: DECIMAL(9,4)>>";

  private static void deltaTable(String uri, String schema, String... jsonRows) {
    TestSpark.session()
        .read()
        .schema(schema)
        .json(
            TestSpark.session()
                .createDataset(List.of(jsonRows), org.apache.spark.sql.Encoders.STRING()))
        .write()
        .format("delta")
        .mode("overwrite")
        .save(uri);
  }

  @Test
  void profilesAndRatesComeFromDeltaTablesAndQuantitiesReachTheLines() throws IOException {
    Path lakeDir = dir.resolve("warehouse");
    String uri = Fixtures.uri(lakeDir);
    List<Row> rows =
        List.of(
            allocated("2025-09", "a", "EC2", "USD", "20", "Hours", "200"),
            allocated("2025-09", "a", "EC2", "USD", "10", "Hours", "100"),
            allocated("2025-10", "a", "EC2", "USD", "10", "Hours", "50"));
    new Warehouse(TestSpark.session(), uri)
        .writes()
        .overwrite(
            Table.COST_ALLOCATED,
            TestSpark.session().createDataFrame(rows, Table.COST_ALLOCATED.schema()),
            "test");
    String profiles = Fixtures.uri(dir.resolve("tenants/billing_profiles"));
    deltaTable(
        profiles,
        PROFILE_SCHEMA,
        "{\"id\": \"t\", \"version\": 1, \"to\": \"2025-09\", \"owners\": [\"a\"],"
            + " \"currency\": \"EUR\", \"tiers\": [{\"basis\": \"quantity\","
            + " \"unit\": \"Hours\", \"above\": 100, \"discountPct\": 10}]}",
        "{\"id\": \"t\", \"version\": 2, \"from\": \"2025-10\", \"owners\": [\"a\"],"
            + " \"currency\": \"EUR\", \"markupPct\": 10}");
    // A name, not a URI: the table lives under the warehouse.
    deltaTable(
        uri + "/fx_rates",
        "date STRING, `from` STRING, `to` STRING, rate DECIMAL(20,10)",
        "{\"date\": \"2025-09\", \"from\": \"USD\", \"to\": \"EUR\", \"rate\": 0.9}",
        "{\"date\": \"2025-10-31\", \"from\": \"usd\", \"to\": \"eur\", \"rate\": 0.8}");
    Path conf =
        Files.writeString(
            dir.resolve("tables.yaml"),
            String.join(
                "\n", "chargeback:", "  profilesTable: " + profiles, "  fxRatesTable: fx_rates"));
    Cli run = Cli.run("chargeback", "--warehouse", uri, "--conf", conf.toString());
    assertEquals(0, run.exitCode, run.toString());
    TestWarehouse lake = new TestWarehouse(lakeDir);
    Row september = lake.table("chargeback_lines").filter("x_BillingPeriod = '2025-09'").first();
    assertEquals("Hours", september.getAs("ConsumedUnit"));
    assertMoney("300", september.getAs("quantity"));
    assertEquals(1L, (long) september.getAs("profile_version"));
    // 30 USD x 0.9 = 27 EUR for 300 Hours; the 200 Hours above 100 at 10% = 20 Hours at 0.09.
    assertMoney("1.8", september.getAs("volume_discount"));
    assertMoney("25.20", september.getAs("amount_rounded"));
    Row october = lake.table("chargeback_lines").filter("x_BillingPeriod = '2025-10'").first();
    assertEquals(2L, (long) october.getAs("profile_version"));
    assertEquals("2025-10-31", october.getAs("fx_rate_date"));
    assertMoney("8.80", october.getAs("amount_rounded")); // 10 x 0.8 x 1.1

    // A bad version in the table stops the run naming the table and the row.
    deltaTable(
        profiles,
        PROFILE_SCHEMA,
        "{\"id\": \"t\", \"owners\": [\"a\"], \"currency\": \"EUR\", \"markupPct\": 150}");
    Cli bad = Cli.run("chargeback", "--warehouse", uri, "--conf", conf.toString());
    assertEquals(2, bad.exitCode, bad.toString());
    assertTrue(
        bad.err.contains("Cannot use table " + profiles)
            && bad.err.contains("markupPct must be between 0 and 100"),
        bad.err);
  }
}
