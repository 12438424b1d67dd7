package io.costlake.amortize;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.ColumnType;
import io.costlake.spark.Decimals;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Straight-line recognition: splits amounts that cover a time range over the intervals of a UTC
 * grid (hours, days or calendar months), in proportion to the seconds of the range inside each
 * interval. Pieces are rounded to a scale and the last interval of each row absorbs the rounding
 * residual, so a row's pieces always sum to its amount exactly.
 */
public final class StraightLine {
  public static final String INTERVAL_START = "interval_start";
  public static final String INTERVAL_END = "interval_end";

  /** The grid recognized amounts are cut to. */
  public enum Grid {
    HOUR,
    DAY,
    MONTH;

    String unit() {
      return name().toLowerCase(Locale.ROOT);
    }

    Column step() {
      return expr("INTERVAL 1 " + name());
    }

    /** The grid interval an instant falls in. */
    public Column truncate(Column instant) {
      return date_trunc(unit(), instant);
    }
  }

  private static final String ROW_ID = "_line_id";
  private static final String GRID_START = "_grid_start";
  private static final String SPAN = "_span";
  private static final String PIECES = "_pieces";
  private static final String FROM = "_from";
  private static final String TO = "_to";
  private static final String ORIGINAL = "_original_";

  private StraightLine() {}

  /**
   * One row per (input row, grid interval its [start, end) overlaps), with {@link #INTERVAL_START}
   * and {@link #INTERVAL_END} added and each amount column replaced by its piece. A row whose end
   * is not after its start is recognized whole in one instant interval at its start.
   *
   * @param rowId a column unique per input row: the residual is settled per row
   */
  public static Dataset<Row> split(
      Dataset<Row> rows,
      Column start,
      Column end,
      Grid grid,
      int scale,
      Column rowId,
      String... amountColumns) {
    Column from = start;
    Column to = when(end.gt(start), end).otherwise(start);
    Column lastGrid =
        when(end.gt(start), grid.truncate(to.minus(expr("INTERVAL 1 MICROSECOND"))))
            .otherwise(grid.truncate(from));
    Column grids = sequence(grid.truncate(from), lastGrid, grid.step());
    // Few wide projections rather than a withColumn each: the plans here carry every FOCUS column.
    Map<String, Column> prepared = new LinkedHashMap<>();
    prepared.put(ROW_ID, rowId);
    prepared.put(FROM, from);
    prepared.put(TO, to);
    prepared.put(SPAN, unix_seconds(to).minus(unix_seconds(from)));
    prepared.put(PIECES, size(grids));
    prepared.put(GRID_START, explode(grids));
    for (String amount : amountColumns) {
      prepared.put(ORIGINAL + amount, col(amount));
    }
    Column intervalStart = greatest(col(GRID_START), col(FROM));
    Column intervalEnd =
        when(col(SPAN).equalTo(0), intervalStart)
            .otherwise(least(col(GRID_START).plus(grid.step()), col(TO)))
            .cast("timestamp");
    Dataset<Row> exploded =
        rows.withColumns(prepared)
            .withColumns(Map.of(INTERVAL_START, intervalStart, INTERVAL_END, intervalEnd));
    Column seconds =
        unix_seconds(col(INTERVAL_END))
            .minus(unix_seconds(col(INTERVAL_START)))
            .cast(DataTypes.createDecimalType(12, 0));
    Column span = col(SPAN).cast(DataTypes.createDecimalType(12, 0));
    Map<String, Column> pieces = new LinkedHashMap<>();
    for (String amount : amountColumns) {
      Column value = col(amount).cast(DataTypes.createDecimalType(24, 10));
      pieces.put(
          amount,
          when(col(PIECES).equalTo(1), col(amount))
              .otherwise(round(value.multiply(seconds).divide(span), scale))
              .cast(ColumnType.MONEY.sparkType()));
    }
    exploded = exploded.withColumns(pieces);
    // Only rows cut into several pieces need the residual settled, which takes a window.
    Dataset<Row> whole = exploded.filter(col(PIECES).equalTo(1));
    Dataset<Row> cut = exploded.filter(col(PIECES).gt(1));
    WindowSpec line = Window.partitionBy(col(ROW_ID));
    Column last = col(INTERVAL_START).equalTo(max(col(INTERVAL_START)).over(line));
    Map<String, Column> settled = new LinkedHashMap<>();
    for (String amount : amountColumns) {
      settled.put(
          amount,
          when(
                  last,
                  Decimals.minus(
                      col(ORIGINAL + amount),
                      Decimals.minus(sum(col(amount)).over(line), col(amount))))
              .otherwise(col(amount))
              .cast(ColumnType.MONEY.sparkType()));
    }
    cut = cut.withColumns(settled);
    Dataset<Row> result = whole.unionByName(cut);
    for (String amount : amountColumns) {
      result = result.drop(ORIGINAL + amount);
    }
    return result.drop(ROW_ID, SPAN, FROM, TO, PIECES, GRID_START);
  }
}
