package io.costlake.amortize;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.spark.Reused;
import io.costlake.testing.FocusRows;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Amortization on small frames: the scenarios finance asks about, and the conservation rules. */
class AmortizationTest {
  private static final CostAmortization DAILY = new CostAmortization(StraightLine.Grid.DAY);

  /** Amortized once and kept: each test asks several questions of the same result. */
  private static Dataset<Row> amortize(Dataset<Row> items) {
    try (Reused reused = new Reused()) {
      return DAILY.amortize(items, items, reused).localCheckpoint();
    }
  }

  private static BigDecimal m(String value) {
    return new BigDecimal(value);
  }

  /** A pre-paid (all or partial upfront) purchase of commitment {@code id}. */
  private static Object[] upfront(String id, String amount, String from, String to, String period) {
    return new Object[] {
      "ChargeCategory",
      "Purchase",
      "ChargeFrequency",
      "One-Time",
      "CommitmentDiscountId",
      id,
      "CommitmentDiscountName",
      id,
      "ResourceId",
      id,
      "BilledCost",
      m(amount),
      "EffectiveCost",
      m("0"),
      "ListCost",
      m(amount),
      "ContractedCost",
      m(amount),
      "ChargePeriodStart",
      from,
      "ChargePeriodEnd",
      to,
      "x_BillingPeriod",
      period,
      "BillingPeriodStart",
      period + "-01T00:00:00Z",
      "BillingPeriodEnd",
      YearMonth.parse(period).plusMonths(1) + "-01T00:00:00Z",
      "x_RecordHash",
      "purchase-" + id + "-" + amount
    };
  }

  private static Object[] covered(String id, String listCost, String start, String period) {
    return new Object[] {
      "CommitmentDiscountId",
      id,
      "CommitmentDiscountStatus",
      "Used",
      "PricingCategory",
      "Committed",
      "BilledCost",
      m("0"),
      "EffectiveCost",
      m("0"),
      "ListCost",
      m(listCost),
      "ChargePeriodStart",
      start,
      "ChargePeriodEnd",
      start.replace("T00:", "T01:"),
      "x_BillingPeriod",
      period,
      "x_RecordHash",
      "usage-" + id + "-" + start + "-" + listCost
    };
  }

  private static Object[] with(Object[] row, Object... more) {
    Object[] all = new Object[row.length + more.length];
    System.arraycopy(row, 0, all, 0, row.length);
    System.arraycopy(more, 0, all, row.length, more.length);
    return all;
  }

  /** Month by month recognition of {@code amount} over [from, to), the way finance books it. */
  private static Map<String, BigDecimal> expectedSchedule(
      String amount, LocalDate from, LocalDate to) {
    long termDays = ChronoUnit.DAYS.between(from, to);
    Map<String, BigDecimal> months = new TreeMap<>();
    BigDecimal total = m(amount);
    BigDecimal booked = BigDecimal.ZERO;
    for (LocalDate start = from; start.isBefore(to); ) {
      LocalDate next = YearMonth.from(start).plusMonths(1).atDay(1);
      LocalDate end = next.isBefore(to) ? next : to;
      BigDecimal piece =
          end.equals(to)
              ? total.subtract(booked)
              : total
                  .multiply(BigDecimal.valueOf(ChronoUnit.DAYS.between(start, end)))
                  .divide(BigDecimal.valueOf(termDays), 2, RoundingMode.HALF_UP);
      booked = booked.add(piece);
      months.put(YearMonth.from(start).toString(), piece);
      start = end;
    }
    return months;
  }

  private static Map<String, BigDecimal> recognized(Dataset<Row> schedule, String kind) {
    Map<String, BigDecimal> months = new TreeMap<>();
    for (Row row :
        schedule
            .filter("kind = '" + kind + "'")
            .select("accounting_period", "recognized")
            .collectAsList()) {
      months.merge(row.getString(0), row.getDecimal(1), BigDecimal::add);
    }
    return months;
  }

  private static void assertAmounts(
      Map<String, BigDecimal> expected, Map<String, BigDecimal> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((k, v) -> assertMoney(v.toPlainString(), actual.get(k), k));
  }

  @Test
  void theSpecAllUpfrontPurchaseIsBookedTwentyFourADay() {
    Dataset<Row> items =
        new FocusRows()
            .add(
                upfront(
                    "cd-1", "8760.00", "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2023-01"))
            .frame();
    Dataset<Row> schedule = AmortizationSchedule.of(items);
    Map<String, BigDecimal> months = recognized(schedule, "Purchase");
    assertEquals(12, months.size());
    for (Map.Entry<String, BigDecimal> month : months.entrySet()) {
      int days = YearMonth.parse(month.getKey()).lengthOfMonth();
      assertMoney(Integer.toString(24 * days), month.getValue(), month.getKey());
    }
    Row december = schedule.filter("accounting_period = '2023-12'").first();
    assertMoney("8760", december.getAs("cumulative_recognized"));
    assertMoney("0", december.getAs("remaining_balance"));
    Row january = schedule.filter("accounting_period = '2023-01'").first();
    assertMoney("8016", january.getAs("remaining_balance"));
  }

  @Test
  void aCommitmentBoughtMidMonthIsBookedFromItsFirstDayAndTheLastMonthTakesTheResidual() {
    Dataset<Row> items =
        new FocusRows()
            .add(
                upfront(
                    "ri-mid", "1000.00", "2024-03-15T00:00:00Z", "2025-03-15T00:00:00Z", "2024-03"))
            .frame();
    Map<String, BigDecimal> expected =
        expectedSchedule("1000.00", LocalDate.of(2024, 3, 15), LocalDate.of(2025, 3, 15));
    assertAmounts(expected, recognized(AmortizationSchedule.of(items), "Purchase"));
    assertMoney("46.58", expected.get("2024-03")); // 17 of 365 days

    // Nobody used it in March: each day of it is an Unused row of a 365th of the price.
    Dataset<Row> amortized = amortize(items);
    List<Row> unused =
        amortized
            .filter("x_AmortizationMethod = 'Unused'")
            .orderBy("ChargePeriodStart")
            .collectAsList();
    assertEquals(17, unused.size());
    for (Row row : unused) {
      assertMoney("2.7397260274", row.getAs("EffectiveCost"));
      assertMoney("0", row.getAs("BilledCost"));
      assertEquals("ri-mid", row.getAs("ResourceId"));
      assertEquals("Unused", row.getAs("CommitmentDiscountStatus"));
      assertEquals("Usage", row.getAs("ChargeCategory"));
      assertEquals("2024-03", row.getAs("x_BillingPeriod"));
    }
    assertEquals(FocusRows.at("2024-03-15T00:00:00Z"), unused.get(0).getAs("ChargePeriodStart"));
    Row purchase = amortized.filter("ChargeCategory = 'Purchase'").first();
    assertMoney("0", purchase.getAs("EffectiveCost"));
    assertMoney("1000.00", purchase.getAs("BilledCost"));
  }

  @Test
  void aCommitmentExpiringMidMonthConservesEveryCentOverItsWholeTerm() {
    String id = "sp-short";
    Dataset<Row> items =
        new FocusRows()
            .add(upfront(id, "100.00", "2024-03-30T00:00:00Z", "2024-04-02T12:00:00Z", "2024-03"))
            .add(covered(id, "3", "2024-03-30T00:00:00Z", "2024-03"))
            .add(covered(id, "1", "2024-03-30T05:00:00Z", "2024-03"))
            .add(
                with(
                    covered(id, "7", "2024-04-02T00:00:00Z", "2024-04"),
                    "BillingPeriodStart",
                    "2024-04-01T00:00:00Z",
                    "BillingPeriodEnd",
                    "2024-05-01T00:00:00Z"))
            .add("x_BillingPeriod", "2024-04", "ChargePeriodStart", "2024-04-10T00:00:00Z")
            .frame();
    Dataset<Row> amortized = amortize(items);
    assertMoney(
        "100.00",
        sum(
            amortized,
            "ChargeCategory = 'Usage' AND CommitmentDiscountId = '" + id + "'",
            "EffectiveCost"));
    // 3.5 days: a day is 100 / 3.5 = 28.5714285714; the last half day takes the residual. In a
    // day, the heaviest covered row takes the rounding residual of the spread.
    assertMoney(
        "21.4285714285",
        sum(amortized, "CommitmentDiscountStatus = 'Used' AND ListCost = 3", "EffectiveCost"));
    assertMoney(
        "7.1428571429",
        sum(amortized, "CommitmentDiscountStatus = 'Used' AND ListCost = 1", "EffectiveCost"));
    assertMoney(
        "14.2857142858",
        sum(amortized, "CommitmentDiscountStatus = 'Used' AND ListCost = 7", "EffectiveCost"));
    List<Row> unused =
        amortized
            .filter("x_AmortizationMethod = 'Unused'")
            .orderBy("ChargePeriodStart")
            .collectAsList();
    assertEquals(2, unused.size(), "March 31 and April 1 went unused");
    assertEquals("2024-04", unused.get(1).getAs("x_BillingPeriod"));
    assertMoney(
        "10",
        sum(
            amortized,
            "CommitmentDiscountId IS NULL AND ChargeCategory = 'Usage'",
            "EffectiveCost"),
        "on-demand usage is untouched");
  }

  @Test
  void aPartialUpfrontCommitmentSpreadsUpfrontAndRecurringFeeAndReportsItsUtilization() {
    String id = "ri-partial";
    FocusRows rows =
        new FocusRows()
            .add(upfront(id, "48.00", "2024-03-05T00:00:00Z", "2024-03-07T00:00:00Z", "2024-03"))
            .add(covered(id, "3", "2024-03-05T00:00:00Z", "2024-03"))
            .add(covered(id, "1", "2024-03-05T02:00:00Z", "2024-03"))
            // on-demand usage of the same service that day: eligible, not covered
            .add("ListCost", m("4"), "x_RecordHash", "on-demand");
    for (String day : List.of("05", "06")) {
      rows.add(
          "ChargeCategory",
          "Purchase",
          "ChargeFrequency",
          "Recurring",
          "CommitmentDiscountId",
          id,
          "ResourceId",
          id,
          "BilledCost",
          m("1.00"),
          "EffectiveCost",
          m("0"),
          "ChargePeriodStart",
          "2024-03-" + day + "T00:00:00Z",
          "ChargePeriodEnd",
          "2024-03-" + day + "T00:00:00Z".replace("T00", "T23").replace(":00:00Z", ":59:59Z"),
          "x_RecordHash",
          "fee-" + day);
    }
    Dataset<Row> items = rows.frame();
    Dataset<Row> amortized = amortize(items);

    // Day 1 costs 24 upfront + 1 recurring: 3/4 and 1/4 of it to the two covered rows.
    assertMoney(
        "18.75",
        sum(amortized, "ListCost = 3 AND CommitmentDiscountStatus = 'Used'", "EffectiveCost"));
    assertMoney(
        "6.25",
        sum(amortized, "ListCost = 1 AND CommitmentDiscountStatus = 'Used'", "EffectiveCost"));
    assertMoney("25", sum(amortized, "x_AmortizationMethod = 'Unused'", "EffectiveCost"));
    // Over the term: usage effective cost = every purchase billed, to the cent.
    assertMoney(
        sum(items, "ChargeCategory = 'Purchase'", "BilledCost").toPlainString(),
        sum(
            amortized,
            "ChargeCategory = 'Usage' AND CommitmentDiscountId = '" + id + "'",
            "EffectiveCost"));
    assertMoney("0", sum(amortized, "ChargeCategory = 'Purchase'", "EffectiveCost"));
    assertMoney(
        sum(items, "TRUE", "BilledCost").toPlainString(),
        sum(amortized, "TRUE", "BilledCost"),
        "BilledCost is untouched");
    assertEquals(items.count() + 1, amortized.count(), "one row added: the unused day");

    List<Row> days = CommitmentUtilization.of(amortized).orderBy("day_start").collectAsList();
    assertEquals(2, days.size());
    Row first = days.get(0);
    assertMoney("25", first.getAs("used_cost"));
    assertMoney("0", first.getAs("unused_cost"));
    assertMoney("100", first.getAs("utilization_pct"));
    assertMoney("4", first.getAs("covered_list_cost"));
    assertMoney("8", first.getAs("eligible_list_cost"));
    assertMoney("50", first.getAs("coverage_pct"));
    assertEquals("Spread", first.getAs("amortization_method"));
    Row second = days.get(1);
    assertMoney("0", second.getAs("used_cost"));
    assertMoney("25", second.getAs("unused_cost"));
    assertMoney("0", second.getAs("utilization_pct"));
    assertTrue(second.isNullAt(second.fieldIndex("coverage_pct")));
  }

  @Test
  void aRefundReversesTheRestOfTheTerm() {
    String id = "ri-refunded";
    Dataset<Row> items =
        new FocusRows()
            .add(upfront(id, "366.00", "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", "2024-01"))
            .add(
                with(
                    upfront(
                        id, "-184.00", "2024-07-01T00:00:00Z", "2024-07-01T00:00:00Z", "2024-07"),
                    "x_RecordHash",
                    "refund"))
            .frame();
    Dataset<Row> schedule = AmortizationSchedule.of(items);
    Map<String, BigDecimal> purchase = recognized(schedule, "Purchase");
    Map<String, BigDecimal> refund = recognized(schedule, "Refund");
    assertEquals(12, purchase.size());
    assertEquals(6, refund.size(), "July to December");
    Row july = schedule.filter("kind = 'Refund' AND accounting_period = '2024-07'").first();
    assertEquals(FocusRows.at("2025-01-01T00:00:00Z"), july.getAs("term_end"));
    for (Map.Entry<String, BigDecimal> month : refund.entrySet()) {
      assertMoney(
          purchase.get(month.getKey()).negate().toPlainString(),
          month.getValue(),
          "after the refund nothing is recognized in " + month.getKey());
    }
    assertMoney(
        "182.00",
        purchase.values().stream()
            .reduce(BigDecimal.ZERO, BigDecimal::add)
            .add(refund.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add)),
        "January to June: one a day");
  }

  @Test
  void whatTheProviderAmortizedPassesThroughUnchanged() {
    // The FOCUS spec's all-upfront purchase and its 75% utilization hour.
    String id = "<my-commitment-discount-id>";
    Dataset<Row> items =
        new FocusRows()
            .add(upfront(id, "8760.00", "2023-01-01T00:00:00Z", "2024-01-01T00:00:00Z", "2023-01"))
            .add(
                with(
                    covered(id, "1", "2023-01-01T00:00:00Z", "2023-01"),
                    "EffectiveCost",
                    m("0.75")))
            .add(
                with(
                    covered(id, "0", "2023-01-01T00:00:00Z", "2023-01"),
                    "CommitmentDiscountStatus",
                    "Unused",
                    "EffectiveCost",
                    m("0.25"),
                    "ResourceId",
                    id))
            .frame();
    Dataset<Row> amortized = amortize(items);
    assertEquals(3, amortized.count());
    assertEquals(3, amortized.filter("x_AmortizationMethod = 'Provider'").count());
    assertMoney("0.75", sum(amortized, "CommitmentDiscountStatus = 'Used'", "EffectiveCost"));
    assertMoney("0.25", sum(amortized, "CommitmentDiscountStatus = 'Unused'", "EffectiveCost"));
    assertMoney("0", sum(amortized, "ChargeCategory = 'Purchase'", "EffectiveCost"));
  }

  @Test
  void gcpCommitmentFeesMoveOntoTheUsageTheirCreditsCovered() {
    Object[] gcp = {
      "x_Provider", "gcp",
      "BillingAccountId", "01A2B3",
      "SubAccountId", "proj-a",
      "RegionId", "us-central1",
      "CommitmentDiscountCategory", "Usage",
      "BillingPeriodStart", "2024-03-01T08:00:00Z",
      "BillingPeriodEnd", "2024-04-01T07:00:00Z"
    };
    Dataset<Row> items =
        new FocusRows()
            .add(
                with(
                    gcp,
                    "ChargeCategory",
                    "Purchase",
                    "ChargeFrequency",
                    "Recurring",
                    "CommitmentDiscountId",
                    "gcp-cud:proj-a:CUD-N2-CPU-1Y",
                    "CommitmentDiscountQuantity",
                    m("10"),
                    "CommitmentDiscountUnit",
                    "Hours",
                    "BilledCost",
                    m("10"),
                    "EffectiveCost",
                    m("10"),
                    "x_GrossCost",
                    m("10"),
                    "ChargePeriodStart",
                    "2024-03-05T00:00:00Z",
                    "ChargePeriodEnd",
                    "2024-03-06T00:00:00Z"))
            .add(
                with(
                    gcp,
                    "CommitmentDiscountId",
                    "Committed use discount: N2 CPU",
                    "CommitmentDiscountStatus",
                    "Used",
                    "CommitmentDiscountQuantity",
                    m("8"),
                    "CommitmentDiscountUnit",
                    "Hours",
                    "BilledCost",
                    m("2"),
                    "EffectiveCost",
                    m("2"),
                    "x_GrossCost",
                    m("8"),
                    "x_RecordHash",
                    "heavy"))
            .add(
                with(
                    gcp,
                    "CommitmentDiscountId",
                    "Committed use discount: N2 CPU",
                    "CommitmentDiscountStatus",
                    "Used",
                    "CommitmentDiscountQuantity",
                    m("4"),
                    "CommitmentDiscountUnit",
                    "Hours",
                    "BilledCost",
                    m("1"),
                    "EffectiveCost",
                    m("1"),
                    "x_GrossCost",
                    m("4"),
                    "x_RecordHash",
                    "light"))
            // the same kind of usage in another project is not covered by this commitment
            .add(
                with(
                    gcp,
                    "SubAccountId",
                    "proj-b",
                    "CommitmentDiscountId",
                    "Committed use discount: N2 CPU",
                    "CommitmentDiscountStatus",
                    "Used",
                    "BilledCost",
                    m("5"),
                    "EffectiveCost",
                    m("5"),
                    "x_GrossCost",
                    m("9"),
                    "x_RecordHash",
                    "other-project"))
            .frame();
    Dataset<Row> amortized = amortize(items);
    // Credits covered 3/4 of each row: 6 + 3 of the 10 hours committed. Nine tenths of the fee
    // go to the usage in proportion to the credits, the last tenth is an Unused row.
    assertMoney("8", sum(amortized, "x_RecordHash = 'heavy'", "EffectiveCost"));
    assertMoney("4", sum(amortized, "x_RecordHash = 'light'", "EffectiveCost"));
    assertMoney("1", sum(amortized, "x_AmortizationMethod = 'Unused'", "EffectiveCost"));
    Row day =
        CommitmentUtilization.of(amortized).filter("CommitmentDiscountId LIKE 'gcp-cud:%'").first();
    assertMoney("90", day.getAs("utilization_pct"));
    assertMoney("5", sum(amortized, "x_RecordHash = 'other-project'", "EffectiveCost"));
    Row fee = amortized.filter("ChargeCategory = 'Purchase'").first();
    assertMoney("0", fee.getAs("EffectiveCost"));
    assertEquals("Moved", fee.getAs("x_AmortizationMethod"));
    assertEquals(
        3,
        amortized
            .filter(
                "CommitmentDiscountId = 'gcp-cud:proj-a:CUD-N2-CPU-1Y' AND ChargeCategory = 'Usage'")
            .count(),
        "covered usage names the commitment that paid for it");
    assertMoney(
        sum(items, "TRUE", "EffectiveCost").toPlainString(),
        sum(amortized, "TRUE", "EffectiveCost"),
        "a recurring fee moves, it does not add");
  }

  private static BigDecimal sum(Dataset<Row> rows, String where, String column) {
    Row total = rows.filter(where).selectExpr("SUM(" + column + ")").first();
    return total.isNullAt(0) ? BigDecimal.ZERO : total.getDecimal(0);
  }
}
