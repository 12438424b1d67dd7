package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How a cost line finds its owner: the sources in order (resource tag, account mapping, provider
 * cost category, default), and the name of the bucket for cost none of them claims.
 */
public final class OwnerChainConfig {
  /** One link of the chain. */
  public enum Source {
    TAG,
    ACCOUNT,
    COST_CATEGORY,
    DEFAULT;

    static Source parse(String value) {
      String v = value.trim().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
      try {
        return valueOf(v.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "owner.chain entries are tag, account, costCategory or default, not '" + value + "'");
      }
    }

    /** The name used in config and in {@code owner_source}. */
    public String label() {
      return this == COST_CATEGORY ? "cost_category" : name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String DEFAULT_UNALLOCATED = "unallocated";

  private final String tag;
  private final String accountsFile;
  private final String costCategory;
  private final String defaultOwner;
  private final String unallocated;
  private final List<Source> chain;

  @JsonCreator
  public OwnerChainConfig(
      @JsonProperty("tag") String tag,
      @JsonProperty("accountsFile") String accountsFile,
      @JsonProperty("costCategory") String costCategory,
      @JsonProperty("default") String defaultOwner,
      @JsonProperty("unallocated") String unallocated,
      @JsonProperty("chain") List<String> chain) {
    this.tag = tag;
    this.accountsFile = accountsFile;
    this.costCategory = costCategory;
    this.defaultOwner = defaultOwner;
    this.unallocated = Objects.requireNonNullElse(unallocated, DEFAULT_UNALLOCATED);
    if (this.unallocated.isBlank()) {
      throw new IllegalArgumentException("owner.unallocated must name the unallocated bucket");
    }
    List<Source> links = new ArrayList<>();
    if (chain == null) {
      // The configured sources, in the order the policy documents.
      if (tag != null) links.add(Source.TAG);
      if (accountsFile != null) links.add(Source.ACCOUNT);
      if (costCategory != null) links.add(Source.COST_CATEGORY);
      if (defaultOwner != null) links.add(Source.DEFAULT);
    } else {
      for (String link : chain) {
        Source source = Source.parse(link);
        if (links.contains(source)) {
          throw new IllegalArgumentException("owner.chain names " + link + " twice");
        }
        links.add(source);
      }
    }
    for (Source source : links) {
      if (source == Source.TAG && tag == null
          || source == Source.ACCOUNT && accountsFile == null
          || source == Source.COST_CATEGORY && costCategory == null
          || source == Source.DEFAULT && defaultOwner == null) {
        String key =
            source == Source.DEFAULT
                ? "default"
                : source == Source.ACCOUNT
                    ? "accountsFile"
                    : source == Source.TAG ? "tag" : "costCategory";
        throw new IllegalArgumentException(
            "owner.chain uses " + source.label() + " but owner." + key + " is not set");
      }
    }
    this.chain = List.copyOf(links);
  }

  public static OwnerChainConfig defaults() {
    return new OwnerChainConfig(null, null, null, null, null, null);
  }

  /** The canonical tag key whose value names the owner. */
  public String tag() {
    return tag;
  }

  /** A CSV (account_id,owner) mapping sub accounts or billing accounts to owners. */
  public String accountsFile() {
    return accountsFile;
  }

  /** The provider cost category (AWS cost categories, x_CostCategories) naming the owner. */
  public String costCategory() {
    return costCategory;
  }

  public String defaultOwner() {
    return defaultOwner;
  }

  public String unallocated() {
    return unallocated;
  }

  public List<Source> chain() {
    return chain;
  }
}
