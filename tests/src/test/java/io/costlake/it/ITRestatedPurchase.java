package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restatement that changes a pre-paid purchase reaches the later months of its term: {@code
 * pipeline} without {@code --period} recomputes them too, not only the month re-ingested, and
 * leaves what computing every month afresh leaves. (AWS amortizes its own upfront fees in the usage
 * rows, so here February's cost does not move; where costlake spreads the purchase, as for exports
 * without amortized columns, it would, which {@code ChangedTermsTest} and the amortization tests
 * cover on small frames.)
 */
class ITRestatedPurchase {
  @TempDir Path dir;

  @Test
  void aPurchaseRestatedInJanuaryMakesTheLaterMonthsOfItsTermStale() throws Exception {
    Path source = dir.resolve("source");
    Fixtures.generated(source, 300, 2, false); // January and February 2025
    TestWarehouse lake = new TestWarehouse(dir.resolve("warehouse"));
    String cur = Fixtures.uri(source);
    assertEquals(0, lake.ingest(cur).exitCode);
    JobDescriptions seen = JobDescriptions.ofThisThread();
    Cli first;
    try {
      first = pipeline(lake);
    } finally {
      seen.stop();
    }
    assertEquals(0, first.exitCode, first.toString());
    // The Spark UI and event log of a pipeline name the costlake job behind each Spark job.
    assertTrue(seen.descriptions().size() > 20, seen.descriptions().toString());
    assertEquals(
        List.of(),
        seen.descriptions().stream()
            // Delta prefixes its own: "Delta: costlake pipeline: allocate: Filtering files ..."
            .filter(d -> d == null || !d.contains("costlake pipeline"))
            .collect(Collectors.toList()));
    // ... and group them under the command that ran them.
    assertEquals(
        List.of("costlake-pipeline"),
        seen.groups().stream().distinct().collect(Collectors.toList()),
        "job groups");
    for (String step : List.of("validate", "amortize", "allocate", "anomalies", "report")) {
      assertTrue(
          seen.descriptions().stream().anyMatch(d -> d.contains("costlake pipeline: " + step)),
          step + " not named in " + seen.descriptions());
    }

    // AWS re-delivers January without the Savings Plan's upfront fee (a year's term from January).
    ITAwsIngest.restate(
        source.resolve("costlake-cur/20250101-20250201"),
        lines ->
            lines.stream()
                .filter(l -> !l.contains("SavingsPlanUpfrontFee"))
                .collect(Collectors.toList()));
    Cli ingest = lake.ingest(cur);
    assertTrue(ingest.out.contains("slices   1 written"), ingest.toString());

    Cli again = pipeline(lake);
    assertEquals(0, again.exitCode, again.toString());
    List<String> stale =
        again.out.lines().filter(l -> l.contains(" is stale (")).collect(Collectors.toList());
    assertEquals(2, stale.size(), again.out);
    assertTrue(stale.get(0).startsWith("pipeline: 2025-01 is stale (cost_line_items"), again.out);
    assertEquals(
        "pipeline: 2025-02 is stale (it amortizes a pre-paid purchase that changed in 2025-01)",
        stale.get(1));
    BigDecimal february = februaryEffectiveCost(lake);
    Cli settled = pipeline(lake);
    assertTrue(settled.out.contains("every billing period is up to date"), settled.out);

    // What the stale run left is what computing every month afresh gives.
    Cli all = Cli.run("pipeline", "--warehouse", lake.uri(), "--all");
    assertEquals(0, all.exitCode, all.toString());
    assertEquals(february, februaryEffectiveCost(lake));
  }

  private static BigDecimal februaryEffectiveCost(TestWarehouse lake) {
    return lake.table("cost_amortized")
        .filter("x_BillingPeriod = '2025-02'")
        .agg(org.apache.spark.sql.functions.sum("EffectiveCost"))
        .head()
        .getDecimal(0);
  }

  private static Cli pipeline(TestWarehouse lake) {
    return Cli.run("pipeline", "--warehouse", lake.uri());
  }
}
