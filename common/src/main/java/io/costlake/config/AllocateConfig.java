package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.costlake.allocate.RuleOrder;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Settings of {@code costlake allocate}: the table it allocates and the rules, checked as a whole
 * when the config loads (versions of a rule never overlap, cascades have no cycle).
 */
public final class AllocateConfig {
  /** The tables allocation can start from. */
  public enum Source {
    COST_AMORTIZED,
    COST_LINE_ITEMS;

    public String tableName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Source source;
  private final List<AllocationRuleConfig> rules;

  @JsonCreator
  public AllocateConfig(
      @JsonProperty("source") String source,
      @JsonProperty("rules") List<AllocationRuleConfig> rules) {
    this.source = parseSource(source);
    // Ordered so a rule runs after every rule that gives cost to an owner it takes.
    this.rules = RuleOrder.of(Objects.requireNonNullElse(rules, List.of()));
  }

  private static Source parseSource(String value) {
    if (value == null) {
      return Source.COST_AMORTIZED;
    }
    try {
      return Source.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "allocate.source must be cost_amortized or cost_line_items, not '" + value + "'");
    }
  }

  public static AllocateConfig defaults() {
    return new AllocateConfig(null, null);
  }

  /** cost_amortized (default: amortized EffectiveCost) or cost_line_items. */
  public Source source() {
    return source;
  }

  /** The rule versions in the order they run. */
  public List<AllocationRuleConfig> rules() {
    return rules;
  }
}
