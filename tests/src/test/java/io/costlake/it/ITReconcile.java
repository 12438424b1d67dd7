package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code costlake reconcile} end to end: invoices written from the ingested data (one exact, one a
 * little off, one far off, one for a month without data), every status in the table, --strict, and
 * a restatement after finalization reported as drift.
 */
class ITReconcile {
  private static final String PAYER = "666385237404";
  @TempDir Path dir;

  @Test
  void invoicesAreMatchedFinalizedAndRestatementsShowAsDrift() throws IOException {
    TestWarehouse lake = new TestWarehouse(dir.resolve("warehouse"));
    Path cur = dir.resolve("cur");
    assertEquals(
        0,
        Cli.run(
                "generate",
                "--provider",
                "aws",
                "--out",
                cur.toString(),
                "--rows",
                "2000",
                "--period",
                "2025-09",
                "--months",
                "2",
                "--seed",
                "42")
            .exitCode);
    assertEquals(
        0,
        lake.ingest(Fixtures.uri(cur), Fixtures.uri(Fixtures.awsSamples(dir.resolve("samples"))))
            .exitCode);

    Map<String, Row> totals =
        TestSpark.session()
            .read()
            .format("delta")
            .load(lake.uri() + "/cost_line_items")
            .filter("x_BillingPeriod >= '2025-09' AND BillingAccountId = '" + PAYER + "'")
            .groupBy("x_BillingPeriod")
            .agg(
                org.apache.spark.sql.functions.sum("BilledCost").as("total"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .expr("SUM(IF(ChargeCategory = 'Tax', BilledCost, 0))")
                    .as("tax"),
                org.apache.spark.sql.functions.min("InvoiceId").as("id"))
            .collectAsList()
            .stream()
            .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    List<String> lines = new ArrayList<>();
    lines.add(
        "invoice_id,provider,billing_account_id,billing_period,currency,amount_before_tax,"
            + "tax,total,issued_at");
    lines.add(invoice(totals.get("2025-09"), "2025-09", "0")); // MATCHED
    lines.add(invoice(totals.get("2025-10"), "2025-10", "0.60")); // WITHIN_TOLERANCE
    lines.add("SAMPLE-1,aws," + sampleAccount(lake) + ",2018-06,USD,999.00,0,999.00,"); // MISMATCH
    lines.add("LATE-1,aws," + PAYER + ",2025-11,USD,10.00,0.70,10.70,2025-12-02"); // MISSING_DATA
    Path invoices = Files.write(dir.resolve("invoices.csv"), lines);
    String set = "reconcile.invoicesFile=" + invoices;

    Cli first = Cli.run("reconcile", "--warehouse", lake.uri(), "--set", set);
    assertEquals(0, first.exitCode, first.toString());
    assertTrue(first.out.contains("MISMATCH 2018-06"), first.out);
    Map<String, Row> byInvoice = rows(lake);
    assertEquals("MATCHED", byInvoice.get(totals.get("2025-09").getString(3)).getAs("status"));
    Row within = byInvoice.get(totals.get("2025-10").getString(3));
    assertEquals("WITHIN_TOLERANCE", within.getAs("status"));
    assertMoney("-0.60", ((BigDecimal) within.getAs("delta")).setScale(2, RoundingMode.HALF_UP));
    assertEquals("final", within.getAs("period_status"));
    assertEquals("MISMATCH", byInvoice.get("SAMPLE-1").getAs("status"));
    assertEquals("provisional", byInvoice.get("SAMPLE-1").getAs("period_status"));
    assertEquals("MISSING_DATA", byInvoice.get("LATE-1").getAs("status"));
    assertTrue(
        lake.table("invoice_reconciliation").filter("status = 'MISSING_INVOICE'").count() > 0,
        "the other sample accounts have no invoice");

    Cli strict = Cli.run("reconcile", "--warehouse", lake.uri(), "--set", set, "--strict");
    assertEquals(1, strict.exitCode, strict.toString());
    assertTrue(
        strict.oneLineError() && strict.err.contains("2 invoices do not reconcile"), strict.err);

    // September is restated after it was final: the drift is reported, the baseline kept.
    Path restated = dir.resolve("restated");
    assertEquals(
        0,
        Cli.run(
                "generate",
                "--provider",
                "aws",
                "--out",
                restated.toString(),
                "--rows",
                "2600",
                "--period",
                "2025-09",
                "--months",
                "1",
                "--seed",
                "42")
            .exitCode);
    assertEquals(0, lake.ingest(Fixtures.uri(restated)).exitCode);
    Cli again =
        Cli.run("reconcile", "--warehouse", lake.uri(), "--set", set, "--period", "2025-09");
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("FINALIZATION DRIFT 2025-09"), again.out);
    Row september = rows(lake).get(totals.get("2025-09").getString(3));
    assertEquals("final", september.getAs("period_status"));
    assertMoney(
        totals.get("2025-09").getDecimal(1).toPlainString(),
        september.getAs("finalized_billed_cost"));
    BigDecimal drift = september.getAs("finalization_drift");
    assertTrue(drift.signum() != 0, september.toString());
    assertMoney(
        ((BigDecimal) september.getAs("computed_billed_cost"))
            .subtract(totals.get("2025-09").getDecimal(1))
            .toPlainString(),
        drift);
    assertTrue(september.getAs("drift_detail") != null, september.toString());
  }

  /** An invoice for the payer's period: the data's total rounded to cents, plus {@code off}. */
  private static String invoice(Row total, String period, String off) {
    BigDecimal tax = total.getDecimal(2).setScale(2, RoundingMode.HALF_UP);
    BigDecimal all = total.getDecimal(1).setScale(2, RoundingMode.HALF_UP).add(new BigDecimal(off));
    return String.join(
        ",",
        total.getString(3),
        "aws",
        PAYER,
        period,
        "USD",
        all.subtract(tax).toPlainString(),
        tax.toPlainString(),
        all.toPlainString(),
        period.equals("2025-09") ? "2025-10-02" : "2025-11-02");
  }

  private static String sampleAccount(TestWarehouse lake) {
    return lake.table("cost_line_items")
        .filter("x_BillingPeriod = '2018-06'")
        .select("BillingAccountId")
        .first()
        .getString(0);
  }

  private static Map<String, Row> rows(TestWarehouse lake) {
    return lake
        .table("invoice_reconciliation")
        .filter("invoice_id IS NOT NULL")
        .collectAsList()
        .stream()
        .collect(Collectors.toMap(r -> r.getAs("invoice_id"), r -> r, (a, b) -> a));
  }
}
