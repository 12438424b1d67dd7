package io.costlake.model;

import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code ingest_slices}: what each run did to each slice of {@code cost_line_items}. Grain: one row
 * per (run, provider, billing account, billing period). The fingerprint lets a re-run with the same
 * files skip the slice, and lets downstream jobs see which slices changed.
 */
public enum IngestSliceColumn implements TableColumn {
  run_id(STRING, false, "Ingest run identifier"),
  provider(STRING, false, "Adapter that read the slice"),
  billing_account_id(STRING, false, "Billing account of the slice"),
  billing_period(STRING, false, "Billing period (yyyy-MM) of the slice"),
  fingerprint(
      STRING, false, "SHA-256 over the slice's source files, contract and costlake version"),
  source_files(STRING_LIST, false, "The files the slice was built from"),
  rows_written(LONG, false, "Rows in the slice after the run"),
  billed_cost(MONEY, false, "Sum of BilledCost in the slice"),
  effective_cost(MONEY, false, "Sum of EffectiveCost in the slice"),
  table_version(LONG, true, "Delta version of cost_line_items that holds the slice"),
  status(STRING, false, "WRITTEN, UNCHANGED or FAILED"),
  message(STRING, true, "Why the slice was not written, in one line"),
  recorded_at(TIMESTAMP, false, "When the run recorded it (UTC)");

  private final ColumnSpec spec;

  IngestSliceColumn(ColumnType type, boolean nullable, String comment) {
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
