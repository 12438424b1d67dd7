package io.costlake.model;

import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.TAGS;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code ingest_quarantine}: rows (or whole files) that could not be read or mapped. Grain: one row
 * per rejected source record and reason; a file that cannot be read at all gets one row with a null
 * {@code source_row}.
 */
public enum QuarantineColumn implements TableColumn {
  provider(STRING, false, "Adapter that read the file"),
  billing_account_id(STRING, true, "Billing account of the record, when it could be read"),
  billing_period(STRING, true, "Billing period (yyyy-MM) of the record, when it could be read"),
  source_file(STRING, false, "URI of the export file"),
  source_row(LONG, true, "1-based data row number; null when the whole file was rejected"),
  column_name(STRING, true, "The offending column, as named in the file"),
  reason_code(
      STRING, false, "Stable machine-readable reason (INVALID_DECIMAL, MISSING_VALUE, ...)"),
  reason(STRING, false, "What was wrong, in words"),
  raw_value(STRING, true, "The offending value as read"),
  billed_cost(MONEY, true, "The record's billed cost when it parsed, so cost sums still reconcile"),
  raw_record(TAGS, true, "The record's non-empty fields, column name to raw value"),
  run_id(STRING, false, "Ingest run that quarantined the record"),
  contract_version(STRING, false, "Schema contract the file was read under"),
  quarantined_at(TIMESTAMP, false, "When the run quarantined it (UTC)");

  private final ColumnSpec spec;

  QuarantineColumn(ColumnType type, boolean nullable, String comment) {
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
