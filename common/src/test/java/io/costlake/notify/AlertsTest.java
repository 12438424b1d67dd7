package io.costlake.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.costlake.config.NotifyConfig;
import io.costlake.config.NotifyRoute;
import io.costlake.errors.CostlakeException;
import io.costlake.testing.Configs;
import io.costlake.testing.TestSpark;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** Alerts from small in-memory budget_burn, cost_anomalies and cost_allocated frames. */
class AlertsTest {
  private static final SparkSession SPARK = TestSpark.session();

  private static Dataset<Row> budgetBurn() {
    return SPARK.sql(
        "SELECT * FROM VALUES"
            + " ('2025-10', 'payments-usd', 'owner', 'payments', 'USD', 6000BD, 3100BD,"
            + "  DATE'2025-10-15', 15, 31, 485BD, 10860BD, 51.6BD, 181BD, array('50', '100'),"
            + "  'forecast_over', TIMESTAMP'2025-10-16 01:00:00'),"
            // an older run of the same budget and period: only the latest counts
            + " ('2025-10', 'payments-usd', 'owner', 'payments', 'USD', 6000BD, 100BD,"
            + "  DATE'2025-10-02', 2, 31, 50BD, 1550BD, 1.6BD, 25.8BD, array('50', '80', '100'),"
            + "  'over_budget', TIMESTAMP'2025-10-03 01:00:00'),"
            + " ('2025-10', 'acct-budget', 'account', '111', 'USD', 100000BD, 10BD,"
            + "  DATE'2025-10-15', 15, 31, 1BD, 26BD, 0.01BD, 0.03BD, array(), 'on_track',"
            + "  TIMESTAMP'2025-10-16 01:00:00'),"
            + " ('2025-10', 'acct-over', 'account', '222', 'EUR', 10BD, 20BD,"
            + "  DATE'2025-10-15', 15, 31, 1BD, 36BD, 200BD, 360BD, array('100'), 'over_budget',"
            + "  TIMESTAMP'2025-10-16 01:00:00')"
            + " AS t(x_BillingPeriod, budget_id, scope, scope_value, currency, budget_amount,"
            + " spend_to_date, as_of, days_elapsed, days_in_period, daily_run_rate, forecast,"
            + " pct_spent, pct_forecast, alerts, status, computed_at)");
  }

  private static Dataset<Row> anomalies() {
    return SPARK
        .sql(
            "SELECT * FROM VALUES"
                + " ('2025-10', DATE'2025-10-12', 'service', 'aws', '222', 'Amazon EC2', 'Usage',"
                + "  CAST(NULL AS STRING), 'EUR', 1200BD, 300BD, 900BD, 'anomaly', 'i-0abc', 880BD),"
                + " ('2025-10', DATE'2025-10-13', 'owner', NULL, NULL, NULL, NULL, 'search', 'EUR',"
                + "  500BD, 100BD, 400BD, 'anomaly', NULL, NULL),"
                + " ('2025-10', DATE'2025-10-14', 'service', 'aws', '222', 'Tax', 'Tax', NULL, 'EUR',"
                + "  90BD, 10BD, 80BD, 'tax', NULL, NULL)"
                + " AS t(x_BillingPeriod, day, dimension, x_Provider, BillingAccountId, ServiceName,"
                + " ChargeCategory, owner, BillingCurrency, actual, expected, impact, label, driver,"
                + " driver_impact)")
        .selectExpr("*", "CAST(3.5 AS DECIMAL(18,4)) AS score");
  }

  /** Account 222: search carries more of EC2 on the 12th, payments more of the month. */
  private static Dataset<Row> allocated() {
    return SPARK.sql(
        "SELECT * FROM VALUES"
            + " ('aws', '2025-10', '222', 'EUR', TIMESTAMP'2025-10-12 00:00:00', 'Usage',"
            + "  'Amazon EC2', 'search', 700BD),"
            + " ('aws', '2025-10', '222', 'EUR', TIMESTAMP'2025-10-12 05:00:00', 'Usage',"
            + "  'Amazon EC2', 'payments', 500BD),"
            + " ('aws', '2025-10', '222', 'EUR', TIMESTAMP'2025-10-20 00:00:00', 'Usage',"
            + "  'Amazon S3', 'payments', 9000BD)"
            + " AS t(x_Provider, x_BillingPeriod, BillingAccountId, BillingCurrency,"
            + " ChargePeriodStart, ChargeCategory, ServiceName, owner, EffectiveCost)");
  }

  private static Map<String, Row> byKey(Dataset<Row> alerts) {
    Map<String, Row> rows = new LinkedHashMap<>();
    for (Row row : alerts.orderBy("alert_key").collectAsList()) {
      rows.put(row.getString(0), row);
    }
    return rows;
  }

  @Test
  void everyThresholdCrossedAndTheStatusOverAreAlertsOfTheLatestRun() {
    Map<String, Row> alerts = byKey(Alerts.fromBudgets(budgetBurn(), Optional.of(allocated())));
    assertEquals(
        List.of(
            "budget:acct-over:2025-10:100%",
            "budget:acct-over:2025-10:over_budget",
            "budget:payments-usd:2025-10:100%",
            "budget:payments-usd:2025-10:50%",
            "budget:payments-usd:2025-10:forecast_over"),
        List.copyOf(alerts.keySet()));
    Row forecastOver = alerts.get("budget:payments-usd:2025-10:forecast_over");
    assertEquals("payments", forecastOver.getAs("owner"));
    assertEquals(
        "Budget payments-usd (owner payments) 2025-10: forecast over budget. Spent 3,100.00 USD"
            + " of 6,000.00 USD (51.6%) up to 2025-10-15; forecast 10,860.00 USD (181.0%) at"
            + " 485.00 USD a day.",
        forecastOver.getAs("message"));
    // An account budget goes to the owner who carries most of the account's cost that period.
    assertEquals("payments", alerts.get("budget:acct-over:2025-10:over_budget").getAs("owner"));
  }

  @Test
  void anomaliesAreTheDaysLabelledAnomalyRoutedToTheirOwner() {
    Map<String, Row> alerts = byKey(Alerts.fromAnomalies(anomalies(), Optional.of(allocated())));
    assertEquals(2, alerts.size(), alerts.keySet().toString());
    Row ec2 = alerts.get("anomaly:service:aws:222:Amazon EC2:Usage::EUR:2025-10-12");
    // Search carried more of the series that day, though payments carries more of the month.
    assertEquals("search", ec2.getAs("owner"));
    assertEquals(
        "Cost anomaly on 2025-10-12: Amazon EC2 in aws account 222 (Usage) cost 1,200.00 EUR"
            + " against 300.00 EUR expected (+900.00 EUR, score 3.5); driver i-0abc (880.00 EUR).",
        ec2.getAs("message"));
    assertEquals("search", alerts.get("anomaly:owner:::::search:EUR:2025-10-13").getAs("owner"));
  }

  @Test
  void withoutCostAllocatedAnAccountsAlertHasNoOwner() {
    Map<String, Row> alerts = byKey(Alerts.fromAnomalies(anomalies(), Optional.empty()));
    assertNull(
        alerts.get("anomaly:service:aws:222:Amazon EC2:Usage::EUR:2025-10-12").getAs("owner"));
  }

  @Test
  void payloadsAreWhatSlackTeamsAndGenericReceiversRead() throws Exception {
    Alert alert = new Alert("budget:b:2025-10:50%", "budget", "2025-10", "payments", "Spent.");
    ObjectMapper json = new ObjectMapper();
    JsonNode slack = json.readTree(Payloads.body(NotifyRoute.Format.SLACK, alert));
    assertEquals("*costlake budget alert for payments*\nSpent.", slack.get("text").asText());
    JsonNode teams = json.readTree(Payloads.body(NotifyRoute.Format.TEAMS, alert));
    assertEquals("message", teams.get("type").asText());
    JsonNode card = teams.get("attachments").get(0);
    assertEquals("application/vnd.microsoft.card.adaptive", card.get("contentType").asText());
    assertEquals("AdaptiveCard", card.get("content").get("type").asText());
    assertEquals("Spent.", card.get("content").get("body").get(1).get("text").asText());
    JsonNode generic = json.readTree(Payloads.body(NotifyRoute.Format.GENERIC, alert));
    assertEquals(alert.id(), generic.get("alert_id").asText());
    assertEquals(16, alert.id().length());
    assertEquals("payments", generic.get("owner").asText());
  }

  @Test
  void routesNameOwnersAndOneTakesTheRestAndUrlsAreNeverInTheConfig() {
    NotifyConfig config =
        Configs.yaml(
                "notify:",
                "  routes:",
                "    - {id: pay, format: slack, urlEnv: HOOK_PAY, owners: [payments]}",
                "    - {id: rest, format: generic, urlFile: /run/secrets/hook, owners: ['*']}")
            .notifications();
    assertEquals("pay", io.costlake.tasks.Notification.route(config, "payments").get().id());
    assertEquals("rest", io.costlake.tasks.Notification.route(config, "search").get().id());
    CostlakeException url =
        assertThrows(
            CostlakeException.class,
            () ->
                Configs.yaml(
                    "notify:",
                    "  routes:",
                    "    - {id: pay, url: 'https://hooks.example/T0/B0/xyz', owners: [a]}"));
    assertTrue(url.getMessage().contains("a webhook URL is a secret"), url.getMessage());
    assertTrue(!url.getMessage().contains("xyz"), url.getMessage());
  }
}
