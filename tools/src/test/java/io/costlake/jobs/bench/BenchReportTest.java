package io.costlake.jobs.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BenchReportTest {
  private static final long GIB = 1L << 30;

  private static BenchReport report() {
    BenchReport report = new BenchReport(2, 4 * GIB, List.of("amortize", "report"));
    for (long size : List.of(1_000L, 2_000L)) {
      double scale = size / 1_000.0;
      report.add(new Measurement("floor aws", size, 0, 10 * scale, GIB / 4));
      report.add(new Measurement("floor gcp", size, 0, 5 * scale, GIB / 4));
      report.add(new Measurement("ingest aws", size, 600 * (size / 1_000), 12 * scale, GIB));
      report.add(new Measurement("ingest gcp", size, 400 * (size / 1_000), 8 * scale, GIB));
      report.add(new Measurement("duckdb aws", size, 600 * (size / 1_000), 24 * scale, GIB / 8));
      report.add(new Measurement("amortize", size, size, 20 * scale, 3 * GIB));
      report.add(new Measurement("report", size, size, 5 * scale, GIB / 2));
    }
    return report;
  }

  private static Map<String, BenchReport.Target> targets(BenchReport report) {
    return report.targets().stream()
        .collect(Collectors.toMap(BenchReport.Target::name, Function.identity()));
  }

  @Test
  void ratiosAreTakenAtTheLargestSizeFromTheSameRun() {
    Map<String, BenchReport.Target> targets = targets(report());
    // (24 + 16) / (20 + 10)
    assertEquals(40.0 / 30.0, targets.get("ingest / raw-scan floor").value(), 1e-9);
    assertTrue(targets.get("ingest / raw-scan floor").met());
    // (40 + 40 + 10) / 30
    assertEquals(3.0, targets.get("whole pipeline / raw-scan floor").value(), 1e-9);
    assertTrue(targets.get("whole pipeline / raw-scan floor").met());
    assertEquals(0.5, targets.get("Spark local ingest aws / DuckDB").value(), 1e-9);
    // 2,000 input rows in 40 + 40 + 10 s on 2 cores
    assertEquals(2_000 / 90.0 / 2, targets.get("whole pipeline rows/s/core").value(), 1e-9);
    assertFalse(targets.get("whole pipeline rows/s/core").met());
    // Times double with the rows: the extra rows cost what the average row costs.
    assertEquals(1.0, targets.get("marginal / average ingest rate").value(), 1e-9);
    assertTrue(targets.get("marginal / average ingest rate").met());
    assertEquals(4.0, targets.get("heap the whole pipeline ran in (GiB)").value(), 1e-9);
    assertFalse(targets.get("heap the whole pipeline ran in (GiB)").met());
  }

  @Test
  void fixedCostsShowAsAMarginalRateFarAboveTheAverage() {
    BenchReport report = new BenchReport(2, 2 * GIB, List.of("amortize"));
    // 30 s whatever the size, plus 1 s per 1,000 rows.
    report.add(new Measurement("ingest aws", 1_000, 1_000, 31, GIB));
    report.add(new Measurement("ingest aws", 4_000, 4_000, 34, GIB));
    assertEquals(3_000 / 3.0 / 2, report.marginalIngestRate().getAsDouble(), 1e-9);
    BenchReport.Target linear = targets(report).get("marginal / average ingest rate");
    assertEquals((3_000 / 3.0) / (4_000 / 34.0), linear.value(), 1e-9);
    assertFalse(linear.met());
    assertEquals("0.8-1.2", linear.goal());
  }

  @Test
  void theSlowestJobAfterIngestIsTheFixedCostTarget() {
    BenchReport report = new BenchReport(2, 2 * GIB, List.of("amortize", "report"));
    report.fixed(new Measurement("ingest aws", 1_000, 1_000, 9, GIB));
    report.fixed(new Measurement("amortize", 1_000, 1_000, 4.5, GIB));
    report.fixed(new Measurement("report", 1_000, 1_000, 5.5, GIB));
    BenchReport.Target fixed = targets(report).get("fixed cost, slowest job after ingest (s)");
    assertEquals(5.5, fixed.value(), 1e-9); // ingest is not a job after ingest
    assertFalse(fixed.met());
    report.sql(new Measurement(BenchReport.SQL_SELECT_ONE, 0, 1, 5.9, 0));
    assertTrue(targets(report).get("sql SELECT 1, wall (s)").met());
    assertNull(targets(report).get("sql SUM of cost_line_items, wall (s)").value());
  }

  @Test
  void dataSkippingIsTheMeanShareOfTheSliceFilesAServiceQueryOpens() {
    BenchReport report = new BenchReport(2, 2 * GIB, List.of());
    report.skipping(new DataSkipping(16, List.of("A", "B", "C"), List.of(1L, 2L, 9L)));
    BenchReport.Target skipping = targets(report).get("one-service query files / slice files");
    assertEquals(4.0 / 16, skipping.value(), 1e-9);
    assertEquals(
        9.0 / 16,
        new DataSkipping(16, List.of("A", "B", "C"), List.of(1L, 2L, 9L)).maxFraction(),
        1e-9);
    assertTrue(skipping.met());
  }

  @Test
  void whatWasNotMeasuredIsNeitherMetNorMissed() {
    BenchReport report = new BenchReport(2, 4 * GIB, List.of("amortize"));
    report.add(new Measurement("ingest aws", 1_000, 1_000, 30, GIB));
    Map<String, BenchReport.Target> targets = targets(report);
    for (String name :
        List.of(
            "ingest / raw-scan floor",
            "whole pipeline / raw-scan floor",
            "Spark local ingest aws / DuckDB",
            "marginal / average ingest rate",
            "fixed cost, slowest job after ingest (s)",
            "sql SELECT 1, wall (s)",
            "one-service query files / slice files",
            "heap the whole pipeline ran in (GiB)")) {
      assertNull(targets.get(name).value(), name);
      assertFalse(targets.get(name).met(), name);
    }
  }

  @Test
  void aMissedTargetSaysSo() {
    BenchReport report = new BenchReport(2, 4 * GIB, List.of());
    report.add(new Measurement("floor aws", 1_000, 0, 10, GIB));
    report.add(new Measurement("ingest aws", 1_000, 1_000, 16, GIB));
    BenchReport.Target ingest = targets(report).get("ingest / raw-scan floor");
    assertEquals(1.6, ingest.value(), 1e-9);
    assertFalse(ingest.met());
  }
}
