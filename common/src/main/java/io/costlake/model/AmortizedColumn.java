package io.costlake.model;

import static io.costlake.model.ColumnType.MONEY;
import static io.costlake.model.ColumnType.STRING;

/**
 * The columns {@code cost_amortized} adds to every {@link FocusColumn}: how amortization changed
 * the row's EffectiveCost.
 */
public enum AmortizedColumn implements TableColumn {
  x_AmortizationMethod(
      STRING,
      false,
      "Provider (EffectiveCost as the export gave it), Spread (costlake added a share of a"
          + " commitment's cost), Unused (costlake's row for commitment cost no usage took), Moved"
          + " (a commitment fee whose cost costlake moved onto the usage it covers)"),
  x_AmortizedShare(
      MONEY, true, "The part of EffectiveCost costlake spread onto this row; null for Provider"),
  x_SourceEffectiveCost(
      MONEY, true, "EffectiveCost as ingested, before amortization; null on costlake's own rows");

  private final ColumnSpec spec;

  AmortizedColumn(ColumnType type, boolean nullable, String comment) {
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
