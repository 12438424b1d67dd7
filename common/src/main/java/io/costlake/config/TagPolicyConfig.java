package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The tag policy: canonical keys in order, and the owner chain. */
public final class TagPolicyConfig {
  private final Map<String, TagKeyConfig> keys;
  private final OwnerChainConfig owner;

  @JsonCreator
  public TagPolicyConfig(
      @JsonProperty("keys") Map<String, TagKeyConfig> keys,
      @JsonProperty("owner") OwnerChainConfig owner) {
    Map<String, TagKeyConfig> ordered = new LinkedHashMap<>();
    Objects.requireNonNullElse(keys, Map.<String, TagKeyConfig>of())
        .forEach(
            (key, policy) -> {
              if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("tag keys must have a name");
              }
              ordered.put(key, policy == null ? emptyKey() : policy);
            });
    this.keys = ordered;
    this.owner = owner == null ? OwnerChainConfig.defaults() : owner;
    if (this.owner.tag() != null && !ordered.containsKey(this.owner.tag())) {
      throw new IllegalArgumentException(
          "owner.tag '" + this.owner.tag() + "' is not one of the keys under tags.keys");
    }
  }

  private static TagKeyConfig emptyKey() {
    return new TagKeyConfig(null, null, null, null, null, null, null, null);
  }

  public static TagPolicyConfig defaults() {
    return new TagPolicyConfig(null, null);
  }

  /** Canonical key name to its policy, in the order written. */
  public Map<String, TagKeyConfig> keys() {
    return keys;
  }

  /** The canonical keys whose values {@code costlake share} hashes. */
  public java.util.Set<String> sensitiveKeys() {
    java.util.Set<String> sensitive = new java.util.TreeSet<>();
    keys.forEach(
        (key, policy) -> {
          if (policy.sensitive()) {
            sensitive.add(key);
          }
        });
    return sensitive;
  }

  public OwnerChainConfig owner() {
    return owner;
  }
}
