package io.costlake.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.jobs.generate.AwsCurGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code costlake anomalies} over a generated CUR with a runaway EC2 fleet planted on one day: it
 * is found with its resource as driver, nothing else pages anyone, and a restated month changes
 * nothing that is reported.
 */
class ITAnomalies {
  private static final LocalDate SPIKE = LocalDate.parse("2025-02-20");

  @TempDir Path dir;

  private TestWarehouse lake() {
    return new TestWarehouse(dir.resolve("warehouse"));
  }

  private List<String> anomalies() {
    Cli run = Cli.run("anomalies", "--warehouse", lake().uri());
    assertEquals(0, run.exitCode, run.toString());
    assertTrue(run.out.contains("anomalies: 2 billing periods"), run.out);
    return lake().table("cost_anomalies").collectAsList().stream()
        .map(
            r ->
                String.join(
                    " ",
                    r.getAs("day").toString(),
                    r.getAs("ServiceName"),
                    r.getAs("ChargeCategory"),
                    r.getAs("label"),
                    r.getAs("driver")))
        .sorted()
        .collect(Collectors.toList());
  }

  @Test
  void findsThePlantedSpikeAndStaysQuietOnARestatement() throws IOException {
    Path generated = dir.resolve("generated");
    new AwsCurGenerator(
            new AwsCurGenerator.Options(4_000, 7, YearMonth.of(2025, 1), 2, 3, 250_000, false)
                .withSpike(SPIKE))
        .generate(generated);
    assertEquals(0, lake().ingest(Fixtures.uri(generated)).exitCode);
    Row runaway =
        lake()
            .table("cost_line_items")
            .filter("to_date(ChargePeriodStart) = DATE'" + SPIKE + "'")
            .orderBy(org.apache.spark.sql.functions.col("EffectiveCost").desc())
            .first();

    List<String> found = anomalies();
    List<String> paging =
        found.stream().filter(a -> a.contains(" anomaly ")).collect(Collectors.toList());
    assertEquals(
        List.of(
            SPIKE + " Amazon Elastic Compute Cloud Usage anomaly " + runaway.getAs("ResourceId")),
        paging,
        "all reported: " + found);

    ITAwsIngest.restate(generated.resolve("costlake-cur/20250101-20250201"), 10);
    assertEquals(0, lake().ingest(Fixtures.uri(generated)).exitCode);
    assertEquals(found, anomalies(), "a restated month changes nothing that is reported");
  }
}
