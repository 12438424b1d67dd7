package io.costlake.spark;

import io.costlake.model.ColumnType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * Money arithmetic without lost digits. Spark keeps at most 38 digits, so adding two DECIMAL(38,10)
 * values gives up a decimal place; amounts are narrowed to 18 integer digits (a quintillion) before
 * they are added or subtracted, and the result is cast back to the money type.
 */
public final class Decimals {
  public static final DecimalType ARITHMETIC = DataTypes.createDecimalType(28, 10);

  private Decimals() {}

  public static Column narrow(Column money) {
    return money.cast(ARITHMETIC);
  }

  public static Column plus(Column a, Column b) {
    return money(narrow(a).plus(narrow(b)));
  }

  public static Column minus(Column a, Column b) {
    return money(narrow(a).minus(narrow(b)));
  }

  public static Column money(Column value) {
    return value.cast(ColumnType.MONEY.sparkType());
  }
}
