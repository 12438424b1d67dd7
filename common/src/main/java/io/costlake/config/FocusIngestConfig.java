package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.costlake.model.FocusColumn;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/** How FOCUS files are ingested. */
public final class FocusIngestConfig {
  private final Map<String, String> columnDefaults;

  @JsonCreator
  public FocusIngestConfig(@JsonProperty("columnDefaults") Map<String, String> columnDefaults) {
    this.columnDefaults =
        columnDefaults == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(columnDefaults));
    for (String column : this.columnDefaults.keySet()) {
      if (Arrays.stream(FocusColumn.values()).noneMatch(c -> c.name().equals(column))) {
        throw new IllegalArgumentException("'" + column + "' is not a FOCUS column");
      }
    }
  }

  public static FocusIngestConfig defaults() {
    return new FocusIngestConfig(null);
  }

  /**
   * Values for FOCUS columns a file does not have at all (for example the spec's examples, which
   * have no BillingAccountId): never used for a null value in a column the file has.
   */
  public Map<String, String> columnDefaults() {
    return columnDefaults;
  }
}
