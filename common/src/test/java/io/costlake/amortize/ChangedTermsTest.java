package io.costlake.amortize;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.costlake.testing.FocusRows;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Which months a changed pre-paid purchase reaches, on small frames. */
class ChangedTermsTest {
  private static final List<String> JANUARY = List.of("2025-01");

  /** A one-year all-upfront purchase of {@code id} billed in January 2025. */
  private static Object[] yearFrom2025(String id, String amount) {
    return new Object[] {
      "ChargeCategory", "Purchase",
      "ChargeFrequency", "One-Time",
      "CommitmentDiscountId", id,
      "BilledCost", amount,
      "EffectiveCost", "0",
      "ChargePeriodStart", "2025-01-01T00:00:00Z",
      "ChargePeriodEnd", "2026-01-01T00:00:00Z",
      "x_BillingPeriod", "2025-01"
    };
  }

  private static Object[] usage(String period) {
    return new Object[] {
      "ChargePeriodStart", period + "-05T00:00:00Z",
      "ChargePeriodEnd", period + "-05T01:00:00Z",
      "x_BillingPeriod", period
    };
  }

  private static Dataset<Row> frame(Object[]... rows) {
    FocusRows items = new FocusRows();
    for (Object[] row : rows) {
      items.add(row);
    }
    return items.frame();
  }

  private static List<String> periods(Dataset<Row> now, Dataset<Row> before, List<String> changed) {
    return ChangedTerms.periods(now, before, changed).collectAsList().stream()
        .map(r -> r.getString(0))
        .collect(Collectors.toList());
  }

  private static List<String> months(String first, String last) {
    List<String> months = new ArrayList<>();
    for (java.time.YearMonth m = java.time.YearMonth.parse(first);
        !m.isAfter(java.time.YearMonth.parse(last));
        m = m.plusMonths(1)) {
      months.add(m.toString());
    }
    return months;
  }

  @Test
  void aMonthReingestedWithItsPurchasesUnchangedReachesNoOtherMonth() {
    Dataset<Row> before = frame(yearFrom2025("ri-1", "1200.00"), usage("2025-01"));
    Dataset<Row> now = frame(yearFrom2025("ri-1", "1200.00"), usage("2025-01"), usage("2025-01"));
    assertEquals(List.of(), periods(now, before, JANUARY));
  }

  @Test
  void aRestatedPurchaseReachesEveryMonthOfItsTerm() {
    Dataset<Row> before = frame(yearFrom2025("ri-1", "1200.00"), yearFrom2025("ri-2", "600.00"));
    Dataset<Row> now = frame(yearFrom2025("ri-1", "1100.00"), yearFrom2025("ri-2", "600.00"));
    assertEquals(months("2025-01", "2025-12"), periods(now, before, JANUARY));
  }

  @Test
  void aRemovedOrDuplicatedPurchaseIsAChangeToo() {
    Dataset<Row> once = frame(yearFrom2025("ri-1", "1200.00"));
    assertEquals(months("2025-01", "2025-12"), periods(frame(usage("2025-01")), once, JANUARY));
    Dataset<Row> twice = frame(yearFrom2025("ri-1", "1200.00"), yearFrom2025("ri-1", "1200.00"));
    assertEquals(months("2025-01", "2025-12"), periods(twice, once, JANUARY));
  }

  @Test
  void aMonthNeverComputedReachesTheTermsOfAllItsPurchases() {
    Dataset<Row> now = frame(yearFrom2025("ri-1", "1200.00"));
    assertEquals(months("2025-01", "2025-12"), periods(now, frame(), JANUARY));
  }

  @Test
  void aRefundReachesFromItsOwnMonthToTheEndOfTheTermBought() {
    Object[] refund = {
      "ChargeCategory", "Purchase",
      "ChargeFrequency", "One-Time",
      "CommitmentDiscountId", "ri-1",
      "BilledCost", "-900.00",
      "EffectiveCost", "0",
      "ChargePeriodStart", "2025-04-10T00:00:00Z",
      "ChargePeriodEnd", "2025-04-11T00:00:00Z",
      "x_BillingPeriod", "2025-04"
    };
    Dataset<Row> before = frame(yearFrom2025("ri-1", "1200.00"));
    Dataset<Row> now = frame(yearFrom2025("ri-1", "1200.00"), refund);
    assertEquals(months("2025-04", "2025-12"), periods(now, before, List.of("2025-04")));
  }

  @Test
  void usageAndRecurringFeesReachOnlyTheirOwnMonth() {
    Object[] fee = {
      "ChargeCategory", "Purchase",
      "ChargeFrequency", "Recurring",
      "CommitmentDiscountId", "sp-1",
      "BilledCost", "30.00",
      "x_BillingPeriod", "2025-01"
    };
    assertEquals(List.of(), periods(frame(fee, usage("2025-01")), frame(), JANUARY));
  }
}
