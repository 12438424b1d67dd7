package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.costlake.model.FocusColumn;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One version of a shared-cost allocation rule: which lines it takes ({@code select}), in which
 * billing periods ({@code from}/{@code to}, inclusive), and how their cost is split ({@code
 * method}) across which owners.
 */
public final class AllocationRuleConfig {
  /** How a rule splits the cost it takes. */
  public enum Method {
    /** Equal shares across the listed targets. */
    EVEN,
    /** Fixed percentages that sum to 100. */
    FIXED,
    /** In proportion to each target's own cost in the same period (and scope). */
    PROPORTIONAL,
    /** In proportion to an external driver table (vCPU-hours, requests, GB stored, ...). */
    METRIC;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Cost columns a proportional rule may weigh targets by. */
  public static final Set<String> COST_COLUMNS = Set.of("EffectiveCost", "BilledCost");

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final String id;
  private final int version;
  private final String from;
  private final String to;
  private final SelectorConfig select;
  private final Method method;
  private final List<String> targets;
  private final Map<String, BigDecimal> split;
  private final String by;
  private final List<String> scope;
  private final DriverConfig driver;

  @JsonCreator
  public AllocationRuleConfig(
      @JsonProperty("id") String id,
      @JsonProperty("version") Integer version,
      @JsonProperty("from") String from,
      @JsonProperty("to") String to,
      @JsonProperty("select") SelectorConfig select,
      @JsonProperty("method") String method,
      @JsonProperty("targets") List<String> targets,
      @JsonProperty("split") Map<String, BigDecimal> split,
      @JsonProperty("by") String by,
      @JsonProperty("scope") List<String> scope,
      @JsonProperty("driver") DriverConfig driver) {
    if (id == null || !id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
      throw new IllegalArgumentException(
          "a rule needs an id of letters, digits, '.', '_' or '-' (got '" + id + "')");
    }
    this.id = id;
    this.version = Objects.requireNonNullElse(version, 1);
    if (this.version < 1) {
      throw new IllegalArgumentException(where() + "version must be 1 or more");
    }
    this.from = period(from, "from");
    this.to = period(to, "to");
    if (this.from != null && this.to != null && this.from.compareTo(this.to) > 0) {
      throw new IllegalArgumentException(where() + "from " + from + " is after to " + to);
    }
    if (select == null) {
      throw new IllegalArgumentException(where() + "select is missing");
    }
    this.select = select;
    this.method = parseMethod(method);
    this.targets = List.copyOf(Objects.requireNonNullElse(targets, List.of()));
    if (this.targets.stream().distinct().count() != this.targets.size()) {
      throw new IllegalArgumentException(where() + "targets lists an owner twice");
    }
    this.split = new LinkedHashMap<>(Objects.requireNonNullElse(split, Map.of()));
    this.by = Objects.requireNonNullElse(by, "EffectiveCost");
    this.scope = List.copyOf(Objects.requireNonNullElse(scope, List.of()));
    this.driver = driver;
    check();
  }

  private void check() {
    if (method == Method.FIXED) {
      if (split.isEmpty() || !targets.isEmpty()) {
        throw new IllegalArgumentException(
            where() + "a fixed rule lists its targets as split: {owner: percent, ...}");
      }
      BigDecimal total = split.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      if (total.compareTo(HUNDRED) != 0) {
        throw new IllegalArgumentException(
            where() + "split percentages sum to " + total.toPlainString() + ", not 100");
      }
      if (split.values().stream().anyMatch(p -> p.signum() <= 0)) {
        throw new IllegalArgumentException(where() + "split percentages must be positive");
      }
    } else if (!split.isEmpty()) {
      throw new IllegalArgumentException(where() + "split is only for method: fixed");
    }
    if (method == Method.EVEN && targets.isEmpty()) {
      throw new IllegalArgumentException(where() + "an even rule needs targets");
    }
    if ((method == Method.METRIC) != (driver != null)) {
      throw new IllegalArgumentException(
          where()
              + (driver == null ? "a metric rule needs a driver" : "driver is only for metric"));
    }
    if (!COST_COLUMNS.contains(by)) {
      throw new IllegalArgumentException(where() + "by must be one of " + COST_COLUMNS);
    }
    Set<String> columns =
        Arrays.stream(FocusColumn.values()).map(Enum::name).collect(Collectors.toSet());
    for (String column : scope) {
      if (!columns.contains(column)) {
        throw new IllegalArgumentException(
            where() + "scope column " + column + " is not a FOCUS or x_ column");
      }
    }
    if (!scope.isEmpty() && method != Method.PROPORTIONAL) {
      throw new IllegalArgumentException(where() + "scope is only for method: proportional");
    }
    if (receivers().stream().anyMatch(select.owner()::contains)) {
      throw new IllegalArgumentException(where() + "a rule cannot give cost to an owner it takes");
    }
  }

  private String where() {
    return "rule " + id + " ";
  }

  private static String period(String value, String key) {
    if (value == null) {
      return null;
    }
    if (!PeriodRange.isPeriod(value)) {
      throw new IllegalArgumentException(key + " must be a billing period yyyy-MM, not " + value);
    }
    return value;
  }

  private Method parseMethod(String value) {
    if (value == null) {
      throw new IllegalArgumentException(where() + "method is missing");
    }
    try {
      return Method.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where() + "method must be even, fixed, proportional or metric, not '" + value + "'");
    }
  }

  public String id() {
    return id;
  }

  public int version() {
    return version;
  }

  /** id@version: how allocated rows name the rule. */
  public String label() {
    return id + "@" + version;
  }

  /** First billing period the version applies to (inclusive); null for no lower bound. */
  public String from() {
    return from;
  }

  /** Last billing period the version applies to (inclusive); null for no upper bound. */
  public String to() {
    return to;
  }

  public boolean appliesTo(String period) {
    return range().contains(period);
  }

  /** Whether two versions' period ranges share a period. */
  public boolean overlaps(AllocationRuleConfig other) {
    return range().overlaps(other.range());
  }

  private PeriodRange range() {
    return new PeriodRange(from, to);
  }

  public SelectorConfig select() {
    return select;
  }

  public Method method() {
    return method;
  }

  /** Listed targets; for proportional and metric rules empty means every owner with a driver. */
  public List<String> targets() {
    return targets;
  }

  /** Fixed rules: owner to percentage. */
  public Map<String, BigDecimal> split() {
    return split;
  }

  /** Every owner the rule may give cost to, as written (empty when the targets are dynamic). */
  public List<String> receivers() {
    return method == Method.FIXED ? List.copyOf(split.keySet()) : targets;
  }

  /** Proportional rules: the cost column each target's own cost is measured in. */
  public String by() {
    return by;
  }

  /** Proportional rules: columns within whose values shares are computed (default: the period). */
  public List<String> scope() {
    return scope;
  }

  public DriverConfig driver() {
    return driver;
  }
}
