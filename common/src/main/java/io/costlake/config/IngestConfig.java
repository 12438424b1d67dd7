package io.costlake.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Objects;

/** Settings of the ingest job. */
public final class IngestConfig {
  /**
   * A slice whose quarantined share of rows exceeds this is left unchanged (the run fails), so a
   * broken restatement cannot replace a good month with a mostly empty one.
   */
  public static final BigDecimal DEFAULT_MAX_QUARANTINED_FRACTION = new BigDecimal("0.10");

  /**
   * Refunds, credits and late usage may be dated in earlier months than the period that bills them,
   * so only a charge further off than this is taken for a broken date.
   */
  public static final int DEFAULT_MAX_DAYS_OUTSIDE_PERIOD = 366;

  private final BigDecimal maxQuarantinedFraction;
  private final boolean skipUnchangedSlices;
  private final FocusIngestConfig focus;
  private final int maxDaysOutsidePeriod;
  private final boolean quarantineDuplicates;
  private final String accountsFile;

  @JsonCreator
  public IngestConfig(
      @JsonProperty("maxQuarantinedFraction") BigDecimal maxQuarantinedFraction,
      @JsonProperty("skipUnchangedSlices") Boolean skipUnchangedSlices,
      @JsonProperty("focus") FocusIngestConfig focus,
      @JsonProperty("maxDaysOutsidePeriod") Integer maxDaysOutsidePeriod,
      @JsonProperty("duplicateRecords") String duplicateRecords,
      @JsonProperty("accountsFile") String accountsFile) {
    this.accountsFile = accountsFile == null || accountsFile.isBlank() ? null : accountsFile;
    this.focus = focus == null ? FocusIngestConfig.defaults() : focus;
    this.maxDaysOutsidePeriod =
        Objects.requireNonNullElse(maxDaysOutsidePeriod, DEFAULT_MAX_DAYS_OUTSIDE_PERIOD);
    String duplicates = Objects.requireNonNullElse(duplicateRecords, "quarantine");
    if (!duplicates.equals("quarantine") && !duplicates.equals("keep")) {
      throw new IllegalArgumentException(
          "duplicateRecords must be quarantine or keep (got " + duplicateRecords + ")");
    }
    this.quarantineDuplicates = duplicates.equals("quarantine");
    if (this.maxDaysOutsidePeriod < 0) {
      throw new IllegalArgumentException(
          "maxDaysOutsidePeriod must be 0 or more (got " + maxDaysOutsidePeriod + ")");
    }
    this.maxQuarantinedFraction =
        Objects.requireNonNullElse(maxQuarantinedFraction, DEFAULT_MAX_QUARANTINED_FRACTION);
    this.skipUnchangedSlices = Objects.requireNonNullElse(skipUnchangedSlices, Boolean.TRUE);
    if (this.maxQuarantinedFraction.signum() < 0
        || this.maxQuarantinedFraction.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "maxQuarantinedFraction must be between 0 and 1 (got " + maxQuarantinedFraction + ")");
    }
  }

  public static IngestConfig defaults() {
    return new IngestConfig(null, null, null, null, null, null);
  }

  public BigDecimal maxQuarantinedFraction() {
    return maxQuarantinedFraction;
  }

  /**
   * When true, a slice whose source files, contract and costlake version are unchanged since its
   * last successful write is not rewritten: a re-run leaves the table exactly as it was.
   */
  public boolean skipUnchangedSlices() {
    return skipUnchangedSlices;
  }

  /**
   * A charge starting more than this many days before its billing period, or after its end, is
   * quarantined ({@code CHARGE_OUTSIDE_PERIOD}).
   */
  public int maxDaysOutsidePeriod() {
    return maxDaysOutsidePeriod;
  }

  /**
   * True (the default): a record equal in every field to one read before it is quarantined as
   * {@code DUPLICATE_RECORD}. False only for sources whose identical rows are distinct charges.
   */
  public boolean quarantineDuplicates() {
    return quarantineDuplicates;
  }

  /**
   * The account directory ({@code account_id,name,...}, optionally {@code provider}): names for the
   * billing and sub accounts whose export carries none. Null when there is none.
   */
  public String accountsFile() {
    return accountsFile;
  }

  /** The same settings, with {@code skipUnchangedSlices} as given. */
  public IngestConfig withSkipUnchangedSlices(boolean skip) {
    return new IngestConfig(
        maxQuarantinedFraction,
        skip,
        focus,
        maxDaysOutsidePeriod,
        quarantineDuplicates ? "quarantine" : "keep",
        accountsFile);
  }

  public FocusIngestConfig focus() {
    return focus;
  }
}
