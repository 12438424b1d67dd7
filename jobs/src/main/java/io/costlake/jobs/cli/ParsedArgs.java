package io.costlake.jobs.cli;

import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The parsed command line of one job. */
public final class ParsedArgs {

  private final JobSpec spec;
  private final Map<String, List<String>> values;
  private final List<String> positionals;

  ParsedArgs(JobSpec spec, Map<String, List<String>> values, List<String> positionals) {
    this.spec = spec;
    this.values = Map.copyOf(values);
    this.positionals = List.copyOf(positionals);
  }

  public boolean has(String option) {
    return values.containsKey(option);
  }

  public Optional<String> value(String option) {
    List<String> given = values.get(option);
    if (given == null || given.isEmpty()) {
      return spec.option(option).flatMap(OptionSpec::defaultValue);
    }
    return Optional.of(given.get(given.size() - 1));
  }

  public String required(String option) {
    return value(option)
        .orElseThrow(() -> CostlakeErrors.missingRequiredOption(spec.name(), option));
  }

  public List<String> values(String option) {
    return values.getOrDefault(option, List.of());
  }

  public List<String> positionals() {
    return positionals;
  }

  /** A {@code yyyy-MM} billing period option, validated. */
  public Optional<BillingPeriod> period(String option) {
    return value(option)
        .map(
            p ->
                BillingPeriod.tryParse(p)
                    .orElseThrow(
                        () ->
                            CostlakeErrors.invalidOptionValue(
                                spec.name(), option, p, "a month as yyyy-MM")));
  }

  public long longValue(String option) {
    String raw = required(option);
    try {
      return Long.parseLong(raw.replace("_", ""));
    } catch (NumberFormatException e) {
      throw CostlakeErrors.invalidOptionValue(spec.name(), option, raw, "a whole number");
    }
  }

  public int positiveInt(String option) {
    long value = longValue(option);
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw CostlakeErrors.invalidOptionValue(
          spec.name(), option, Long.toString(value), "a positive whole number");
    }
    return (int) value;
  }
}
