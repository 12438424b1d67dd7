package io.costlake.model;

import static io.costlake.model.ColumnType.JSON;
import static io.costlake.model.ColumnType.LONG;
import static io.costlake.model.ColumnType.STRING;
import static io.costlake.model.ColumnType.STRING_LIST;
import static io.costlake.model.ColumnType.TIMESTAMP;

/**
 * {@code focus_conformance}: how {@code cost_line_items} fares against each rule of the FOCUS
 * conformance model. Grain: one row per rule of the last {@code costlake validate} run (earlier
 * runs stay readable by time travel).
 */
public enum ConformanceColumn implements TableColumn {
  run_id(STRING, false, "Validate run identifier"),
  checked_at(TIMESTAMP, false, "When the run checked the table (UTC)"),
  focus_version(STRING, false, "FOCUS version of the rule model"),
  rule_id(STRING, false, "Rule id in the model, e.g. BilledCost-C-005-C"),
  reference(STRING, false, "The column, attribute or dataset the rule is about"),
  rule_function(STRING, false, "Presence, Type, Format, Nullability, Validation or Composite"),
  keyword(STRING, false, "MUST, MUST NOT, SHOULD, SHOULD NOT, RECOMMENDED or MAY"),
  status(
      STRING,
      false,
      "PASS; FAIL (a MUST broken); WARN (a SHOULD or RECOMMENDED broken); INFO (a MAY not used);"
          + " SKIPPED (the model has no machine check for it)"),
  failing_rows(LONG, true, "Rows the rule applies to and that break it; null for dataset rules"),
  checked_rows(LONG, true, "Rows the rule applies to (its condition holds)"),
  failing_by_provider(JSON, true, "Failing rows per x_Provider, as a JSON object"),
  example(STRING, true, "One failing row (provider, source file and row, value), or why"),
  applicability(STRING_LIST, false, "The model's applicability criteria for the rule"),
  requirement(STRING, false, "What the rule requires, in the model's words"),
  model_correction(
      STRING, true, "Where the model's check contradicts its text, what costlake checks instead");

  private final ColumnSpec spec;

  ConformanceColumn(ColumnType type, boolean nullable, String comment) {
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
