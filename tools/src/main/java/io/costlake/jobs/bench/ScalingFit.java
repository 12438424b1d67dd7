package io.costlake.jobs.bench;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * The exponent b of time = a * rows^b, fitted by least squares on log-log: 1.0 is linear, above it
 * each extra row costs more than the last.
 */
public final class ScalingFit {
  private ScalingFit() {}

  /** Empty when fewer than two distinct sizes were timed. */
  public static OptionalDouble exponent(Map<Long, Double> secondsByRows) {
    if (secondsByRows.size() < 2) {
      return OptionalDouble.empty();
    }
    double n = secondsByRows.size();
    double sumX = 0;
    double sumY = 0;
    double sumXy = 0;
    double sumXx = 0;
    for (Map.Entry<Long, Double> point : secondsByRows.entrySet()) {
      double x = Math.log(point.getKey());
      double y = Math.log(point.getValue());
      sumX += x;
      sumY += y;
      sumXy += x * y;
      sumXx += x * x;
    }
    double denominator = n * sumXx - sumX * sumX;
    if (denominator == 0) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of((n * sumXy - sumX * sumY) / denominator);
  }
}
