package io.costlake.jobs.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A job's name, what it does, its options and its positional argument, for parsing and --help. */
public final class JobSpec {
  /** Options every job accepts. */
  public static final List<OptionSpec> COMMON =
      List.of(
          OptionSpec.value(
              "--warehouse",
              "URI",
              "Where the Delta tables live (file:, s3a://, gs://, abfss://, or a local path); "
                  + "default: $COSTLAKE_WAREHOUSE, else 'warehouse' in the config"),
          OptionSpec.value(
                  "--conf",
                  "URI",
                  "YAML config file, a local path or a URI (s3a://, gs://, abfss://); files it"
                      + " names resolve against its folder; repeat to layer files, later ones win"
                      + " (default: conf/costlake.yaml when it exists)")
              .repeatable(),
          OptionSpec.value(
                  "--set", "KEY=VALUE", "Override one config key, e.g. spark.master=local[2]")
              .repeatable(),
          OptionSpec.flag("--verbose", "Print the stack trace of an internal error"),
          OptionSpec.flag("--help", "Show this help"));

  private final String name;
  private final String summary;
  private final String details;
  private final List<OptionSpec> options;
  private final String positionalName;
  private final String positionalDescription;

  public JobSpec(
      String name,
      String summary,
      String details,
      List<OptionSpec> options,
      String positionalName,
      String positionalDescription) {
    this.name = name;
    this.summary = summary;
    this.details = details;
    List<OptionSpec> all = new ArrayList<>(options);
    all.addAll(COMMON);
    this.options = List.copyOf(all);
    this.positionalName = positionalName;
    this.positionalDescription = positionalDescription;
  }

  public String name() {
    return name;
  }

  public String summary() {
    return summary;
  }

  public String details() {
    return details;
  }

  public List<OptionSpec> options() {
    return options;
  }

  public Optional<OptionSpec> option(String optionName) {
    return options.stream().filter(o -> o.name().equals(optionName)).findFirst();
  }

  public Optional<String> positionalName() {
    return Optional.ofNullable(positionalName);
  }

  public Optional<String> positionalDescription() {
    return Optional.ofNullable(positionalDescription);
  }

  /** The job's --help text. */
  public String help() {
    StringBuilder text = new StringBuilder();
    text.append("Usage: costlake ").append(name).append(" [options]");
    positionalName().ifPresent(p -> text.append(' ').append(p));
    text.append("\n\n").append(summary).append('\n');
    if (details != null && !details.isBlank()) {
      text.append('\n').append(details.strip()).append('\n');
    }
    positionalName()
        .ifPresent(
            p ->
                text.append("\nArguments:\n  ")
                    .append(pad(p, 24))
                    .append(positionalDescription().orElse(""))
                    .append('\n'));
    text.append("\nOptions:\n");
    for (OptionSpec option : options) {
      String left =
          option.name()
              + option.alias().map(a -> ", " + a).orElse("")
              + option.valueName().map(v -> " " + v).orElse("");
      StringBuilder right = new StringBuilder(option.description());
      if (option.isRequired()) {
        right.append(" (required)");
      }
      if (option.isRepeatable()) {
        right.append(" (repeatable)");
      }
      option.defaultValue().ifPresent(d -> right.append(" (default: ").append(d).append(')'));
      text.append("  ").append(pad(left, 24)).append(right).append('\n');
    }
    return text.toString();
  }

  private static String pad(String s, int width) {
    return s.length() >= width
        ? s + "\n  " + " ".repeat(width)
        : s + " ".repeat(width - s.length());
  }
}
