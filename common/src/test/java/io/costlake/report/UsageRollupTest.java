package io.costlake.report;

import static io.costlake.testing.Money.assertMoney;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.costlake.testing.FocusRows;
import io.costlake.testing.TestSpark;
import java.math.BigDecimal;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Daily and monthly rollups on a few allocated rows: sums, unit cost, final or provisional. */
class UsageRollupTest {
  private static Dataset<Row> allocated() {
    FocusRows rows = new FocusRows();
    for (String day : List.of("2024-03-05", "2024-03-05", "2024-03-06")) {
      rows.add(
          "ChargePeriodStart",
          day + "T00:00:00Z",
          "ConsumedQuantity",
          "10",
          "ConsumedUnit",
          "Hours",
          "EffectiveCost",
          "10",
          "BilledCost",
          "12",
          "RegionId",
          "eu-west-1");
    }
    rows.add(
        "ConsumedQuantity",
        "5",
        "ConsumedUnit",
        "Hours",
        "EffectiveCost",
        "7.5",
        "BilledCost",
        "7.5",
        "RegionId",
        "eu-west-1",
        "SubAccountId",
        "b");
    rows.add("ChargeCategory", "Tax", "EffectiveCost", "3", "BilledCost", "3");
    rows.add("BillingAccountId", "B", "EffectiveCost", "1", "BilledCost", "1");
    Dataset<Row> frame = rows.frame();
    // Owner a, except the row of sub account b.
    return frame.withColumn(
        "owner", when(col("SubAccountId").equalTo("b"), lit("b")).otherwise(lit("a")));
  }

  private static Dataset<Row> finalForAccountA() {
    return TestSpark.session()
        .sql(
            "SELECT 'test' AS x_Provider, 'A' AS BillingAccountId, '2024-03' AS x_BillingPeriod,"
                + " 'final' AS period_status");
  }

  @Test
  void daysAndMonthsAddUpWithUnitCostsAndTheirPeriodStatus() {
    Dataset<Row> daily = UsageRollup.daily(allocated(), finalForAccountA());
    Row day =
        daily.filter("day = DATE'2024-03-05' AND owner = 'a' AND ConsumedUnit = 'Hours'").first();
    assertMoney("20", day.getAs("quantity"));
    assertMoney("20", day.getAs("EffectiveCost"));
    assertMoney("24", day.getAs("BilledCost"));
    assertMoney("1", day.getAs("unit_cost"));
    assertEquals(2L, (long) day.getAs("line_count"));
    assertEquals("final", day.getAs("period_status"));

    Dataset<Row> monthly = UsageRollup.monthly(daily);
    Row month = monthly.filter("owner = 'a' AND ConsumedUnit = 'Hours'").first();
    assertMoney("30", month.getAs("quantity"));
    assertMoney("1", month.getAs("unit_cost"));
    assertEquals(3L, (long) month.getAs("line_count"));
    Row owner = monthly.filter("owner = 'b'").first();
    assertMoney("1.5", owner.getAs("unit_cost"));
    Row tax = monthly.filter("ConsumedUnit IS NULL AND BillingAccountId = 'A'").first();
    assertNull(tax.getAs("unit_cost"));
    assertEquals(
        "provisional", monthly.filter("BillingAccountId = 'B'").first().getAs("period_status"));
    // Nothing counted twice or lost: the month's totals are the input's.
    for (String cost : List.of("EffectiveCost", "BilledCost")) {
      assertMoney(
          ((BigDecimal) allocated().agg(sum(cost)).first().get(0)).toPlainString(),
          monthly.agg(sum(cost)).first().get(0),
          cost);
    }
    assertEquals(List.of("x_BillingPeriod", "day"), List.of(daily.columns()).subList(0, 2));
    assertEquals("x_Provider", monthly.columns()[1]);
  }

  @Test
  void everyMoneyColumnIsConvertedAtItsDaysRateAndAMonthMissingADaysRateHasNoTotal() {
    Dataset<Row> rates =
        TestSpark.session()
            .sql(
                "SELECT 'USD' AS BillingCurrency, DATE'2024-03-05' AS day,"
                    + " CAST(0.9 AS DECIMAL(38,18)) AS fx_rate, '2024-03' AS fx_rate_date"
                    + " UNION ALL SELECT 'USD', DATE'2024-03-06', NULL, NULL");
    Dataset<Row> daily =
        UsageRollup.inCurrency(UsageRollup.daily(allocated(), finalForAccountA()), rates, "EUR");
    Row day =
        daily.filter("day = DATE'2024-03-05' AND owner = 'a' AND ConsumedUnit = 'Hours'").first();
    assertEquals("EUR", day.getAs("reporting_currency"));
    assertMoney("0.9", day.getAs("fx_rate"));
    assertEquals("2024-03", day.getAs("fx_rate_date"));
    assertMoney("18", day.getAs("reporting_effective_cost"));
    assertMoney("21.6", day.getAs("reporting_billed_cost"));
    assertMoney("0.9", day.getAs("reporting_unit_cost"));
    assertMoney("20", day.getAs("EffectiveCost"), "the billing currency's amounts stay");
    Row unquoted = daily.filter("day = DATE'2024-03-06'").first();
    assertNull(unquoted.getAs("reporting_effective_cost"), "no rate, no guessed amount");

    Dataset<Row> monthly = UsageRollup.monthly(daily);
    Row owner = monthly.filter("owner = 'b'").first();
    assertMoney("6.75", owner.getAs("reporting_effective_cost"));
    assertMoney("1.35", owner.getAs("reporting_unit_cost"));
    // Owner a's hours ran on a day without a rate: no total rather than a part of one.
    Row partial = monthly.filter("owner = 'a' AND ConsumedUnit = 'Hours'").first();
    assertNull(partial.getAs("reporting_effective_cost"));
    assertMoney("30", partial.getAs("EffectiveCost"));
    assertEquals(daily.count(), UsageRollup.daily(allocated(), finalForAccountA()).count());
  }
}
