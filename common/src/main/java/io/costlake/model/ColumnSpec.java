package io.costlake.model;

/** The declared type, nullability and comment of one column; held by each table's column enum. */
public final class ColumnSpec {
  private final ColumnType type;
  private final boolean nullable;
  private final String comment;

  private ColumnSpec(ColumnType type, boolean nullable, String comment) {
    this.type = type;
    this.nullable = nullable;
    this.comment = comment;
  }

  public static ColumnSpec of(ColumnType type, boolean nullable, String comment) {
    return new ColumnSpec(type, nullable, comment);
  }

  public ColumnType type() {
    return type;
  }

  public boolean nullable() {
    return nullable;
  }

  public String comment() {
    return comment;
  }
}
