package io.costlake.jobs.cli;

import java.util.Optional;

/** One command-line option of a job: {@code --name VALUE}, repeatable or not, or a flag. */
public final class OptionSpec {
  private final String name;
  private final String valueName;
  private final String description;
  private final boolean repeatable;
  private final boolean required;
  private final String defaultValue;
  private final String alias;

  private OptionSpec(
      String name,
      String valueName,
      String description,
      boolean repeatable,
      boolean required,
      String defaultValue,
      String alias) {
    if (!name.startsWith("--")) {
      throw new IllegalArgumentException("options start with --: " + name);
    }
    if (alias != null && !alias.matches("-[a-z]")) {
      throw new IllegalArgumentException("a short alias is one letter after -: " + alias);
    }
    this.alias = alias;
    this.name = name;
    this.valueName = valueName;
    this.description = description;
    this.repeatable = repeatable;
    this.required = required;
    this.defaultValue = defaultValue;
  }

  /** An option that takes one value. */
  public static OptionSpec value(String name, String valueName, String description) {
    return new OptionSpec(name, valueName, description, false, false, null, null);
  }

  /** A flag: present or not, no value. */
  public static OptionSpec flag(String name, String description) {
    return new OptionSpec(name, null, description, false, false, null, null);
  }

  public OptionSpec repeatable() {
    return new OptionSpec(name, valueName, description, true, required, defaultValue, alias);
  }

  public OptionSpec required() {
    return new OptionSpec(name, valueName, description, repeatable, true, defaultValue, alias);
  }

  public OptionSpec withDefault(String value) {
    return new OptionSpec(name, valueName, description, repeatable, required, value, alias);
  }

  /** The same option under a one-letter name, as a shell user knows it ({@code sql -f}). */
  public OptionSpec withAlias(String shortName) {
    return new OptionSpec(
        name, valueName, description, repeatable, required, defaultValue, shortName);
  }

  public String name() {
    return name;
  }

  public Optional<String> alias() {
    return Optional.ofNullable(alias);
  }

  public boolean takesValue() {
    return valueName != null;
  }

  public Optional<String> valueName() {
    return Optional.ofNullable(valueName);
  }

  public String description() {
    return description;
  }

  public boolean isRepeatable() {
    return repeatable;
  }

  public boolean isRequired() {
    return required;
  }

  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }
}
