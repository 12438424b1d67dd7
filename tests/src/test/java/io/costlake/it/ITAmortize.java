package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * {@code costlake amortize} over the demo's four providers: the invariants of ARCHITECTURE.md 3,
 * checked against the raw exports where the provider did the amortizing.
 */
// The demo's readers run one after another on one thread, beside the other ITs: DemoRun.get()
// blocks until the shared demo has run, and a blocked thread would idle half of the machine.
@Execution(ExecutionMode.SAME_THREAD)
class ITAmortize {
  private static final String PAYER = "666385237404";

  /** Its views in a session of its own: other ITs run beside it in the same JVM. */
  private static final SparkSession SESSION = TestSpark.session().newSession();

  private static TestWarehouse lake;
  private static Cli demo;

  @BeforeAll
  static void runTheDemo() {
    DemoRun run = DemoRun.get(); // shared with ITDemo: the same shipped config and amortization
    lake = new TestWarehouse(run.dir.resolve("warehouse"));
    demo = run.demo;
    lake.table("cost_amortized", SESSION).createOrReplaceTempView("amortized");
    lake.table("cost_line_items", SESSION).createOrReplaceTempView("items");
    lake.table("commitment_utilization", SESSION).createOrReplaceTempView("utilization");
    lake.table("amortization_schedule", SESSION).createOrReplaceTempView("schedule");
  }

  private static Dataset<Row> sql(String query) {
    return SESSION.sql(query);
  }

  private static BigDecimal one(String query) {
    Row row = sql(query).first();
    return row.isNullAt(0) ? BigDecimal.ZERO : row.getDecimal(0);
  }

  @Test
  void theDemoAmortizesEveryPeriodItLoaded() {
    assertTrue(demo.out.contains("amortize: 2 billing periods (2025-09 to 2025-10)"), demo.out);
    assertTrue(demo.out.contains("commitment_utilization: "), demo.out);
  }

  @Test
  void everyLineItemIsKeptBilledCostUntouchedAndOnlyUnusedCommitmentRowsAdded() {
    long items = sql("SELECT * FROM items").count();
    long added = sql("SELECT * FROM amortized WHERE x_AmortizationMethod = 'Unused'").count();
    assertEquals(items + added, sql("SELECT * FROM amortized").count());
    List<Row> billed =
        sql("SELECT x_Provider, x_BillingPeriod, BillingAccountId, SUM(BilledCost) FROM items"
                + " GROUP BY ALL ORDER BY ALL")
            .collectAsList();
    assertEquals(
        billed,
        sql("SELECT x_Provider, x_BillingPeriod, BillingAccountId, SUM(BilledCost) FROM amortized"
                + " GROUP BY ALL ORDER BY ALL")
            .collectAsList());
    assertEquals(
        0,
        sql("SELECT * FROM amortized WHERE ChargeCategory = 'Purchase' AND ChargeFrequency ="
                + " 'One-Time' AND BilledCost > 0 AND CommitmentDiscountId IS NOT NULL AND"
                + " EffectiveCost <> 0")
            .count(),
        "EffectiveCost is 0 on purchases that pre-pay");
  }

  /**
   * AWS: unblended = amortized + upfront fees paid - upfront fees recognized (the true-up), per
   * billing period and payer, with the upfront recognized read from the raw CUR's own columns.
   */
  @Test
  void awsCashAndAccrualReconcilePerPeriodAndPayer() {
    // The files of the current assembly: the ones ingest read (the generator also writes a
    // stale assembly that discovery must ignore).
    List<String> files =
        sql(
                "SELECT DISTINCT x_SourceFile FROM items WHERE x_Provider = 'aws' AND BillingAccountId = '"
                    + PAYER
                    + "'")
            .collectAsList()
            .stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toList());
    SESSION
        .read()
        .option("header", "true")
        .csv(files.toArray(new String[0]))
        .createOrReplaceTempView("cur");
    String money = "CAST(COALESCE(`%s`, '0') AS DECIMAL(38,10))";
    List<Row> raw =
        sql(String.format(
                "SELECT substr(`bill/BillingPeriodStartDate`, 1, 7) AS period,"
                    + " SUM("
                    + money
                    + ") AS unblended,"
                    + " SUM(CASE WHEN `lineItem/LineItemType` IN ('Fee', 'SavingsPlanUpfrontFee')"
                    + "   THEN "
                    + money
                    + " ELSE 0 END) AS upfront_paid,"
                    + " SUM("
                    + money
                    + " + "
                    + money
                    + " + "
                    + money
                    + ") AS upfront_recognized"
                    + " FROM cur WHERE `bill/PayerAccountId` = '"
                    + PAYER
                    + "' GROUP BY 1 ORDER BY 1",
                "lineItem/UnblendedCost",
                "lineItem/UnblendedCost",
                "reservation/AmortizedUpfrontCostForUsage",
                "reservation/UnusedAmortizedUpfrontFeeForBillingPeriod",
                "savingsPlan/AmortizedUpfrontCommitmentForBillingPeriod"))
            .collectAsList();
    assertEquals(2, raw.size());
    for (Row period : raw) {
      String p = period.getString(0);
      BigDecimal unblended = period.getDecimal(1);
      BigDecimal upfrontPaid = period.getDecimal(2);
      BigDecimal upfrontRecognized = period.getDecimal(3);
      String where =
          " FROM amortized WHERE x_Provider = 'aws' AND BillingAccountId = '"
              + PAYER
              + "' AND x_BillingPeriod = '"
              + p
              + "'";
      assertMoney(unblended.toPlainString(), one("SELECT SUM(BilledCost)" + where), p + " billed");
      BigDecimal amortized = one("SELECT SUM(EffectiveCost)" + where);
      assertMoney(
          unblended.toPlainString(),
          amortized.add(upfrontPaid).subtract(upfrontRecognized),
          p + ": unblended = amortized + upfront paid - upfront recognized");
      assertTrue(upfrontRecognized.signum() > 0, p + " recognizes upfront fees");
    }
  }

  @Test
  void everyCommitmentsUsageCostsWhatItsPurchasesBilled() {
    // GCP: costlake moved the daily CUD fees onto the usage their credits covered (the part of
    // a row the credit did not cover keeps its on-demand cost).
    List<Row> gcp =
        sql("SELECT x_BillingPeriod, CommitmentDiscountId,"
                + " SUM(CASE WHEN ChargeCategory = 'Usage' THEN x_AmortizedShare END),"
                + " SUM(CASE WHEN ChargeCategory = 'Purchase' THEN BilledCost END)"
                + " FROM amortized WHERE x_Provider = 'gcp' AND CommitmentDiscountId LIKE 'gcp-cud:%'"
                + " GROUP BY ALL ORDER BY ALL")
            .collectAsList();
    assertEquals(4, gcp.size(), "two commitments, two months");
    for (Row row : gcp) {
      assertMoney(row.getDecimal(3).toPlainString(), row.getDecimal(2), row.toString());
    }
    // Recurring fees move, they add nothing: GCP's EffectiveCost total is what ingest loaded.
    assertEquals(
        sql("SELECT x_BillingPeriod, SUM(EffectiveCost) FROM items WHERE x_Provider = 'gcp'"
                + " GROUP BY ALL ORDER BY ALL")
            .collectAsList(),
        sql("SELECT x_BillingPeriod, SUM(EffectiveCost) FROM amortized WHERE x_Provider = 'gcp'"
                + " GROUP BY ALL ORDER BY ALL")
            .collectAsList());
    // AWS and Azure amortize in their exports: their rows pass through unchanged.
    assertEquals(
        0,
        sql("SELECT * FROM amortized WHERE x_Provider IN ('aws', 'azure', 'focus')"
                + " AND x_AmortizationMethod <> 'Provider'")
            .count());
    // The AWS generator's reservations: recurring fee plus the month's share of the upfront fee,
    // as the schedule books it, is what their usage (used and unused) cost, to the cent.
    List<Row> aws =
        sql("SELECT a.x_BillingPeriod, a.CommitmentDiscountId, a.usage, a.recurring,"
                + " COALESCE(s.recognized, 0)"
                + " FROM (SELECT x_BillingPeriod, CommitmentDiscountId,"
                + "   SUM(CASE WHEN ChargeCategory = 'Usage' THEN EffectiveCost ELSE 0 END) AS usage,"
                + "   SUM(CASE WHEN ChargeCategory = 'Purchase' AND ChargeFrequency = 'Recurring'"
                + "     THEN BilledCost ELSE 0 END) AS recurring"
                + "   FROM amortized WHERE x_Provider = 'aws' AND BillingAccountId = '"
                + PAYER
                + "'   AND CommitmentDiscountId IS NOT NULL GROUP BY ALL) a"
                + " LEFT JOIN (SELECT accounting_period, CommitmentDiscountId,"
                + "   SUM(recognized) AS recognized FROM schedule GROUP BY ALL) s"
                + " ON s.accounting_period = a.x_BillingPeriod"
                + " AND s.CommitmentDiscountId = a.CommitmentDiscountId ORDER BY 1, 2")
            .collectAsList();
    assertEquals(6, aws.size(), "two reservations and a Savings Plan, two months");
    for (Row row : aws) {
      BigDecimal expected = row.getDecimal(3).add(row.getDecimal(4));
      assertMoney(
          expected.setScale(2, RoundingMode.HALF_UP).toPlainString(),
          row.getDecimal(2).setScale(2, RoundingMode.HALF_UP),
          row.toString());
    }
  }

  @Test
  void theScheduleBooksEachUpfrontFeeOverItsYearToTheCent() {
    List<Row> purchases =
        sql("SELECT purchase_record_hash, COUNT(*), SUM(recognized), MAX(purchase_amount),"
                + " MIN(accounting_period), MAX(accounting_period), MIN(remaining_balance)"
                + " FROM schedule WHERE x_Provider = 'aws' GROUP BY 1")
            .collectAsList();
    long bought =
        sql("SELECT * FROM items WHERE x_Provider = 'aws' AND ChargeCategory = 'Purchase' AND"
                + " ChargeFrequency = 'One-Time' AND BilledCost > 0 AND CommitmentDiscountId IS NOT NULL")
            .count();
    assertTrue(bought >= 2, "the generator buys an upfront reservation and a partial-upfront plan");
    assertEquals(bought, purchases.size());
    for (Row purchase : purchases) {
      assertEquals(12L, purchase.getLong(1), purchase.toString());
      assertMoney(purchase.getDecimal(3).toPlainString(), purchase.getDecimal(2));
      assertEquals("2025-09", purchase.getString(4));
      assertEquals("2026-08", purchase.getString(5));
      assertMoney("0", purchase.getDecimal(6));
    }
  }

  @Test
  void utilizationSplitsEachCommitmentsCostIntoUsedAndUnused() {
    assertEquals(
        sql("SELECT x_Provider, CommitmentDiscountId, SUM(CASE WHEN x_AmortizationMethod ="
                + " 'Spread' THEN x_AmortizedShare ELSE EffectiveCost END) FROM amortized"
                + " WHERE ChargeCategory = 'Usage' AND CommitmentDiscountStatus IN ('Used', 'Unused')"
                + " GROUP BY ALL ORDER BY ALL")
            .collectAsList(),
        sql("SELECT x_Provider, CommitmentDiscountId, SUM(commitment_cost) FROM utilization"
                + " GROUP BY ALL ORDER BY ALL")
            .collectAsList());
    assertEquals(
        0,
        sql("SELECT * FROM utilization WHERE utilization_pct < 0 OR utilization_pct > 100"
                + " OR coverage_pct < 0 OR coverage_pct > 100")
            .count());
    // 61 days of September and October for each of the AWS generator's three commitments.
    assertEquals(
        3 * 61L,
        sql("SELECT * FROM utilization WHERE x_Provider = 'aws' AND BillingAccountId = '"
                + PAYER
                + "'")
            .count());
    assertTrue(
        one("SELECT MIN(utilization_pct) FROM utilization WHERE x_Provider = 'aws'")
                .compareTo(new BigDecimal("100"))
            < 0,
        "the generator leaves some reserved capacity idle");
  }

  @Test
  void amortizingAPeriodAgainReplacesIt() {
    long before = sql("SELECT * FROM amortized").count();
    Cli again = Cli.run("amortize", "--warehouse", lake.uri(), "--period", "2025-10");
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("amortize: 1 billing periods (2025-10 to 2025-10)"), again.out);
    assertEquals(before, lake.table("cost_amortized").count());
    Cli none = Cli.run("amortize", "--warehouse", lake.uri(), "--period", "1999-01");
    assertEquals(1, none.exitCode);
    assertEquals(
        "costlake amortize: Nothing to amortize: cost_line_items has no rows for billing period"
            + " 1999-01",
        none.err.strip());
  }
}
