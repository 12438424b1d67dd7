package io.costlake.anomalies;

import static io.costlake.testing.Money.assertMoney;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.config.AnomalyConfig;
import io.costlake.testing.FocusRows;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Anomalies on eight weeks of a weekday-heavy service with planted events: one runaway resource (an
 * anomaly), a credit, a restatement and a small series that jumps but costs little.
 */
class AnomalyDetectionTest {
  private static final LocalDate FIRST = LocalDate.parse("2024-03-04"); // a Monday
  private static final LocalDate SPIKE = LocalDate.parse("2024-04-17");
  private static final LocalDate CREDIT = LocalDate.parse("2024-04-10");
  private static final LocalDate RESTATED = LocalDate.parse("2024-04-24");
  private static final Timestamp NOW = FocusRows.at("2024-05-01T00:00:00Z");

  private static Object[] on(LocalDate day, Object... more) {
    Object[] base = {
      "ChargePeriodStart", day + "T00:00:00Z", "x_BillingPeriod", day.toString().substring(0, 7)
    };
    Object[] all = new Object[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static Dataset<Row> lines() {
    FocusRows rows = new FocusRows();
    for (LocalDate day = FIRST; day.isBefore(FIRST.plusWeeks(8)); day = day.plusDays(1)) {
      boolean weekend = day.getDayOfWeek().getValue() >= DayOfWeek.SATURDAY.getValue();
      // Weekdays cost ~1000, weekends 300: the weekday effect must not look like anomalies.
      String cost = weekend ? "300" : String.valueOf(1000 + (day.getDayOfMonth() % 5) * 10);
      rows.add(on(day, "ResourceId", "i-fleet", "EffectiveCost", cost, "BilledCost", cost));
      rows.add(on(day, "ServiceName", "Tiny", "EffectiveCost", day.equals(SPIKE) ? "40" : "1"));
    }
    rows.add(
        on(
            LocalDate.parse("2024-04-01"),
            "ChargeCategory",
            "Tax",
            "ChargeFrequency",
            "One-Time",
            "ResourceId",
            null,
            "EffectiveCost",
            "700"));
    rows.add(on(SPIKE, "ResourceId", "i-runaway", "EffectiveCost", "2500", "BilledCost", "2500"));
    rows.add(
        on(
            CREDIT,
            "ChargeCategory",
            "Credit",
            "ResourceId",
            null,
            "EffectiveCost",
            "-3000",
            "BilledCost",
            "-3000"));
    rows.add(
        on(
            RESTATED,
            "ChargeClass",
            "Correction",
            "ResourceId",
            "i-fleet",
            "EffectiveCost",
            "4000",
            "BilledCost",
            "4000"));
    return rows.frame();
  }

  private static List<Row> detect(Dataset<Row> lines, Dataset<Row> allocated) {
    return new AnomalyDetection(AnomalyConfig.defaults())
        .detect(lines, allocated, List.of(), NOW)
        .orderBy("day", "dimension")
        .collectAsList();
  }

  @Test
  void findsTheRunawayResourceAndLabelsKnownEventsInsteadOfPagingAboutThem() {
    List<Row> found = detect(lines(), null);
    Map<String, String> labels = new TreeMap<>();
    for (Row r : found) {
      labels.put(r.getAs("day").toString() + " " + r.getAs("ChargeCategory"), r.getAs("label"));
    }
    assertEquals(
        Map.of(
            "2024-04-01 Tax",
            "tax",
            CREDIT + " Credit",
            "credit",
            SPIKE + " Usage",
            "anomaly",
            RESTATED + " Usage",
            "restatement"),
        labels,
        found.toString());
    Row spike =
        found.stream().filter(r -> r.getAs("label").equals("anomaly")).findFirst().orElseThrow();
    assertEquals("i-runaway", spike.getAs("driver"));
    assertMoney("2500", spike.getAs("driver_impact"));
    assertEquals("up", spike.getAs("direction"));
    // Wednesday: the baseline is the median of the four Wednesdays before (1000, 1000, 1020, 1030).
    assertMoney("1010", spike.getAs("expected"));
    assertMoney(
        spike.<BigDecimal>getAs("actual").subtract(new BigDecimal("1010")).toPlainString(),
        spike.getAs("impact"));
    assertTrue(spike.<BigDecimal>getAs("score").compareTo(new BigDecimal("5")) >= 0);
    assertEquals(28L, (long) spike.getAs("history_days"));
    assertEquals("2024-04", spike.getAs("x_BillingPeriod"));
  }

  @Test
  void ownerSeriesComeFromAllocatedCostAndPeriodsLimitWhatIsReported() {
    Dataset<Row> lines = lines();
    Dataset<Row> allocated =
        lines.withColumn("owner", lit("payments")).filter(col("ServiceName").notEqual("Tiny"));
    List<Row> owners =
        new AnomalyDetection(AnomalyConfig.defaults())
            .detect(lines, allocated, List.of("2024-04"), NOW)
            .filter(col("dimension").equalTo("owner"))
            .collectAsList();
    assertEquals(
        List.of("tax", "credit", "anomaly", "restatement"),
        owners.stream()
            .sorted((a, b) -> a.getAs("day").toString().compareTo(b.getAs("day").toString()))
            .map(r -> (String) r.getAs("label"))
            .collect(Collectors.toList()));
    assertTrue(owners.stream().allMatch(r -> "payments".equals(r.getAs("owner"))));
    assertEquals(
        List.of(),
        new AnomalyDetection(AnomalyConfig.defaults())
            .detect(lines, null, List.of("2024-03"), NOW)
            .collectAsList(),
        "March has no planted event and too little history to page anyone");
  }
}
