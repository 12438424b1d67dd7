package io.costlake.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;

import org.apache.spark.sql.Column;

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

  public static Column isBad() {
    return size(col(ERRORS)).gt(0);
  }
}
