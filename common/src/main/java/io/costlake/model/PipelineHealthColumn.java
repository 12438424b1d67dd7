package io.costlake.model;

import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.PERCENT;
import static io.costlake.model.ColumnType.SCORE;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code pipeline_health}: the service level indicators of the billing pipeline. Grain: one row per
 * (billing period, provider, billing account) that was ever ingested; partitioned by billing
 * period. Every figure comes from the tables the jobs already write (ingest_slices, ingest_runs,
 * ingest_quarantine, cost_line_items, cost_allocated, invoice_reconciliation).
 */
public enum PipelineHealthColumn implements TableColumn {
  x_BillingPeriod(STRING, false, "Billing period (yyyy-MM); partition column"),
  x_Provider(STRING, false, "aws, gcp, azure or focus"),
  BillingAccountId(STRING, false, "Billing account"),
  ingest_attempts(LONG, false, "Ingest runs that planned this slice (ingest_slices records)"),
  ingest_failures(LONG, false, "Of those, the runs that could not write it (FAILED)"),
  delivery_success_pct(PERCENT, false, "100 x (attempts - failures) / attempts"),
  last_ingest_status(STRING, false, "WRITTEN, UNCHANGED or FAILED: the latest attempt"),
  last_written_at(TIMESTAMP, true, "When a run last wrote the slice; null if none ever did"),
  data_through(
      TIMESTAMP,
      true,
      "End of the latest usage-based charge period in cost_line_items: how far the export reaches"),
  export_latency_hours(
      SCORE,
      true,
      "Hours from data_through to last_written_at: how old the newest usage was when it landed"),
  line_count(LONG, false, "Rows of the slice in cost_line_items"),
  duplicate_lines(
      LONG, false, "Rows whose x_RecordHash repeats another row's: the same source line twice"),
  duplicate_line_pct(PERCENT, true, "100 x duplicate_lines / line_count"),
  rows_quarantined(
      LONG, false, "ingest_quarantine rows of the slice from the run that last wrote it"),
  quarantine_rate_pct(
      PERCENT, true, "100 x rows_quarantined / (rows written + rows_quarantined) in that run"),
  schema_drift_files(
      LONG, false, "Source files of that run with columns the schema contract does not know"),
  unknown_columns(STRING_LIST, false, "Those columns, sorted"),
  allocated_cost(MONEY, true, "EffectiveCost of the slice in cost_allocated"),
  unallocated_cost(MONEY, true, "Of which the unallocated bucket's"),
  unallocated_pct(PERCENT, true, "100 x unallocated_cost / |allocated_cost|"),
  reconciliation_status(
      STRING, true, "invoice_reconciliation statuses of the slice, comma-separated; null if none"),
  reconciliation_delta(MONEY, true, "Sum of invoice_reconciliation.delta (computed - invoice)"),
  reconciliation_delta_pct(PERCENT, true, "100 x reconciliation_delta / |invoice totals|"),
  period_status(
      STRING, false, "final once every invoice of the slice reconciled, else provisional");

  private final ColumnSpec spec;

  PipelineHealthColumn(ColumnType type, boolean nullable, String comment) {
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
