package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of {@code costlake chargeback}: the billing profiles, in YAML and/or a Delta table of
 * profile versions (checked as a whole: versions of a profile never overlap, and no owner is billed
 * by two profiles in the same period), the FX rates (a CSV and/or a Delta table), and the last
 * closed period, which chargeback never rewrites.
 */
public final class ChargebackConfig {
  private final List<BillingProfileConfig> profiles;
  private final String profilesTable;
  private final String fxRatesFile;
  private final String fxRatesTable;
  private final String closedThrough;

  @JsonCreator
  public ChargebackConfig(
      @JsonProperty("profiles") List<BillingProfileConfig> profiles,
      @JsonProperty("profilesTable") String profilesTable,
      @JsonProperty("fxRatesFile") String fxRatesFile,
      @JsonProperty("fxRatesTable") String fxRatesTable,
      @JsonProperty("closedThrough") String closedThrough) {
    this.profiles = List.copyOf(Objects.requireNonNullElse(profiles, List.of()));
    this.profilesTable = profilesTable;
    this.fxRatesFile = fxRatesFile;
    this.fxRatesTable = fxRatesTable;
    if (closedThrough != null && !PeriodRange.isPeriod(closedThrough)) {
      throw new IllegalArgumentException("closedThrough must be yyyy-MM, not " + closedThrough);
    }
    this.closedThrough = closedThrough;
    check(this.profiles);
  }

  /**
   * These settings with more profile versions (read from {@link #profilesTable()}), all of them
   * checked together.
   */
  public ChargebackConfig withProfiles(List<BillingProfileConfig> more) {
    List<BillingProfileConfig> all = new ArrayList<>(profiles);
    all.addAll(more);
    return new ChargebackConfig(all, profilesTable, fxRatesFile, fxRatesTable, closedThrough);
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
    return new ChargebackConfig(null, null, null, null, null);
  }

  public List<BillingProfileConfig> profiles() {
    return profiles;
  }

  /**
   * A Delta table of profile versions, one row per version with the columns of a YAML profile
   * (tiers and credits as arrays of structs): a name under the warehouse, or a URI.
   */
  public String profilesTable() {
    return profilesTable;
  }

  /** CSV (date or month, from, to, rate); relative to the YAML file that sets it. */
  public String fxRatesFile() {
    return fxRatesFile;
  }

  /**
   * A Delta table with the columns of {@link #fxRatesFile()}: a name under the warehouse or URI.
   */
  public String fxRatesTable() {
    return fxRatesTable;
  }

  /** The last closed billing period: chargeback never rewrites it or any before it. */
  public String closedThrough() {
    return closedThrough;
  }
}
