package io.costlake.it;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.testing.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code costlake allocate} with the shipped tag policy and rules (conf/allocation.yaml) over the
 * demo's generated AWS CUR: invariant 4 from the tables, traceability, reruns, and bad inputs.
 */
class ITAllocate {
  private static final Path SHIPPED = Path.of("..", "conf", "costlake.yaml");
  @TempDir static Path dir;

  /** Its views in a session of its own: other ITs run beside it in the same JVM. */
  private static final SparkSession SESSION = TestSpark.session().newSession();

  private static TestWarehouse lake;
  private static Cli allocate;

  /** The job with the shipped config, then the test config, then any further options. */
  private static Cli run(String job, String... more) {
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                job,
                "--warehouse",
                lake.uri(),
                "--conf",
                SHIPPED.toString(),
                "--conf",
                Cli.testConf().toString()));
    all.addAll(List.of(more));
    return Cli.run(all.toArray(new String[0]));
  }

  @BeforeAll
  static void ingestAmortizeAllocate() {
    lake = new TestWarehouse(dir.resolve("warehouse"));
    Path cur = dir.resolve("cur");
    Cli generate =
        Cli.run(
            "generate",
            "--provider",
            "aws",
            "--out",
            cur.toString(),
            "--rows",
            "3000",
            "--period",
            "2025-09",
            "--months",
            "2",
            "--seed",
            "42",
            "--accounts",
            "5");
    assertEquals(0, generate.exitCode, generate.toString());
    assertEquals(0, lake.ingest(Fixtures.uri(cur)).exitCode);
    Cli amortize = run("amortize");
    assertEquals(0, amortize.exitCode, amortize.toString());
    allocate = run("allocate");
    assertEquals(0, allocate.exitCode, allocate.toString());
    lake.table("cost_amortized", SESSION).createOrReplaceTempView("amortized");
    lake.table("cost_allocated", SESSION).createOrReplaceTempView("allocated");
  }

  private static Dataset<Row> sql(String query) {
    return SESSION.sql(query);
  }

  @Test
  void everyPeriodAccountAndCurrencyTotalIsUnchangedAndEveryLineAddsUp() {
    assertTrue(
        allocate.out.contains("every (period, account, currency) total unchanged"), allocate.out);
    for (String amount : List.of("BilledCost", "EffectiveCost")) {
      String totals =
          "SELECT x_BillingPeriod, BillingAccountId, BillingCurrency, SUM("
              + amount
              + ") FROM %s GROUP BY ALL ORDER BY ALL";
      assertEquals(
          sql(String.format(totals, "amortized")).collectAsList(),
          sql(String.format(totals, "allocated")).collectAsList(),
          amount);
    }
    // Per source line (file, row, origin, charge period): the rows of a split add up to it.
    assertEquals(
        0,
        sql("SELECT a.* FROM (SELECT x_SourceFile, x_SourceRow, x_RowOrigin,"
                + " ChargePeriodStart, SUM(EffectiveCost) e, SUM(BilledCost) b FROM amortized GROUP BY"
                + " ALL) a FULL OUTER JOIN (SELECT x_SourceFile, x_SourceRow, x_RowOrigin,"
                + " ChargePeriodStart, SUM(EffectiveCost) e, SUM(BilledCost) b FROM allocated GROUP BY"
                + " ALL) l USING (x_SourceFile, x_SourceRow, x_RowOrigin, ChargePeriodStart)"
                + " WHERE NOT (a.e <=> l.e) OR NOT (a.b <=> l.b)")
            .count());
  }

  @Test
  void theShippedRulesMoveCostAndEveryMovedRowNamesItsRule() {
    for (String rule :
        List.of(
            "shared-networking@1",
            "logging-platform@1",
            "eks-cluster@1",
            "platform-chargeback@1")) {
      assertTrue(allocate.out.contains("rule " + rule), allocate.out);
    }
    assertEquals(
        0,
        sql("SELECT * FROM allocated WHERE allocation_method <> 'direct' AND"
                + " (allocation_rule_id IS NULL OR size(allocation_path) = 0)")
            .count());
    assertEquals(
        0,
        sql("SELECT * FROM allocated WHERE owner = 'unallocated' AND"
                + " unallocated_reason IS NULL")
            .count());
    // The logging platform: 40% to platform, which the cascade then passes to product teams.
    assertEquals(0, sql("SELECT * FROM allocated WHERE owner = 'platform'").count());
    Row logging =
        sql("SELECT SUM(EffectiveCost) FILTER (WHERE allocation_path[0] ="
                + " 'logging-platform@1' AND size(allocation_path) = 2), SUM(EffectiveCost) FILTER (WHERE"
                + " ServiceName = 'Amazon CloudWatch' AND allocation_method = 'fixed') * 2 / 3"
                + " FROM allocated")
            .first();
    assertTrue(logging.getDecimal(0).signum() > 0, logging.toString());
    // The EKS driver lists kube-system, which no rule target names: kept apart, with a reason.
    Row kube =
        sql("SELECT SUM(EffectiveCost), MIN(unallocated_reason) FROM allocated WHERE"
                + " allocation_rule_id = 'eks-cluster' AND owner = 'unallocated'")
            .first();
    assertTrue(kube.getDecimal(0).signum() > 0, kube.toString());
    assertEquals("unlisted_target", kube.getString(1));
    Row share =
        sql("SELECT SUM(EffectiveCost) FROM allocated WHERE x_BillingPeriod = '2025-09'"
                + " AND allocation_rule_id = 'eks-cluster' AND owner = 'ml'")
            .first();
    Row cluster =
        sql("SELECT SUM(EffectiveCost) FROM amortized WHERE x_BillingPeriod ="
                + " '2025-09' AND ServiceName = 'Amazon Elastic Container Service for Kubernetes'")
            .first();
    // ml requested 6200 of the 15120.75 vCPU-hours in conf/drivers/eks-vcpu-hours.csv.
    BigDecimal expected =
        cluster
            .getDecimal(0)
            .multiply(new BigDecimal("6200"))
            .divide(new BigDecimal("15120.75"), 6, java.math.RoundingMode.HALF_UP);
    assertEquals(
        0,
        expected.compareTo(share.getDecimal(0).setScale(6, java.math.RoundingMode.HALF_UP)),
        expected + " vs " + share.getDecimal(0));
  }

  @Test
  void tagComplianceAndTagDebtCoverTheCost() {
    Dataset<Row> compliance = lake.table("tag_compliance");
    // Narrowed before adding: Spark drops a decimal when adding DECIMAL(38,10) values.
    Row totals =
        compliance
            .selectExpr(
                "SUM(total_cost)",
                "SUM(CAST(tagged_cost AS DECIMAL(28,10)) + CAST(untagged_cost AS DECIMAL(28,10))"
                    + " + CAST(untaggable_cost AS DECIMAL(28,10)))")
            .first();
    assertMoney(totals.getDecimal(0).toPlainString(), totals.getDecimal(1));
    assertMoney(
        totals.getDecimal(0).toPlainString(),
        sql("SELECT SUM(EffectiveCost) FROM amortized").first().getDecimal(0));
    Row debt = lake.table("tag_debt").selectExpr("MIN(debt_rank)", "COUNT(*)").first();
    assertEquals(1, debt.getInt(0));
    assertTrue(debt.getLong(1) > 0);
  }

  @Test
  void reallocatingOnePeriodRewritesOnlyThatPeriodWithTheSameRows() {
    long before = lake.version("cost_allocated");
    Cli again = run("allocate", "--period", "2025-10");
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("allocate: billing period 2025-10"), again.out);
    String columns =
        "x_BillingPeriod, x_SourceFile, x_SourceRow, x_RowOrigin, ChargePeriodStart,"
            + " owner, allocation_path, BilledCost, EffectiveCost, share";
    Dataset<Row> old =
        TestSpark.session()
            .read()
            .format("delta")
            .option("versionAsOf", before)
            .load(lake.uri() + "/cost_allocated")
            .selectExpr(columns.split(", "));
    Dataset<Row> now = lake.table("cost_allocated").selectExpr(columns.split(", "));
    assertEquals(0, old.exceptAll(now).count());
    assertEquals(0, now.exceptAll(old).count());
    assertEquals(before + 1, lake.version("cost_allocated"));
  }

  @Test
  void badRulesAndInputsFailInOneLineNamingWhatIsWrong() throws IOException {
    Path cycle =
        Files.writeString(
            dir.resolve("cycle.yaml"),
            String.join(
                "\n",
                "allocate:",
                "  rules:",
                "    - {id: a, select: {owner: x}, method: even, targets: [y]}",
                "    - {id: b, select: {owner: y}, method: even, targets: [x]}"));
    Cli c = run("allocate", "--conf", cycle.toString());
    assertEquals(2, c.exitCode, c.toString());
    assertTrue(c.oneLineError() && c.err.contains("allocation rules form a cycle"), c.err);

    Path badDriver =
        Files.writeString(
            dir.resolve("vcpu.csv"),
            "billing_period,team,vcpu_hours\n2025-09,ml,12\n2025-09,search,lots\n");
    Path metric =
        Files.writeString(
            dir.resolve("metric.yaml"),
            String.join(
                "\n",
                "allocate:",
                "  source: cost_line_items",
                "  rules:",
                "    - {id: k8s, select: {service: X}, method: metric,",
                "       driver: {file: vcpu.csv, targetColumn: team, valueColumn: vcpu_hours}}"));
    Cli m = run("allocate", "--conf", metric.toString());
    assertEquals(2, m.exitCode, m.toString());
    assertTrue(m.oneLineError(), m.err);
    assertTrue(m.err.contains(badDriver.toString()) && m.err.contains("vcpu_hours=lots"), m.err);

    Files.delete(badDriver);
    Cli gone = run("allocate", "--conf", metric.toString());
    assertEquals(1, gone.exitCode, gone.toString());
    assertTrue(gone.oneLineError() && gone.err.contains("Cannot read " + badDriver), gone.err);

    Cli empty = Cli.run("allocate", "--warehouse", Fixtures.uri(dir.resolve("nowhere")));
    assertEquals(1, empty.exitCode, empty.toString());
    assertTrue(
        empty.err.contains("Nothing to allocate: there is no cost_amortized table"), empty.err);
  }
}
