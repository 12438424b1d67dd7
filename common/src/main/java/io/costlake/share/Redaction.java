package io.costlake.share;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.transform_values;
import static org.apache.spark.sql.functions.when;

import io.costlake.config.ShareConfig.Action;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;

/**
 * A table as wider audiences may see it: columns marked {@code hash} replaced by a keyed SHA-256 of
 * their value (equal values stay equal, so the copy still groups, joins and counts), columns marked
 * {@code drop} removed, and in every tag map the values of sensitive keys hashed the same way.
 * Everything else, money included, is copied as it is. Narrow: one projection, no shuffle.
 */
public final class Redaction {
  /** Name of the tag-map columns whose sensitive values are hashed. */
  static final Set<String> TAG_COLUMNS = Set.of("Tags", "x_RawTags");

  private final Map<String, Action> columns;
  private final Set<String> sensitiveTagKeys;
  private final String key;

  /**
   * @param key the secret the hash is keyed with; never stored, never printed
   */
  public Redaction(Map<String, Action> columns, Set<String> sensitiveTagKeys, String key) {
    this.columns = Map.copyOf(columns);
    this.sensitiveTagKeys = Set.copyOf(sensitiveTagKeys);
    this.key = Objects.requireNonNull(key);
  }

  public Dataset<Row> apply(Dataset<Row> table) {
    List<Column> kept = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      String name = field.name();
      Action action = columns.getOrDefault(name, Action.KEEP);
      Column column = col("`" + name + "`");
      if (action == Action.DROP) {
        continue;
      }
      if (action == Action.HASH) {
        kept.add(hash(column.cast(DataTypes.StringType)).as(name));
      } else if (TAG_COLUMNS.contains(name)
          && field.dataType() instanceof MapType
          && !sensitiveTagKeys.isEmpty()) {
        kept.add(
            transform_values(
                    column,
                    (k, v) -> when(k.isin(sensitiveTagKeys.toArray()), hash(v)).otherwise(v))
                .as(name));
      } else {
        kept.add(column);
      }
    }
    return table.select(kept.toArray(new Column[0]));
  }

  /** The columns of {@code table} this redaction changes, as "name: action", for the summary. */
  public List<String> describe(Dataset<Row> table) {
    List<String> changes = new ArrayList<>();
    for (StructField field : table.schema().fields()) {
      Action action = columns.getOrDefault(field.name(), Action.KEEP);
      if (action != Action.KEEP) {
        changes.add(field.name() + (action == Action.HASH ? " hashed" : " dropped"));
      } else if (TAG_COLUMNS.contains(field.name()) && !sensitiveTagKeys.isEmpty()) {
        changes.add(field.name() + " values of " + String.join(", ", sensitiveTagKeys) + " hashed");
      }
    }
    return changes;
  }

  /** Keyed: without the key, a name cannot be confirmed by hashing a guess. */
  private Column hash(Column value) {
    return when(value.isNotNull(), sha2(concat(lit(key), lit("\u001f"), value), 256));
  }
}
