package io.costlake.anomalies;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.costlake.spark.Decimals;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * A seasonal, robust baseline per day of a daily series, from the days before it only: the expected
 * cost is the median of the same weekday over the history (the weekday effect), and the spread is
 * the median absolute deviation of every history day from its own weekday's median.
 *
 * <p>Series are zero-filled and contiguous, so the day {@code L} days back is simply {@code
 * lag(L)}: one window pass gives every history value as a column, and medians are sorted arrays
 * read at the middle. Built-in expressions only: no UDF, no lambda per element.
 */
final class RobustBaseline {
  static final String EXPECTED = "expected";
  static final String MAD = "mad";
  static final String HISTORY_DAYS = "history_days";
  static final String HISTORY_PREFIX = "history_";
  private static final String LAG = "__lag_";

  private RobustBaseline() {}

  /**
   * Adds expected, mad, history_days and, per explanation, its sum over the history ({@code
   * history_<label>}); days with fewer than {@code minHistoryDays} days of history are dropped.
   */
  static Dataset<Row> apply(Dataset<Row> daily, int historyDays, int minHistoryDays) {
    WindowSpec byDay = Window.partitionBy(col(DailySeries.SERIES)).orderBy(col(DailySeries.DAY));
    WindowSpec history = byDay.rowsBetween(-historyDays, -1);
    List<Column> columns = new ArrayList<>();
    for (String existing : daily.columns()) {
      columns.add(col(existing));
    }
    columns.add(
        least(row_number().over(byDay).minus(lit(1)), lit(historyDays))
            .cast("long")
            .as(HISTORY_DAYS));
    for (int l = 1; l <= historyDays; l++) {
      columns.add(lag(Decimals.narrow(col(DailySeries.VALUE)), l).over(byDay).as(LAG + l));
    }
    for (String label : SpikeLabel.EXPLANATIONS) {
      columns.add(sum(col(label)).over(history).as(HISTORY_PREFIX + label));
    }
    Dataset<Row> withHistory =
        daily.select(columns.toArray(new Column[0])).filter(col(HISTORY_DAYS).geq(minHistoryDays));
    Column days = col(HISTORY_DAYS);
    // Weekday class k (1..7) holds lags k, k+7, ...; class 7 is the weekday of the day itself.
    List<Column> weekdayMedians = new ArrayList<>();
    for (int k = 1; k <= 7; k++) {
      List<Column> members = new ArrayList<>();
      Column present = lit(0);
      for (int l = k; l <= historyDays; l += 7) {
        members.add(col(LAG + l));
        present = present.plus(when(days.geq(l), lit(1)).otherwise(lit(0)));
      }
      weekdayMedians.add(median(array(members.toArray(new Column[0])), present));
    }
    List<Column> residuals = new ArrayList<>();
    for (int l = 1; l <= historyDays; l++) {
      Column own = weekdayMedians.get((l - 1) % 7);
      residuals.add(abs(col(LAG + l).minus(own)));
    }
    Dataset<Row> out =
        withHistory
            .withColumn(EXPECTED, weekdayMedians.get(6))
            .withColumn(MAD, median(array(residuals.toArray(new Column[0])), days));
    for (int l = 1; l <= historyDays; l++) {
      out = out.drop(LAG + l);
    }
    return out;
  }

  /**
   * The median of the first {@code count} values of an array whose other values are null (sorted,
   * nulls go last); null when count is 0.
   */
  static Column median(Column values, Column count) {
    Column sorted = array_sort(values);
    Column lower = element_at(sorted, count.plus(lit(1)).divide(lit(2)).cast("int"));
    Column upper = element_at(sorted, count.divide(lit(2)).plus(lit(1)).cast("int"));
    return when(count.gt(0), Decimals.narrow(lower.plus(upper).divide(lit(2))));
  }
}
