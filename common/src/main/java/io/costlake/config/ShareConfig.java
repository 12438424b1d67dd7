package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What {@code costlake share} copies for wider audiences, and what it hides: identifying columns
 * are hashed (still joinable and countable, no longer readable) or dropped, and the values of tag
 * keys the tag policy marks {@code sensitive} are hashed. The hash is keyed, so names cannot be
 * recovered by hashing guesses: the key comes from the environment ({@code COSTLAKE_SHARE_KEY}) or
 * from {@code keyFile}, never from config itself.
 */
public final class ShareConfig {
  /** What happens to a column in the shared copy. */
  public enum Action {
    HASH,
    DROP,
    KEEP
  }

  public static final List<String> DEFAULT_TABLES =
      List.of("cost_allocated", "usage_daily", "usage_monthly", "tag_debt", "chargeback_lines");

  private static final Map<String, Action> DEFAULT_COLUMNS =
      Map.of("ResourceId", Action.HASH, "ResourceName", Action.HASH, "x_RawTags", Action.DROP);

  public static final String KEY_ENVIRONMENT = "COSTLAKE_SHARE_KEY";

  private final List<String> tables;
  private final Map<String, Action> columns;
  private final String keyFile;

  @JsonCreator
  public ShareConfig(
      @JsonProperty("tables") List<String> tables,
      @JsonProperty("columns") Map<String, String> columns,
      @JsonProperty("keyFile") String keyFile) {
    this.tables = List.copyOf(Objects.requireNonNullElse(tables, DEFAULT_TABLES));
    Map<String, Action> actions = new LinkedHashMap<>(DEFAULT_COLUMNS);
    Objects.requireNonNullElse(columns, Map.<String, String>of())
        .forEach((column, action) -> actions.put(column, parse(column, action)));
    this.columns = actions;
    this.keyFile = keyFile;
  }

  private static Action parse(String column, String action) {
    try {
      return Action.valueOf(String.valueOf(action).trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "column " + column + " must be hash, drop or keep, not '" + action + "'");
    }
  }

  public static ShareConfig defaults() {
    return new ShareConfig(null, null, null);
  }

  /** The tables copied, by name. */
  public List<String> tables() {
    return tables;
  }

  /** Per column name, what the copy does with it (defaults merged under what config says). */
  public Map<String, Action> columns() {
    return columns;
  }

  /** A file holding the hash key, when the environment does not give it; null if not set. */
  public String keyFile() {
    return keyFile;
  }
}
