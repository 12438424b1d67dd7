package io.costlake.tasks;

import io.costlake.config.NotifyConfig;
import io.costlake.config.NotifyRoute;
import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import io.costlake.model.NotifyDeliveryColumn;
import io.costlake.model.Table;
import io.costlake.notify.Alert;
import io.costlake.notify.Alerts;
import io.costlake.notify.Payloads;
import io.costlake.notify.Webhook;
import io.costlake.spark.Warehouse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * {@code costlake notify}: sends each alert of {@link Alerts} that its route has not had yet, and
 * logs every try in {@code notify_deliveries}, one commit per alert as soon as it is answered, so a
 * re-run (or a retried Airflow task) sends only what was not delivered. A crash between a webhook's
 * answer and that commit is the one case that can send an alert twice.
 */
public final class Notification implements Task<Notification.Result> {
  private final Optional<BillingPeriod> period;
  private final boolean dryRun;
  private final Webhook.Sleeper sleeper;

  public Notification(Optional<BillingPeriod> period, boolean dryRun) {
    this(period, dryRun, duration -> Thread.sleep(duration.toMillis()));
  }

  /** With another way to wait between tries (a test's). */
  public Notification(Optional<BillingPeriod> period, boolean dryRun, Webhook.Sleeper sleeper) {
    this.period = period;
    this.dryRun = dryRun;
    this.sleeper = sleeper;
  }

  @Override
  public String name() {
    return "notify";
  }

  /** What a run did. */
  public static final class Result implements Outcome {
    public final int delivered;
    public final int failed;
    public final int alreadyDelivered;
    public final int unrouted;
    private final String summary;

    Result(int delivered, int failed, int alreadyDelivered, int unrouted, String summary) {
      this.delivered = delivered;
      this.failed = failed;
      this.alreadyDelivered = alreadyDelivered;
      this.unrouted = unrouted;
      this.summary = summary;
    }

    @Override
    public String summary() {
      return summary;
    }
  }

  @Override
  public Result execute(JobContext context) {
    Warehouse warehouse = context.warehouse();
    if (!warehouse.exists(Table.BUDGET_BURN) && !warehouse.exists(Table.COST_ANOMALIES)) {
      throw CostlakeErrors.nothingToNotify(
          "neither budget_burn nor cost_anomalies is under "
              + warehouse.root()
              + " (run costlake anomalies)");
    }
    NotifyConfig config = context.config().notifications();
    String unallocated = context.config().tags().owner().unallocated();
    List<Alert> alerts = alerts(warehouse, unallocated);
    Set<String> delivered = delivered(warehouse);
    String runId = UUID.randomUUID().toString();
    Webhook webhook =
        new Webhook(
            Duration.ofSeconds(config.timeoutSeconds()),
            config.maxAttempts(),
            Duration.ofMillis(Math.round(config.backoffSeconds() * 1000)),
            sleeper);
    Map<String, Integer> sentPerRoute = new LinkedHashMap<>();
    Set<String> ownersWithoutRoute = new TreeSet<>();
    List<String> failures = new ArrayList<>();
    int sent = 0;
    int already = 0;
    int unrouted = 0;
    StringBuilder said = new StringBuilder();
    for (Alert alert : alerts) {
      Optional<NotifyRoute> route = route(config, alert.owner());
      if (route.isEmpty()) {
        unrouted++;
        ownersWithoutRoute.add(alert.owner());
        continue;
      }
      if (delivered.contains(alert.key() + "\u0000" + route.get().id())) {
        already++;
        continue;
      }
      if (dryRun) {
        said.append(
            String.format("notify: would send to %s: %s%n", route.get().id(), alert.message()));
        sentPerRoute.merge(route.get().id(), 1, Integer::sum);
        continue;
      }
      Webhook.Result result = send(webhook, route.get(), alert);
      warehouse
          .writes()
          .append(
              Table.NOTIFY_DELIVERIES,
              context
                  .spark()
                  .createDataFrame(
                      List.of(row(alert, route.get(), result, runId)),
                      Table.NOTIFY_DELIVERIES.schema()),
              "costlake notify " + runId + ": " + alert.key());
      if (result.delivered) {
        sent++;
        sentPerRoute.merge(route.get().id(), 1, Integer::sum);
      } else {
        failures.add(route.get().id() + ": " + result.error);
      }
    }
    said.append(
        String.format(
            Locale.ROOT,
            "notify: %d alert(s) %s%s, %d delivered before, %d failed%n",
            dryRun ? sentPerRoute.values().stream().mapToInt(Integer::intValue).sum() : sent,
            dryRun ? "to send" : "delivered",
            sentPerRoute.isEmpty() ? "" : " " + sentPerRoute,
            already,
            failures.size()));
    if (unrouted > 0) {
      said.append(
          String.format(
              "notify: %d alert(s) have no route, for owners %s: name them in a route's owners, or"
                  + " add a route with owners ['*']%n",
              unrouted, ownersWithoutRoute));
    }
    if (!failures.isEmpty()) {
      context.out().print(said);
      throw CostlakeErrors.notDelivered(failures.size(), failures.get(0));
    }
    return new Result(sent, failures.size(), already, unrouted, said.toString());
  }

  /** Budget and anomaly alerts, in key order (a run sends them in the same order as the last). */
  private List<Alert> alerts(Warehouse warehouse, String unallocated) {
    Optional<Dataset<Row>> allocated =
        warehouse.exists(Table.COST_ALLOCATED)
            ? Optional.of(warehouse.read(Table.COST_ALLOCATED))
            : Optional.empty();
    List<Dataset<Row>> parts = new ArrayList<>();
    if (warehouse.exists(Table.BUDGET_BURN)) {
      parts.add(Alerts.fromBudgets(warehouse.read(Table.BUDGET_BURN), allocated));
    }
    if (warehouse.exists(Table.COST_ANOMALIES)) {
      parts.add(Alerts.fromAnomalies(warehouse.read(Table.COST_ANOMALIES), allocated));
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    if (period.isPresent()) {
      all = all.where(all.col("x_BillingPeriod").equalTo(period.get().toString()));
    }
    List<Alert> alerts = new ArrayList<>();
    // Alerts are few (thresholds crossed, days labelled anomaly): collected to be sent one by one.
    for (Row row : all.orderBy("alert_key").collectAsList()) {
      String owner = row.isNullAt(3) ? unallocated : row.getString(3);
      alerts.add(
          new Alert(row.getString(0), row.getString(1), row.getString(2), owner, row.getString(4)));
    }
    return alerts;
  }

  /** (alert_key, route) pairs some run delivered. */
  private static Set<String> delivered(Warehouse warehouse) {
    Set<String> delivered = new HashSet<>();
    if (!warehouse.exists(Table.NOTIFY_DELIVERIES)) {
      return delivered;
    }
    for (Row row :
        warehouse
            .read(Table.NOTIFY_DELIVERIES)
            .where("status = 'delivered'")
            .select("alert_key", "route")
            .distinct()
            .collectAsList()) {
      delivered.add(row.getString(0) + "\u0000" + row.getString(1));
    }
    return delivered;
  }

  /** The route naming the owner, else the one taking every other owner. */
  public static Optional<NotifyRoute> route(NotifyConfig config, String owner) {
    Optional<NotifyRoute> named =
        config.routes().stream().filter(r -> r.owners().contains(owner)).findFirst();
    return named.isPresent()
        ? named
        : config.routes().stream().filter(NotifyRoute::catchesAll).findFirst();
  }

  private static Webhook.Result send(Webhook webhook, NotifyRoute route, Alert alert) {
    URI url;
    try {
      url = url(route);
    } catch (IllegalArgumentException e) {
      return new Webhook.Result(false, 0, null, null, e.getMessage());
    }
    return webhook.post(url, Payloads.body(route.format(), alert), alert.id());
  }

  /** The route's URL, from its variable or file; the message names where, never the URL. */
  static URI url(NotifyRoute route) {
    String value;
    if (route.urlEnv() != null) {
      value = System.getenv(route.urlEnv());
    } else {
      try {
        value = Files.readString(Path.of(route.urlFile()), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "the webhook URL file " + route.urlFile() + " cannot be read (" + e + ")");
      }
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("no webhook URL in " + route.urlSource());
    }
    URI url;
    try {
      url = URI.create(value.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook URL in " + route.urlSource() + " is no URL");
    }
    if (url.getScheme() == null
        || !(url.getScheme().equals("https") || url.getScheme().equals("http"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          "the webhook URL in " + route.urlSource() + " is not an http(s) URL");
    }
    return url;
  }

  private static Row row(Alert alert, NotifyRoute route, Webhook.Result result, String runId) {
    Object[] v = new Object[NotifyDeliveryColumn.values().length];
    v[NotifyDeliveryColumn.alert_id.ordinal()] = alert.id();
    v[NotifyDeliveryColumn.alert_key.ordinal()] = alert.key();
    v[NotifyDeliveryColumn.kind.ordinal()] = alert.kind();
    v[NotifyDeliveryColumn.x_BillingPeriod.ordinal()] = alert.billingPeriod();
    v[NotifyDeliveryColumn.owner.ordinal()] = alert.owner();
    v[NotifyDeliveryColumn.route.ordinal()] = route.id();
    v[NotifyDeliveryColumn.status.ordinal()] = result.delivered ? "delivered" : "failed";
    v[NotifyDeliveryColumn.attempts.ordinal()] = result.attempts;
    v[NotifyDeliveryColumn.http_status.ordinal()] = result.httpStatus;
    v[NotifyDeliveryColumn.response.ordinal()] = result.response;
    v[NotifyDeliveryColumn.error.ordinal()] = result.error;
    v[NotifyDeliveryColumn.message.ordinal()] = alert.message();
    v[NotifyDeliveryColumn.run_id.ordinal()] = runId;
    v[NotifyDeliveryColumn.sent_at.ordinal()] = new Timestamp(System.currentTimeMillis());
    return RowFactory.create(v);
  }
}
