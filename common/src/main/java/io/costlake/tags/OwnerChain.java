package io.costlake.tags;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_element_at;
import static org.apache.spark.sql.functions.when;

import io.costlake.config.OwnerChainConfig;
import io.costlake.config.OwnerChainConfig.Source;
import io.costlake.config.TagKeyConfig;
import io.costlake.config.TagPolicyConfig;
import io.costlake.spark.Literals;
import io.costlake.spark.PerDistinctMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Names the owner of every cost line: the first link of the owner chain that knows it (the owner
 * tag, the account mapping by sub account then billing account, the provider cost category, the
 * default). A line none of them claims goes to the unallocated bucket with the reason the first
 * link gave, never spread silently. {@link #owned} applies the tag policy ({@link TagNormalizer})
 * and adds {@code source_owner}, {@code owner_source} and {@code unallocated_reason}. The account
 * mapping is a literal map; the tags and the cost categories are read once per distinct pair
 * ({@link PerDistinctMap}).
 */
public final class OwnerChain {
  public static final String SOURCE_OWNER = "source_owner";
  public static final String OWNER_SOURCE = "owner_source";
  public static final String UNALLOCATED_REASON = "unallocated_reason";
  private static final String COST_CATEGORIES = "x_CostCategories";
  private static final String COST_CATEGORY_OWNER = "__cost_category_owner";

  private final TagPolicyConfig policy;
  private final Map<String, String> accountOwners;

  /**
   * @param accountOwners account id to owner, already normalized ({@link AccountOwners})
   */
  public OwnerChain(TagPolicyConfig policy, Map<String, String> accountOwners) {
    this.policy = policy;
    this.accountOwners = Map.copyOf(accountOwners);
  }

  /** Cost lines with the tag policy applied and their owner named: the start of allocation. */
  public static Dataset<Row> owned(
      Dataset<Row> items, TagPolicyConfig policy, Map<String, String> accountOwners) {
    OwnerChain chain = new OwnerChain(policy, accountOwners);
    TagNormalizer normalizer = new TagNormalizer(policy);
    if (!chain.readsCostCategories()) {
      return chain.name(normalizer.apply(items));
    }
    // The tags and the cost categories in one pass over their distinct combinations.
    List<String> outputs = new ArrayList<>(List.of(TagNormalizer.OUTPUTS));
    outputs.add(COST_CATEGORY_OWNER);
    return chain.name(
        PerDistinctMap.apply(
            items,
            List.of("Tags", COST_CATEGORIES),
            sets -> chain.withCostCategoryOwner(normalizer.normalizeEach(sets)),
            outputs.toArray(new String[0])));
  }

  private boolean readsCostCategories() {
    return policy.owner().chain().contains(Source.COST_CATEGORY);
  }

  private Dataset<Row> withCostCategoryOwner(Dataset<Row> rows) {
    OwnerChainConfig chain = policy.owner();
    TagKeyConfig ownerKey = chain.tag() == null ? null : policy.keys().get(chain.tag());
    return rows.withColumn(COST_CATEGORY_OWNER, costCategoryOwner(ownerKey));
  }

  /** The chain itself, over lines that carry the owner tag and the cost category's owner. */
  private Dataset<Row> name(Dataset<Row> rows) {
    OwnerChainConfig chain = policy.owner();
    List<Column> candidates = new ArrayList<>();
    Column source = null;
    for (Source link : chain.chain()) {
      Column candidate = candidate(link);
      candidates.add(candidate);
      source =
          source == null
              ? when(candidate.isNotNull(), lit(link.label()))
              : source.when(candidate.isNotNull(), lit(link.label()));
    }
    Column owner =
        candidates.isEmpty()
            ? lit(chain.unallocated())
            : coalesce(coalesce(candidates.toArray(new Column[0])), lit(chain.unallocated()));
    Column ownerSource = source == null ? lit("unallocated") : source.otherwise(lit("unallocated"));
    // Without a source every line is unallocated: no comparison of a literal with itself.
    Column reason =
        source == null
            ? firstFailure(chain.chain())
            : when(ownerSource.equalTo(lit("unallocated")), firstFailure(chain.chain()));
    return rows.withColumn(SOURCE_OWNER, owner)
        .withColumn(OWNER_SOURCE, ownerSource)
        .withColumn(UNALLOCATED_REASON, reason)
        .drop(TagNormalizer.OWNER_TAG, TagNormalizer.OWNER_TAG_STATE, COST_CATEGORY_OWNER);
  }

  private Column candidate(Source link) {
    switch (link) {
      case TAG:
        return col(TagNormalizer.OWNER_TAG);
      case ACCOUNT:
        if (accountOwners.isEmpty()) {
          return lit(null).cast("string");
        }
        Column mapping = Literals.map(new TreeMap<>(accountOwners));
        return coalesce(
            try_element_at(mapping, col("SubAccountId")),
            try_element_at(mapping, col("BillingAccountId")));
      case COST_CATEGORY:
        return col(COST_CATEGORY_OWNER);
      case DEFAULT:
        return lit(policy.owner().defaultOwner());
      default:
        throw new IllegalStateException("owner chain link " + link);
    }
  }

  /** The owner the provider's cost category names, normalized like the owner tag. */
  private Column costCategoryOwner(TagKeyConfig ownerKey) {
    Column raw =
        TagNormalizer.lookup(
            TagNormalizer.foldedEntries(col(COST_CATEGORIES)),
            Set.of(TagNormalizer.fold(policy.owner().costCategory())));
    if (ownerKey == null) {
      return when(functions.trim(raw).notEqual(lit("")), functions.trim(raw));
    }
    Column value = TagNormalizer.normalize(raw, ownerKey);
    return when(TagNormalizer.isValid(value, ownerKey), value);
  }

  /** The reason a line stays unallocated: what its first link lacked. */
  private static Column firstFailure(List<Source> chain) {
    if (chain.isEmpty()) {
      return lit("no_owner_chain");
    }
    switch (chain.get(0)) {
      case TAG:
        return when(
                col(TagNormalizer.OWNER_TAG_STATE).equalTo(lit("invalid")),
                lit("invalid_tag_value"))
            .otherwise(lit("missing_tag"));
      case ACCOUNT:
        return lit("unknown_account");
      case COST_CATEGORY:
        return lit("no_cost_category");
      default:
        return lit("no_owner_chain");
    }
  }
}
