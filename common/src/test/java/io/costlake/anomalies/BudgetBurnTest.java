package io.costlake.anomalies;

import static io.costlake.testing.Money.assertMoney;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.costlake.config.BudgetConfig;
import io.costlake.testing.Configs;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets on plain values: spend to date, the run-rate forecast, alerts and currencies. */
class BudgetBurnTest {
  private static List<BudgetConfig> budgets(String... yaml) {
    return Configs.yaml("budgets:\n" + String.join("\n", yaml)).budgets();
  }

  @Test
  void theForecastFollowsTheLastWeekAndRaisesEveryThresholdItCrosses() {
    List<BudgetBurn.DailySpend> spend = new ArrayList<>();
    for (int day = 1; day <= 10; day++) {
      spend.add(
          new BudgetBurn.DailySpend(
              "owner",
              "payments",
              "USD",
              LocalDate.of(2025, 9, day),
              new BigDecimal(day <= 3 ? "50" : "200")));
    }
    // A later day of another month, and another owner: neither counts.
    spend.add(
        new BudgetBurn.DailySpend(
            "owner", "payments", "USD", LocalDate.of(2025, 10, 1), new BigDecimal("999")));
    spend.add(
        new BudgetBurn.DailySpend(
            "owner", "search", "USD", LocalDate.of(2025, 9, 5), new BigDecimal("999")));
    List<BudgetBurn.Status> statuses =
        BudgetBurn.burn(
            budgets(
                "  - {id: pay, owner: payments, amount: 3000, currency: USD, alertsPct: [50, 80, 100,"
                    + " 200]}",
                "  - {id: pay-eur, owner: payments, amount: 3000, currency: EUR}",
                "  - {id: old, owner: payments, amount: 1, currency: USD, to: '2025-08'}"),
            spend,
            Map.of("2025-09", LocalDate.of(2025, 9, 10)));
    assertEquals(2, statuses.size(), "a budget that ended is not reported");
    BudgetBurn.Status pay = statuses.get(0);
    assertMoney("1550", pay.spend); // 3 x 50 + 7 x 200
    assertMoney("200", pay.runRate); // the last 7 days
    assertMoney("5550", pay.forecast); // 1550 + 20 days x 200
    assertMoney("51.6667", pay.pctSpent);
    assertMoney("185", pay.pctForecast);
    assertEquals(List.of("50", "80", "100"), pay.alerts);
    assertEquals("forecast_over", pay.status);
    assertEquals(10, pay.daysElapsed);
    assertEquals(30, pay.daysInPeriod);
    BudgetBurn.Status eur = statuses.get(1);
    assertMoney("0", eur.spend); // USD cost does not count against a EUR budget
    assertEquals("on_track", eur.status);
    assertEquals(List.of(), eur.alerts);
  }

  @Test
  void aBudgetNamesOneScope() {
    RuntimeException e =
        assertThrows(
            RuntimeException.class,
            () -> budgets("  - {id: x, owner: a, account: '1', amount: 1, currency: USD}"));
    assertTrue(e.getMessage().contains("exactly one of owner or account"), e.getMessage());
  }
}
