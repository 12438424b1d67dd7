package io.costlake.report.html;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** A value axis with round ticks (1, 2 or 5 times a power of ten) and short labels. */
final class Axis {
  final double min;
  final double max;
  final List<Double> ticks;

  private Axis(double min, double max, List<Double> ticks) {
    this.min = min;
    this.max = max;
    this.ticks = ticks;
  }

  /** An axis from min(0, low) to at least high, with about five ticks. */
  static Axis of(double low, double high) {
    double from = Math.min(0, low);
    double to = Math.max(high, from + 1e-9);
    double step = niceStep((to - from) / 5);
    double start = Math.floor(from / step) * step;
    double end = Math.ceil(to / step) * step;
    if (end == start) {
      end = start + step;
    }
    List<Double> ticks = new ArrayList<>();
    for (double t = start; t <= end + step / 2; t += step) {
      ticks.add(t);
    }
    return new Axis(start, end, ticks);
  }

  static double niceStep(double raw) {
    if (!(raw > 0)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
    double fraction = raw / magnitude;
    double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
    return nice * magnitude;
  }

  /** Position of value between 0 (min) and 1 (max). */
  double fraction(double value) {
    return (value - min) / (max - min);
  }

  /** 1.2k, 35M, 0.25: readable at a glance; the tables beside the charts keep every digit. */
  static String label(double value) {
    double abs = Math.abs(value);
    if (abs >= 1e9) {
      return trim(value / 1e9) + "G";
    }
    if (abs >= 1e6) {
      return trim(value / 1e6) + "M";
    }
    if (abs >= 1e3) {
      return trim(value / 1e3) + "k";
    }
    return trim(value);
  }

  private static String trim(double value) {
    return BigDecimal.valueOf(value)
        .setScale(2, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
