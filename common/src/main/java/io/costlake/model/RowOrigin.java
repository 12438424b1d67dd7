package io.costlake.model;

import org.apache.spark.sql.Column;

/** Where a {@code cost_line_items} row comes from ({@code x_RowOrigin}). */
public enum RowOrigin {
  /** A row of the provider's export, as the provider wrote it. */
  EXPORT("Export"),
  /** The unused part of a commitment, derived from the provider's commitment rows. */
  UNUSED_COMMITMENT("UnusedCommitment"),
  /** A GCP promotional credit, split from the usage row that carries it. */
  PROMOTIONAL_CREDIT("PromotionalCredit");

  private final String value;

  RowOrigin(String value) {
    this.value = value;
  }

  /** The value stored in {@code x_RowOrigin}. */
  public String value() {
    return value;
  }

  public Column lit() {
    return org.apache.spark.sql.functions.lit(value);
  }

  /** True where a row's {@code x_RowOrigin} is this origin. */
  public Column of(Column rowOrigin) {
    return rowOrigin.equalTo(lit());
  }
}
