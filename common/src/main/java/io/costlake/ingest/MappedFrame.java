package io.costlake.ingest;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

/**
 * The frame an adapter's mapping hands to the ingest core: every {@code cost_line_items} column
 * (but {@code x_IngestRunId}, which the core sets), plus the columns below that decide where each
 * row goes. A row with an empty {@link #ERRORS} array is written; any other is quarantined.
 */
public final class MappedFrame {
  /**
   * array&lt;struct&lt;column_name, reason_code, reason, raw_value&gt;&gt;: why a row is rejected.
   */
  public static final String ERRORS = Parse.ERRORS;

  /** The source's own billed cost, as parsed: what {@code cost_in} sums, row by row. */
  public static final String COST_IN = "_cost_in";

  /**
   * Optional: the same billed cost to 24 decimals ({@link #EXACT}), where the source's text has
   * more digits than the table keeps; null beyond its range. Without it, nothing is rounded.
   */
  public static final String COST_EXACT = "_cost_exact";

  /** DECIMAL(37,24): two of them add without Spark giving up a decimal place. */
  public static final DecimalType EXACT = DataTypes.createDecimalType(37, 24);

  /**
   * Optional: true for rows another file of the same run supersedes (an Azure actual-cost row when
   * the amortized data of its scope is there too). Not written, not quarantined: counted apart.
   */
  public static final String SUPERSEDED = "_superseded";

  /** The source record's non-empty fields (column name to raw value), kept for quarantine rows. */
  public static final String RAW_RECORD = "_raw_record";

  private MappedFrame() {}

  public static Column isGood() {
    return size(col(ERRORS)).equalTo(0);
  }

  /**
   * What rounding the row's billed cost to the table's scale added ({@link #COST_IN} minus {@link
   * #COST_EXACT}); 0 when nothing was rounded or an amount is beyond the exact type's range.
   */
  public static Column rounding() {
    Column zero = lit(java.math.BigDecimal.ZERO).cast(EXACT);
    return coalesce(col(COST_IN).cast(EXACT).minus(col(COST_EXACT)).cast(EXACT), zero);
  }

  public static Column isBad() {
    return size(col(ERRORS)).gt(0);
  }
}
