package io.costlake.tags;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_concat;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_filter;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import io.costlake.config.TagKeyConfig;
import io.costlake.config.TagPolicyConfig;
import io.costlake.spark.Literals;
import io.costlake.spark.PerDistinctMap;
import io.costlake.spark.StringLists;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Applies the tag policy to {@code Tags}: every spelling of a canonical key becomes that key, its
 * value is trimmed, case-normalized and mapped through the synonyms, and kept only when valid. Keys
 * the policy does not name pass through unchanged. Adds {@code missing_tags} (required keys without
 * a valid value) and, for the owner chain, the owner tag's value and state.
 *
 * <p>Keys match after folding: lower case, AWS's {@code user:} prefix dropped, everything but
 * letters and digits dropped, so {@code CostCenter}, {@code cost-center}, {@code user:Cost_Center}
 * and GCP's {@code costcenter} are one key without listing them. Built-in functions only, applied
 * to each distinct tag set once (one small shuffle, and a join back that is broadcast when the sets
 * are few).
 */
public final class TagNormalizer {
  public static final String MISSING_TAGS = "missing_tags";
  static final String OWNER_TAG = "__owner_tag";
  static final String OWNER_TAG_STATE = "__owner_tag_state";
  private static final String ENTRIES = "__tag_entries";

  private final TagPolicyConfig policy;

  public TagNormalizer(TagPolicyConfig policy) {
    this.policy = policy;
  }

  /** The folded form keys are compared in. */
  public static String fold(String key) {
    return key.toLowerCase(Locale.ROOT).replaceFirst("^user:", "").replaceAll("[^a-z0-9]", "");
  }

  static Column fold(Column key) {
    return regexp_replace(regexp_replace(lower(key), "^user:", ""), "[^a-z0-9]", "");
  }

  /** What {@link #apply} adds or replaces. */
  static final String[] OUTPUTS = {"Tags", MISSING_TAGS, OWNER_TAG, OWNER_TAG_STATE};

  /** The policy applied to each distinct tag set once ({@link PerDistinctMap}). */
  public Dataset<Row> apply(Dataset<Row> items) {
    return PerDistinctMap.apply(items, "Tags", this::normalizeEach, OUTPUTS);
  }

  /** The policy applied row by row: to each distinct tag set, through {@link PerDistinctMap}. */
  Dataset<Row> normalizeEach(Dataset<Row> items) {
    Dataset<Row> withEntries = items.withColumn(ENTRIES, foldedEntries(col("Tags")));
    Map<String, TagKeyConfig> keys = policy.keys();
    List<Column> names = new ArrayList<>();
    List<Column> values = new ArrayList<>();
    List<Column> missing = new ArrayList<>();
    Set<String> allFolds = new LinkedHashSet<>();
    Column ownerValue = lit(null).cast("string");
    Column ownerState = lit("missing");
    for (Map.Entry<String, TagKeyConfig> key : keys.entrySet()) {
      Set<String> folds = folds(key.getKey(), key.getValue());
      allFolds.addAll(folds);
      Column raw = lookup(col(ENTRIES), folds);
      Column normalized = normalize(raw, key.getValue());
      Column valid = when(isValid(normalized, key.getValue()), normalized);
      names.add(lit(key.getKey()));
      values.add(valid);
      if (key.getValue().required()) {
        missing.add(when(valid.isNull(), lit(key.getKey())));
      }
      if (key.getKey().equals(policy.owner().tag())) {
        ownerValue = valid;
        ownerState =
            when(normalized.isNull(), lit("missing"))
                .when(valid.isNull(), lit("invalid"))
                .otherwise(lit("valid"));
      }
    }
    Column tags = col("Tags");
    if (!names.isEmpty()) {
      Column others = map_filter(tags, (k, v) -> not(fold(k).isin(allFolds.toArray())));
      Column canonical =
          map_filter(
              map_from_arrays(
                  array(names.toArray(new Column[0])), array(values.toArray(new Column[0]))),
              (k, v) -> v.isNotNull());
      tags = when(tags.isNull(), canonical).otherwise(map_concat(others, canonical));
    }
    Column missingTags =
        missing.isEmpty() ? StringLists.of() : StringLists.of(missing.toArray(new Column[0]));
    return withEntries
        .withColumn("Tags", tags)
        .withColumn(MISSING_TAGS, missingTags)
        .withColumn(OWNER_TAG, ownerValue)
        .withColumn(OWNER_TAG_STATE, ownerState)
        .drop(ENTRIES);
  }

  /** A map as an array of (folded key, value), computed once per row. */
  static Column foldedEntries(Column map) {
    return transform(
        map_entries(map),
        e -> struct(fold(e.getField("key")).as("k"), e.getField("value").as("v")));
  }

  static Set<String> folds(String key, TagKeyConfig config) {
    Set<String> folds = new LinkedHashSet<>();
    folds.add(fold(key));
    config.aliases().forEach(alias -> folds.add(fold(alias)));
    return folds;
  }

  /** The value of the first spelling present, in the order canonical key, then aliases. */
  static Column lookup(Column entries, Set<String> folds) {
    List<Column> candidates = new ArrayList<>();
    for (String folded : folds) {
      candidates.add(
          try_element_at(filter(entries, e -> e.getField("k").equalTo(lit(folded))), lit(1))
              .getField("v"));
    }
    return coalesce(candidates.toArray(new Column[0]));
  }

  /** Trim, case, synonyms; blank becomes null. */
  static Column normalize(Column raw, TagKeyConfig config) {
    Column v = config.trim() ? trim(raw) : raw;
    if (config.letterCase() == TagKeyConfig.Case.LOWER) {
      v = lower(v);
    } else if (config.letterCase() == TagKeyConfig.Case.UPPER) {
      v = upper(v);
    }
    v = when(v.notEqual(lit("")), v);
    if (!config.values().isEmpty()) {
      v = coalesce(try_element_at(Literals.map(config.values()), v), v);
    }
    return v;
  }

  static Column isValid(Column value, TagKeyConfig config) {
    Column valid = value.isNotNull();
    if (!config.allowed().isEmpty()) {
      valid = valid.and(value.isin(config.allowed().toArray()));
    }
    if (config.pattern() != null) {
      valid = valid.and(value.rlike("^(?:" + config.pattern() + ")$"));
    }
    return valid;
  }
}
