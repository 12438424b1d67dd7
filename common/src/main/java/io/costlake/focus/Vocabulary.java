package io.costlake.focus;

import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_replace;

import io.costlake.spark.Literals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;

/**
 * The allowed values of one FOCUS enumerated column, matched whatever their case, spacing or
 * hyphens ({@code Usage-based}, {@code usage based}, {@code UsageBased} are {@code Usage-Based}),
 * plus the values older FOCUS versions used for the same thing.
 */
public final class Vocabulary {
  public static final Vocabulary CHARGE_CATEGORY =
      of("Usage", "Purchase", "Tax", "Credit", "Adjustment");
  public static final Vocabulary CHARGE_CLASS = of("Correction");
  public static final Vocabulary CHARGE_FREQUENCY = of("One-Time", "Recurring", "Usage-Based");
  public static final Vocabulary PRICING_CATEGORY =
      of("Standard", "Dynamic", "Committed", "Other")
          .withAlias("On-Demand", "Standard")
          .withAlias("OnDemand", "Standard")
          .withAlias("Commitment-Based", "Committed")
          .withAlias("Commitment Discount", "Committed")
          .withAlias("Commitment", "Committed")
          .withAlias("Spot", "Dynamic");
  public static final Vocabulary COMMITMENT_DISCOUNT_CATEGORY = of("Spend", "Usage");
  public static final Vocabulary COMMITMENT_DISCOUNT_STATUS = of("Used", "Unused");
  public static final Vocabulary CAPACITY_RESERVATION_STATUS = of("Used", "Unused");
  public static final Vocabulary SERVICE_CATEGORY =
      of(
          "AI and Machine Learning",
          "Analytics",
          "Business Applications",
          "Compute",
          "Databases",
          "Developer Tools",
          "Multicloud",
          "Identity",
          "Integration",
          "Internet of Things",
          "Management and Governance",
          "Media",
          "Migration",
          "Mobile",
          "Networking",
          "Security",
          "Storage",
          "Web",
          "Other");

  private final List<String> values;
  private final Map<String, String> byFolded;

  private Vocabulary(List<String> values, Map<String, String> byFolded) {
    this.values = List.copyOf(values);
    this.byFolded = Map.copyOf(byFolded);
  }

  public static Vocabulary of(String... values) {
    Map<String, String> byFolded = new LinkedHashMap<>();
    for (String value : values) {
      byFolded.put(fold(value), value);
    }
    return new Vocabulary(List.of(values), byFolded);
  }

  public Vocabulary withAlias(String alias, String canonical) {
    Map<String, String> byFolded = new LinkedHashMap<>(this.byFolded);
    byFolded.put(fold(alias), canonical);
    return new Vocabulary(values, byFolded);
  }

  public List<String> values() {
    return values;
  }

  static String fold(String value) {
    return value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** The canonical spelling of the column's value; null when it is not one of the values. */
  public Column canonical(Column value) {
    return element_at(Literals.map(byFolded), lower(regexp_replace(value, "[^A-Za-z0-9]", "")));
  }
}
