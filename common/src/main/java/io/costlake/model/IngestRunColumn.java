package io.costlake.model;

import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.MONEY_DIGITS;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code ingest_runs}: the audit of every file every run read. Grain: one row per (run, source
 * file, billing currency); a file nearly always bills in one. Per row, {@code rows_in =
 * rows_written + rows_quarantined + rows_out_of_scope + rows_superseded} and the same for cost;
 * {@code rows_derived} counts rows costlake added (unused commitments).
 */
public enum IngestRunColumn implements TableColumn {
  run_id(STRING, false, "Ingest run identifier"),
  provider(STRING, false, "Adapter that read the file"),
  source_file(STRING, false, "URI of the export file"),
  manifest(STRING, true, "Manifest that named the file, when it came from one"),
  assembly_id(STRING, true, "Provider assembly or execution id of the export, from the manifest"),
  file_sha256(STRING, true, "SHA-256 of the file's bytes as stored"),
  file_bytes(LONG, true, "Size of the file as stored"),
  contract_version(STRING, false, "Schema contract the file was read under"),
  billing_periods(STRING_LIST, false, "Billing periods (yyyy-MM) the file's records belong to"),
  billing_currency(
      STRING,
      true,
      "Currency of this row's costs; a file billing in two has a row for each (null: unreadable)"),
  rows_in(LONG, false, "Data rows read from the file (in this billing currency)"),
  rows_written(LONG, false, "Rows written to cost_line_items"),
  rows_quarantined(LONG, false, "Rows written to ingest_quarantine"),
  rows_duplicate(
      LONG,
      true,
      "Of rows_quarantined, later copies of a record the run read already (DUPLICATE_RECORD)"),
  rows_out_of_scope(LONG, false, "Rows outside the requested --period, left for another run"),
  rows_derived(
      LONG,
      false,
      "Rows costlake derived from this file's rows (unused commitments, GCP promotional credits)"),
  rows_superseded(
      LONG,
      true,
      "Rows another file of the run replaces (Azure actual cost under amortized), not written"),
  cost_in(MONEY, false, "Sum of the file's billed cost column over rows whose cost parsed"),
  cost_written(MONEY, false, "Billed cost written to cost_line_items, derived rows included"),
  cost_quarantined(MONEY, false, "Billed cost of quarantined rows whose cost parsed"),
  cost_out_of_scope(MONEY, false, "Billed cost of rows outside the requested --period"),
  cost_superseded(MONEY, true, "Billed cost of superseded rows"),
  cost_rounding(
      MONEY_DIGITS,
      true,
      "cost_in minus the file's amounts to 24 decimals: what rounding them to the table's 10"
          + " decimal places added"),
  rows_rounded(LONG, true, "Rows whose billed cost had more than 10 decimal places"),
  uncovered_usage_cost(
      MONEY,
      true,
      "Azure: cost of the file's usage no commitment covers, which its actual and amortized"
          + " exports bill alike"),
  pair_check(
      STRING,
      true,
      "Azure, a scope with both exports: MATCHED, or MISMATCH with both exports' uncovered usage"
          + " (one is partial or of another scope; the actual's billed total is cost_in)"),
  unknown_columns(
      STRING_LIST, false, "Columns the contract does not know: schema drift, carried on"),
  status(STRING, false, "WRITTEN, UNCHANGED (slice already holds these files) or FAILED"),
  message(STRING, true, "Why a file failed, in one line"),
  costlake_version(STRING, false, "costlake version that ran"),
  started_at(TIMESTAMP, false, "Run start (UTC)"),
  ended_at(TIMESTAMP, false, "Run end (UTC)");

  private final ColumnSpec spec;

  IngestRunColumn(ColumnType type, boolean nullable, String comment) {
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
