package io.costlake.report.html;

import java.math.BigDecimal;
import java.util.List;

/** One named series of a chart: a value per category (null where it has none). */
public final class Series {
  final String name;
  final List<BigDecimal> values;

  public Series(String name, List<BigDecimal> values) {
    this.name = name;
    this.values =
        values.stream()
            .map(v -> v == null ? BigDecimal.ZERO : v)
            .collect(java.util.stream.Collectors.toUnmodifiableList());
  }
}
