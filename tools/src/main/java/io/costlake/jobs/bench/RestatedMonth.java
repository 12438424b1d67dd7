package io.costlake.jobs.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The restated-month experiment's timings: re-ingesting one month of one account into an empty
 * table, and into tables already holding half and then all of the history. Each pair is timed
 * alternately, so that drift of a noisy machine falls on both sides of a ratio.
 */
public final class RestatedMonth {
  private final long monthRows;
  private final int historyMonths;
  private final List<Double> emptyBeforeHalf = new ArrayList<>();
  private final List<Double> afterHalf = new ArrayList<>();
  private final List<Double> emptyBeforeFull = new ArrayList<>();
  private final List<Double> afterFull = new ArrayList<>();
  private SliceQueryCost query;

  public RestatedMonth(long monthRows, int historyMonths) {
    this.monthRows = monthRows;
    this.historyMonths = historyMonths;
  }

  public void addHalf(double emptySeconds, double tableSeconds) {
    emptyBeforeHalf.add(emptySeconds);
    afterHalf.add(tableSeconds);
  }

  public void addFull(double emptySeconds, double tableSeconds) {
    emptyBeforeFull.add(emptySeconds);
    afterFull.add(tableSeconds);
  }

  public void query(SliceQueryCost cost) {
    this.query = cost;
  }

  public long monthRows() {
    return monthRows;
  }

  public int historyMonths() {
    return historyMonths;
  }

  public double medianEmptyHalf() {
    return median(emptyBeforeHalf);
  }

  public double medianHalf() {
    return median(afterHalf);
  }

  public double medianEmptyFull() {
    return median(emptyBeforeFull);
  }

  public double medianFull() {
    return median(afterFull);
  }

  /** Time into a table of half the history, over time into an empty table. */
  public double halfRatio() {
    return medianHalf() / medianEmptyHalf();
  }

  public double fullRatio() {
    return medianFull() / medianEmptyFull();
  }

  public SliceQueryCost query() {
    return query;
  }

  public int repeats() {
    return afterFull.size();
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }
}
