package io.costlake.provider.aws;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.element_at;

import io.costlake.focus.ServiceCatalog;
import io.costlake.spark.Literals;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * AWS's {@code pricing/unit} in FOCUS UnitFormat ({@code Hrs} is {@code Hours}, {@code GB-Mo} is
 * {@code GB-Months}), from the bundled {@code aws_pricing_units.csv}; a unit it does not list is
 * kept as AWS wrote it, for {@code validate} to report.
 */
final class AwsUnits {
  static final String HOURS = "Hours";
  private static final Map<String, String> UNITS = load();

  private AwsUnits() {}

  static Column focus(Column awsUnit) {
    return coalesce(element_at(Literals.map(UNITS), awsUnit), awsUnit);
  }

  private static Map<String, String> load() {
    Map<String, String> units = new LinkedHashMap<>();
    for (String[] row : ServiceCatalog.csv("aws_pricing_units.csv")) {
      units.put(row[0], row[1]);
    }
    return Map.copyOf(units);
  }
}
