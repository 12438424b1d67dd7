package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The README's first command, in-process: the demo runs, then the README's query reads it. */
// The demo's readers run one after another on one thread, beside the other ITs: DemoRun.get()
// blocks until the shared demo has run, and a blocked thread would idle half of the machine.
@Execution(ExecutionMode.SAME_THREAD)
class ITDemo {
  @Test
  void theDemoIngestsOneCompanysThreeCloudsAndTheReadmeQueryReadsIt() {
    DemoRun run = DemoRun.get();
    String warehouse = run.warehouse;
    Cli demo = run.demo;
    assertTrue(demo.out.contains("slices   2 written, 0 unchanged, 0 failed"), demo.out);
    assertTrue(demo.out.contains("0 quarantined"), demo.out);
    for (String provider : List.of("aws", "gcp", "azure")) {
      assertTrue(demo.out.contains("ingest " + provider + ": run"), demo.out);
    }
    // The public samples are `costlake samples`' (ITSamples), not the demo's.
    assertFalse(demo.out.contains("ingest focus: run"), demo.out);
    assertTrue(
        demo.out.contains("superseded (actual cost the amortized export replaces)"), demo.out);
    // The shipped billing profiles price every owner but the unallocated bucket.
    assertTrue(demo.out.contains("chargeback: 2 open billing period(s)"), demo.out);
    assertTrue(demo.out.contains("no billing profile"), demo.out);
    // The shipped invoices are for the 20,000-row demo: here they are checked, not matched.
    assertTrue(demo.out.contains("reconcile: 2 billing periods"), demo.out);
    // The runaway fleet planted on the 20th of the last month is found, per service and owner.
    assertTrue(demo.out.contains("cost_anomalies (version"), demo.out);
    assertTrue(demo.out.contains("budget_burn (version"), demo.out);
    Cli spikes =
        Cli.sqlCsv(
            warehouse,
            "SELECT DISTINCT dimension FROM cost_anomalies WHERE label = 'anomaly'"
                + " AND day = DATE'2025-10-20' AND (dimension = 'owner'"
                + " OR ServiceName = 'Amazon Elastic Compute Cloud') ORDER BY 1");
    assertEquals("dimension\nowner\nservice\n", spikes.out, spikes.toString());
    // The rollups keep every cent: usage_monthly totals are those of allocate's source.
    assertTrue(demo.out.contains("usage_monthly (version"), demo.out);
    // One health row per slice ingested; the GCP invoice the demo got wrong on purpose shows.
    assertTrue(demo.out.contains("pipeline_health (version 1): 6 slices"), demo.out);
    assertTrue(demo.out.contains("2025-10 gcp BA419D-0DFE8A-AEE7BB"), demo.out);
    String byPeriod = " SUM(BilledCost), SUM(EffectiveCost) FROM %s GROUP BY ALL ORDER BY ALL";
    Cli rolled =
        Cli.sqlCsv(
            warehouse,
            "SELECT x_BillingPeriod, BillingCurrency," + String.format(byPeriod, "usage_monthly"));
    Cli source =
        Cli.sqlCsv(
            warehouse,
            "SELECT x_BillingPeriod, BillingCurrency," + String.format(byPeriod, "cost_amortized"));
    assertEquals(source.out, rolled.out, rolled.toString());
    // The shipped reporting currency: every row converted, EUR at the shipped rates by day.
    Cli converted =
        Cli.sqlCsv(
            warehouse,
            "SELECT reporting_currency, COUNT(*) - COUNT(reporting_effective_cost) AS unconverted"
                + " FROM usage_daily GROUP BY ALL");
    assertEquals("reporting_currency,unconverted\nUSD,0\n", converted.out.replace("\r", ""));
    Cli rates =
        Cli.sqlCsv(
            warehouse,
            "SELECT DISTINCT BillingCurrency, fx_rate, fx_rate_date FROM usage_daily"
                + " ORDER BY ALL");
    assertEquals(
        "BillingCurrency,fx_rate,fx_rate_date\nEUR,1.075000000000000000,2025-10\n"
            + "EUR,1.087000000000000000,2025-09\nUSD,1.000000000000000000,\n",
        rates.out.replace("\r", ""),
        rates.toString());
    // The shipped tag policy and rules: every rule moved cost, and the totals held.
    assertTrue(demo.out.contains("every (period, account, currency) total unchanged"), demo.out);
    for (String rule :
        List.of(
            "shared-networking@1",
            "logging-platform@1",
            "eks-cluster@1",
            "platform-chargeback@1")) {
      assertTrue(demo.out.contains("rule " + rule), demo.out);
    }

    Cli sql =
        Cli.sqlCsv(
            warehouse,
            "SELECT x_BillingPeriod, BillingAccountId, ChargeCategory, SUM(BilledCost), SUM(EffectiveCost)"
                + " FROM cost_line_items GROUP BY ALL ORDER BY ALL");
    assertEquals(0, sql.exitCode, sql.toString());
    String[] lines = sql.out.split("\n");
    assertEquals(
        "x_BillingPeriod,BillingAccountId,ChargeCategory,sum(BilledCost),sum(EffectiveCost)",
        lines[0]);
    assertTrue(sql.out.contains("2025-09,"), sql.out);
    assertTrue(sql.out.contains(",Purchase,"), sql.out);
    assertTrue(sql.out.contains(",Tax,"), sql.out);
    assertTrue(sql.out.contains(",Credit,"), sql.out);

    Cli providers =
        Cli.sqlCsv(
            warehouse,
            "SELECT x_Provider, COUNT(DISTINCT x_BillingPeriod) FROM cost_line_items"
                + " WHERE x_BillingPeriod >= '2025-09' GROUP BY ALL ORDER BY ALL");
    assertEquals(
        "x_Provider,count(DISTINCT x_BillingPeriod)\naws,2\nazure,2\ngcp,2\n",
        providers.out.replace("\r", ""),
        "one table holds the three clouds' generated months");

    // Running the demo again changes nothing: its generators write the same bytes (ITCli) and
    // ingest then skips every unchanged slice, shown here on the demo's own AWS input, under the
    // demo's config (its account directory is part of each slice's fingerprint). (Re-running
    // the whole demo would prove the same at 40% of this test's time.)
    Cli again =
        Cli.run(
            "ingest",
            "--provider",
            "aws",
            "--source",
            Path.of(run.input, "aws-cur").toString(),
            "--warehouse",
            warehouse,
            "--conf",
            DemoRun.SHIPPED_CONF,
            "--conf",
            Cli.testConf().toString());
    assertEquals(0, again.exitCode, again.toString());
    assertTrue(again.out.contains("0 written, 2 unchanged, 0 failed"), again.out);
  }
}
