package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One canonical tag key of the tag policy: the spellings it is found under, how its values are
 * normalized, which values are valid, and whether every resource must carry it.
 */
public final class TagKeyConfig {
  /** How a value's letter case is normalized. */
  public enum Case {
    KEEP,
    LOWER,
    UPPER
  }

  private final List<String> aliases;
  private final boolean required;
  private final Case letterCase;
  private final boolean trim;
  private final Map<String, String> values;
  private final List<String> allowed;
  private final String pattern;
  private final boolean sensitive;

  @JsonCreator
  public TagKeyConfig(
      @JsonProperty("aliases") List<String> aliases,
      @JsonProperty("required") Boolean required,
      @JsonProperty("case") String letterCase,
      @JsonProperty("trim") Boolean trim,
      @JsonProperty("values") Map<String, String> values,
      @JsonProperty("allowed") List<String> allowed,
      @JsonProperty("pattern") String pattern,
      @JsonProperty("sensitive") Boolean sensitive) {
    this.sensitive = Objects.requireNonNullElse(sensitive, Boolean.FALSE);
    this.aliases = List.copyOf(Objects.requireNonNullElse(aliases, List.of()));
    this.required = Objects.requireNonNullElse(required, Boolean.FALSE);
    this.letterCase = parseCase(letterCase);
    this.trim = Objects.requireNonNullElse(trim, Boolean.TRUE);
    Map<String, String> synonyms = new LinkedHashMap<>();
    Objects.requireNonNullElse(values, Map.<String, String>of())
        .forEach((from, to) -> synonyms.put(normalize(from), normalize(to)));
    this.values = synonyms;
    List<String> valid = new ArrayList<>();
    Objects.requireNonNullElse(allowed, List.<String>of()).forEach(v -> valid.add(normalize(v)));
    this.allowed = List.copyOf(valid);
    this.pattern = pattern;
    if (pattern != null) {
      try {
        Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "pattern is not a regular expression: '" + pattern + "'");
      }
    }
  }

  private static Case parseCase(String value) {
    if (value == null) {
      return Case.KEEP;
    }
    try {
      return Case.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("case must be keep, lower or upper, not '" + value + "'");
    }
  }

  /**
   * Whether the key's values identify people or customers (an e-mail, a cost center of one person):
   * {@code costlake share} hashes them in the tables it copies for wider audiences.
   */
  public boolean sensitive() {
    return sensitive;
  }

  /** What the policy does to a value before it is looked up or checked (Java side of it). */
  public String normalize(String value) {
    String v = trim ? value.trim() : value;
    switch (letterCase) {
      case LOWER:
        return v.toLowerCase(Locale.ROOT);
      case UPPER:
        return v.toUpperCase(Locale.ROOT);
      default:
        return v;
    }
  }

  /**
   * A value as the policy stores it (trimmed, case-normalized, synonyms applied), or null when it
   * is blank or not valid: the Java twin of what {@code TagNormalizer} does in Spark.
   */
  public String canonicalValue(String raw) {
    if (raw == null) {
      return null;
    }
    String v = normalize(raw);
    if (v.isEmpty()) {
      return null;
    }
    v = values.getOrDefault(v, v);
    if (!allowed.isEmpty() && !allowed.contains(v)) {
      return null;
    }
    if (pattern != null && !v.matches("(?:" + pattern + ")")) {
      return null;
    }
    return v;
  }

  /** Other spellings of the key: provider prefixes, separators and case never need listing. */
  public List<String> aliases() {
    return aliases;
  }

  public boolean required() {
    return required;
  }

  public Case letterCase() {
    return letterCase;
  }

  public boolean trim() {
    return trim;
  }

  /** Synonyms, already normalized: a value found on the left is stored as the one on the right. */
  public Map<String, String> values() {
    return values;
  }

  /** Valid values after normalization; empty when any value is valid. */
  public List<String> allowed() {
    return allowed;
  }

  /** A regular expression a valid value matches as a whole; null when not checked. */
  public String pattern() {
    return pattern;
  }
}
