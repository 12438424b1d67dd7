package io.costlake.model;

import static io.costlake.model.ColumnType.DATE;
import static io.costlake.model.ColumnType.INT;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.PERCENT;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code budget_burn}: where each budget stands. Grain: one row per (budget, billing period) with
 * cost data; partitioned by billing period.
 */
public enum BudgetBurnColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  budget_id(STRING, false, "The budget (budgets[].id)"),
  scope(STRING, false, "owner or account"),
  scope_value(STRING, false, "The owner or billing account budgeted"),
  currency(STRING, false, "Budget currency: only cost in it counts"),
  budget_amount(MONEY, false, "The period's budget"),
  spend_to_date(MONEY, false, "Cost of the period up to as_of"),
  as_of(DATE, false, "Last day of the period with any cost data (the data's freshness)"),
  days_elapsed(INT, false, "Days of the period up to as_of"),
  days_in_period(INT, false, "Days of the period"),
  daily_run_rate(MONEY, false, "Average daily cost over the last 7 days up to as_of"),
  forecast(MONEY, false, "spend_to_date + daily_run_rate x the days left"),
  pct_spent(PERCENT, false, "spend_to_date / budget_amount x 100"),
  pct_forecast(PERCENT, false, "forecast / budget_amount x 100"),
  alerts(STRING_LIST, false, "The alert thresholds (percent of budget) the forecast has crossed"),
  status(
      STRING,
      false,
      "over_budget (spent more than the budget), forecast_over (projected to), or on_track"),
  computed_at(TIMESTAMP, false, "When the job ran");

  private final ColumnSpec spec;

  BudgetBurnColumn(ColumnType type, boolean nullable, String comment) {
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
