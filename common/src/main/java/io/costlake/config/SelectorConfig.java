package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which cost lines an allocation rule takes. Every criterion given must match (AND); within one
 * criterion any listed value matches (OR). Values may use {@code *} as a wildcard.
 */
public final class SelectorConfig {
  private final List<String> provider;
  private final List<String> billingAccount;
  private final List<String> subAccount;
  private final List<String> service;
  private final List<String> serviceCategory;
  private final List<String> chargeCategory;
  private final List<String> region;
  private final List<String> resource;
  private final List<String> owner;
  private final Map<String, List<String>> tags;

  @JsonCreator
  public SelectorConfig(
      @JsonProperty("provider") List<String> provider,
      @JsonProperty("billingAccount") List<String> billingAccount,
      @JsonProperty("subAccount") List<String> subAccount,
      @JsonProperty("service") List<String> service,
      @JsonProperty("serviceCategory") List<String> serviceCategory,
      @JsonProperty("chargeCategory") List<String> chargeCategory,
      @JsonProperty("region") List<String> region,
      @JsonProperty("resource") List<String> resource,
      @JsonProperty("owner") List<String> owner,
      @JsonProperty("tags") Map<String, List<String>> tags) {
    this.provider = list(provider);
    this.billingAccount = list(billingAccount);
    this.subAccount = list(subAccount);
    this.service = list(service);
    this.serviceCategory = list(serviceCategory);
    this.chargeCategory = list(chargeCategory);
    this.region = list(region);
    this.resource = list(resource);
    this.owner = list(owner);
    this.tags = new LinkedHashMap<>(Objects.requireNonNullElse(tags, Map.of()));
    if (isEmpty()) {
      throw new IllegalArgumentException(
          "select needs at least one of provider, billingAccount, subAccount, service,"
              + " serviceCategory, chargeCategory, region, resource, owner, tags");
    }
  }

  private static List<String> list(List<String> values) {
    return List.copyOf(Objects.requireNonNullElse(values, List.of()));
  }

  private boolean isEmpty() {
    return provider.isEmpty()
        && billingAccount.isEmpty()
        && subAccount.isEmpty()
        && service.isEmpty()
        && serviceCategory.isEmpty()
        && chargeCategory.isEmpty()
        && region.isEmpty()
        && resource.isEmpty()
        && owner.isEmpty()
        && tags.isEmpty();
  }

  public List<String> provider() {
    return provider;
  }

  public List<String> billingAccount() {
    return billingAccount;
  }

  /** SubAccountId values (AWS linked account, GCP project, Azure subscription). */
  public List<String> subAccount() {
    return subAccount;
  }

  /** ServiceName values. */
  public List<String> service() {
    return service;
  }

  public List<String> serviceCategory() {
    return serviceCategory;
  }

  public List<String> chargeCategory() {
    return chargeCategory;
  }

  public List<String> region() {
    return region;
  }

  public List<String> resource() {
    return resource;
  }

  /** Owners as resolved so far: this is what makes one rule's output the next rule's input. */
  public List<String> owner() {
    return owner;
  }

  /** Canonical tag key to accepted values (after the tag policy normalized them). */
  public Map<String, List<String>> tags() {
    return tags;
  }
}
