package io.costlake.jobs.cli;

import io.costlake.errors.CostlakeErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Parses a job's command line with picocli against its {@link JobSpec}: {@code --name value},
 * {@code --name=value}, flags, repeatable options and {@code --} before positionals. Unknown
 * options, missing values and stray arguments fail with one line naming them; the help text stays
 * the job's own ({@link JobSpec#help()}).
 */
public final class ArgParser {
  private ArgParser() {}

  public static ParsedArgs parse(JobSpec spec, List<String> args) {
    CommandLine line = new CommandLine(command(spec));
    // Nothing implicit: an argument starting with @ is a value, not a file of arguments to read,
    // and the last of a non-repeatable option wins, as a shell user expects.
    line.setExpandAtFiles(false);
    line.setOverwrittenOptionsAllowed(true);
    line.setPosixClusteredShortOptionsAllowed(false);
    line.setUnmatchedOptionsArePositionalParams(false);
    ParseResult result;
    try {
      result = line.parseArgs(args.toArray(new String[0]));
    } catch (ParameterException e) {
      throw failure(spec, args, e);
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (OptionSpec option : spec.options()) {
      CommandLine.Model.OptionSpec matched = result.matchedOption(option.name());
      if (matched != null) {
        values.put(
            option.name(),
            option.takesValue() ? List.copyOf(matched.stringValues()) : List.of("true"));
      }
    }
    List<String> positionals = new ArrayList<>();
    for (PositionalParamSpec positional : result.matchedPositionals()) {
      positionals.addAll(positional.stringValues());
    }
    if (!values.containsKey("--help")) {
      // Checked here, after picocli: a misspelt option is named before the option it missed.
      for (OptionSpec option : spec.options()) {
        if (option.isRequired() && !values.containsKey(option.name())) {
          throw CostlakeErrors.missingRequiredOption(spec.name(), option.name());
        }
      }
    }
    return new ParsedArgs(spec, values, positionals);
  }

  /** The picocli model of a job's options: names, arity and repetition. */
  private static CommandSpec command(JobSpec spec) {
    CommandSpec command = CommandSpec.create().name(spec.name());
    for (OptionSpec option : spec.options()) {
      CommandLine.Model.OptionSpec.Builder built =
          CommandLine.Model.OptionSpec.builder(
                  option
                      .alias()
                      .map(a -> new String[] {option.name(), a})
                      .orElse(new String[] {option.name()}))
              .usageHelp(option.name().equals("--help"));
      if (!option.takesValue()) {
        built.arity("0").type(boolean.class);
      } else if (option.isRepeatable()) {
        built.arity("1").type(List.class).auxiliaryTypes(String.class);
      } else {
        built.arity("1").type(String.class);
      }
      command.addOption(built.build());
    }
    if (spec.positionalName().isPresent()) {
      command.addPositional(
          PositionalParamSpec.builder()
              .index("0")
              .arity("0..1")
              .paramLabel(spec.positionalName().get())
              .type(String.class)
              .build());
    }
    return command;
  }

  /** picocli's verdict as costlake's one-line usage errors. */
  private static RuntimeException failure(JobSpec spec, List<String> args, ParameterException e) {
    if (e instanceof CommandLine.UnmatchedArgumentException) {
      String first = ((CommandLine.UnmatchedArgumentException) e).getUnmatched().get(0);
      return first.startsWith("--") && !first.equals("--")
          ? CostlakeErrors.unknownOption(spec.name(), first.split("=", 2)[0])
          : CostlakeErrors.unexpectedArgument(spec.name(), first);
    }
    if (e instanceof CommandLine.MissingParameterException && optionNamed(e) != null) {
      return CostlakeErrors.missingOptionValue(spec.name(), optionNamed(e));
    }
    for (String arg : args) {
      int eq = arg.indexOf('=');
      Optional<OptionSpec> flag = eq > 0 ? spec.option(arg.substring(0, eq)) : Optional.empty();
      if (flag.isPresent() && !flag.get().takesValue()) {
        return CostlakeErrors.invalidOptionValue(
            spec.name(), flag.get().name(), arg.substring(eq + 1), "given without a value");
      }
    }
    return CostlakeErrors.invalidArgument("command line of '" + spec.name() + "'", e.getMessage());
  }

  private static String optionNamed(ParameterException e) {
    List<CommandLine.Model.ArgSpec> missing =
        ((CommandLine.MissingParameterException) e).getMissing();
    for (CommandLine.Model.ArgSpec arg : missing) {
      if (arg instanceof CommandLine.Model.OptionSpec) {
        return ((CommandLine.Model.OptionSpec) arg).longestName();
      }
    }
    return null;
  }
}
