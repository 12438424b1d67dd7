package io.costlake.model;

import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code pipeline_runs}: the billing periods each {@code pipeline} run brought up to date. Grain:
 * one row per (run, billing period), written once every job of the period succeeded. A period whose
 * {@code cost_line_items} slices were written after its last row here is stale.
 */
public enum PipelineRunColumn implements TableColumn {
  run_id(STRING, false, "Pipeline run identifier"),
  billing_period(STRING, false, "Billing period (yyyy-MM) every job recomputed"),
  input_version(
      LONG, false, "Version of cost_line_items the jobs read: later ingests make the period stale"),
  jobs(STRING_LIST, false, "The jobs that ran, in order"),
  costlake_version(STRING, false, "costlake version that ran"),
  started_at(TIMESTAMP, false, "When the period's jobs started (UTC)"),
  ended_at(TIMESTAMP, false, "When the period's last job ended (UTC)");

  private final ColumnSpec spec;

  PipelineRunColumn(ColumnType type, boolean nullable, String comment) {
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
