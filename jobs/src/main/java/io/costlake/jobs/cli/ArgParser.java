package io.costlake.jobs.cli;

import io.costlake.errors.CostlakeErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Parses {@code --name value}, {@code --name=value} and flags against a {@link JobSpec}. Unknown
 * options, missing values and stray arguments fail with one line naming them.
 */
public final class ArgParser {
  private ArgParser() {}

  public static ParsedArgs parse(JobSpec spec, List<String> args) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    List<String> positionals = new ArrayList<>();
    boolean onlyPositionals = false;
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (onlyPositionals || !arg.startsWith("--") || arg.equals("--")) {
        if (arg.equals("--") && !onlyPositionals) {
          onlyPositionals = true;
          continue;
        }
        positionals.add(arg);
        continue;
      }
      String name = arg;
      String inline = null;
      int eq = arg.indexOf('=');
      if (eq > 0) {
        name = arg.substring(0, eq);
        inline = arg.substring(eq + 1);
      }
      Optional<OptionSpec> option = spec.option(name);
      if (option.isEmpty()) {
        throw CostlakeErrors.unknownOption(spec.name(), name);
      }
      List<String> given = values.computeIfAbsent(name, k -> new ArrayList<>());
      if (!option.get().takesValue()) {
        if (inline != null) {
          throw CostlakeErrors.invalidOptionValue(
              spec.name(), name, inline, "given without a value");
        }
        given.add("true");
        continue;
      }
      String value = inline;
      if (value == null) {
        if (i + 1 >= args.size()) {
          throw CostlakeErrors.missingOptionValue(spec.name(), name);
        }
        value = args.get(++i);
      }
      if (!given.isEmpty() && !option.get().isRepeatable()) {
        given.clear();
      }
      given.add(value);
    }
    if (values.containsKey("--help")) {
      return new ParsedArgs(spec, values, positionals);
    }
    int allowed = spec.positionalName().isPresent() ? 1 : 0;
    if (positionals.size() > allowed) {
      throw CostlakeErrors.unexpectedArgument(spec.name(), positionals.get(allowed));
    }
    for (OptionSpec option : spec.options()) {
      if (option.isRequired() && !values.containsKey(option.name())) {
        throw CostlakeErrors.missingRequiredOption(spec.name(), option.name());
      }
    }
    return new ParsedArgs(spec, values, positionals);
  }
}
