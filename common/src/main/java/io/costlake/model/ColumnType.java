package io.costlake.model;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The logical types of costlake columns, each bound to exactly one Spark type. */
public enum ColumnType {
  STRING(DataTypes.StringType),
  /** Money: DECIMAL(38,10) end to end; rounding to currency units happens only on invoices. */
  MONEY(DataTypes.createDecimalType(38, 10)),
  /**
   * Money to 24 decimals, for what rounding to MONEY's 10 takes away (an export's sub-precision
   * amounts), never for amounts themselves.
   */
  MONEY_DIGITS(DataTypes.createDecimalType(38, 24)),
  /** Quantities and unit prices keep more digits: tiny rates and byte-level usage are real. */
  QUANTITY(DataTypes.createDecimalType(38, 18)),
  UNIT_PRICE(DataTypes.createDecimalType(38, 18)),
  /** A fraction of a whole (an allocation share), 0 to 1 with 18 decimals. */
  RATIO(DataTypes.createDecimalType(20, 18)),
  /** A percentage with 4 decimals (100.0000 is full). */
  PERCENT(DataTypes.createDecimalType(9, 4)),
  /** A statistic such as a z-score: 4 decimals are plenty, and it stays exact to compare. */
  SCORE(DataTypes.createDecimalType(18, 4)),
  /** A calendar day (UTC). */
  DATE(DataTypes.DateType),
  /** An instant in UTC; every end bound is exclusive. */
  TIMESTAMP(DataTypes.TimestampType),
  /** Key/value tags as map&lt;string,string&gt; (FOCUS writes them as a JSON object). */
  TAGS(DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, true)),
  /** A JSON document kept as text. */
  JSON(DataTypes.StringType),
  LONG(DataTypes.LongType),
  INT(DataTypes.IntegerType),
  BOOLEAN(DataTypes.BooleanType),
  STRING_LIST(DataTypes.createArrayType(DataTypes.StringType, false));

  private final DataType sparkType;

  ColumnType(DataType sparkType) {
    this.sparkType = sparkType;
  }

  public DataType sparkType() {
    return sparkType;
  }
}
