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
    assertEquals(1.0, targets.get("scaling exponent (ingest)").value(), 1e-9);
    assertEquals(3.0, targets.get("peak live heap, whole pipeline (GiB)").value(), 1e-9);
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
            "scaling exponent (ingest)",
            "one-slice query bytes / table bytes")) {
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
