package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of {@code costlake chargeback}: the billing profiles (checked as a whole: versions of a
 * profile never overlap, and no owner is billed by two profiles in the same period), the FX rate
 * table, and the last closed period, which chargeback never rewrites.
 */
public final class ChargebackConfig {
  private final List<BillingProfileConfig> profiles;
  private final String fxRatesFile;
  private final String closedThrough;

  @JsonCreator
  public ChargebackConfig(
      @JsonProperty("profiles") List<BillingProfileConfig> profiles,
      @JsonProperty("fxRatesFile") String fxRatesFile,
      @JsonProperty("closedThrough") String closedThrough) {
    this.profiles = List.copyOf(Objects.requireNonNullElse(profiles, List.of()));
    this.fxRatesFile = fxRatesFile;
    if (closedThrough != null && !PeriodRange.isPeriod(closedThrough)) {
      throw new IllegalArgumentException("closedThrough must be yyyy-MM, not " + closedThrough);
    }
    this.closedThrough = closedThrough;
    check(this.profiles);
  }

  private static void check(List<BillingProfileConfig> profiles) {
    List<BillingProfileConfig> seen = new ArrayList<>();
    for (BillingProfileConfig p : profiles) {
      for (BillingProfileConfig q : seen) {
        if (!p.range().overlaps(q.range())) {
          continue;
        }
        if (p.id().equals(q.id())) {
          throw new IllegalArgumentException(
              "billing profile "
                  + p.id()
                  + " versions "
                  + q.version()
                  + " and "
                  + p.version()
                  + " both apply to some billing periods");
        }
        for (String owner : p.owners()) {
          if (q.owners().contains(owner)) {
            throw new IllegalArgumentException(
                "owner "
                    + owner
                    + " is billed by both "
                    + q.id()
                    + " and "
                    + p.id()
                    + " in some billing periods");
          }
        }
      }
      seen.add(p);
    }
  }

  public static ChargebackConfig defaults() {
    return new ChargebackConfig(null, null, null);
  }

  public List<BillingProfileConfig> profiles() {
    return profiles;
  }

  /** CSV (date or month, from, to, rate); relative to the YAML file that sets it. */
  public String fxRatesFile() {
    return fxRatesFile;
  }

  /** The last closed billing period: chargeback never rewrites it or any before it. */
  public String closedThrough() {
    return closedThrough;
  }
}
