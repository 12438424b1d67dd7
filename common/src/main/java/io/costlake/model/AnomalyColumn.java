package io.costlake.model;

import static io.costlake.model.ColumnType.DATE;
import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.SCORE;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code cost_anomalies}: the days a cost series left its baseline. Grain: one row per (series,
 * day) that scored past the threshold with at least the minimum impact; a series is (provider,
 * billing account, service, charge category, currency) or (owner, currency). Spikes explained by
 * restatements, credits, commitment true-ups or adjustments are kept with that label, not as
 * anomalies. Partitioned by billing period.
 */
public enum AnomalyColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period of the day (yyyy-MM); partition column"),
  day(DATE, false, "The day (UTC) of the charge period start"),
  dimension(STRING, false, "service (account x service x charge category) or owner"),
  x_Provider(STRING, true, "Provider; null for owner series"),
  BillingAccountId(STRING, true, "Billing account; null for owner series"),
  ServiceName(STRING, true, "Service; null for owner series"),
  ChargeCategory(STRING, true, "Charge category; null for owner series"),
  owner(STRING, true, "Owner (cost_allocated.owner); null for service series"),
  BillingCurrency(STRING, false, "Currency of the amounts"),
  actual(MONEY, false, "The day's cost"),
  expected(
      MONEY, false, "Baseline: median cost of the same weekday over the history, in the series"),
  impact(MONEY, false, "actual - expected"),
  mad(MONEY, false, "Median absolute deviation of the history from its weekday baselines"),
  score(SCORE, false, "Robust z-score: impact / (1.4826 x mad), mad floored at 1% of expected"),
  history_days(LONG, false, "Days of history behind the baseline"),
  label(
      STRING,
      false,
      "anomaly, or what explains the spike: restatement, credit, commitment_true_up, adjustment,"
          + " tax or recurring_fee"),
  direction(STRING, false, "up or down"),
  driver(STRING, true, "The resource (else SKU, else service) whose cost moved most that day"),
  driver_impact(MONEY, true, "Its cost that day minus its average day over the history"),
  detected_at(TIMESTAMP, false, "When the job ran");

  private final ColumnSpec spec;

  AnomalyColumn(ColumnType type, boolean nullable, String comment) {
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
