package io.costlake.model;

import static io.costlake.model.ColumnType.INT;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code notify_deliveries}: the delivery log of {@code costlake notify}. Grain: one row per
 * (alert, route, run that tried it). An alert with a delivered row for its route is never sent to
 * it again; a failed one is tried again by the next run.
 */
public enum NotifyDeliveryColumn implements TableColumn {
  alert_id(STRING, false, "The alert: the first 16 hex digits of SHA-256 of alert_key"),
  alert_key(
      STRING,
      false,
      "What the alert is about, readable: budget:<id>:<period>:<threshold or forecast_over or"
          + " over_budget>, or anomaly:<series>:<day>"),
  kind(STRING, false, "budget or anomaly"),
  x_BillingPeriod(STRING, false, "Billing period of the budget or of the anomaly's day"),
  owner(STRING, false, "Owner the alert was routed by"),
  route(STRING, false, "The route (notify.routes[].id) it was sent to"),
  status(STRING, false, "delivered (the webhook answered 2xx) or failed"),
  attempts(INT, false, "Requests made in this run"),
  http_status(INT, true, "The last answer's HTTP status; null when none came (timeout, refused)"),
  response(STRING, true, "The last answer's body, its first 500 characters"),
  error(STRING, true, "Why it failed: the status, a timeout or the connection error"),
  message(STRING, false, "The text sent"),
  run_id(STRING, false, "The notify run"),
  sent_at(TIMESTAMP, false, "When the last request ended (UTC)");

  private final ColumnSpec spec;

  NotifyDeliveryColumn(ColumnType type, boolean nullable, String comment) {
    this.spec = ColumnSpec.of(type, nullable, comment);
  }

  @Override
  public String columnName() {
    return name();
  }

  @Override
  public ColumnSpec spec() {
    return spec;
  }
}
