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

  private final BigDecimal maxQuarantinedFraction;
  private final boolean skipUnchangedSlices;
  private final FocusIngestConfig focus;

  @JsonCreator
  public IngestConfig(
      @JsonProperty("maxQuarantinedFraction") BigDecimal maxQuarantinedFraction,
      @JsonProperty("skipUnchangedSlices") Boolean skipUnchangedSlices,
      @JsonProperty("focus") FocusIngestConfig focus) {
    this.focus = focus == null ? FocusIngestConfig.defaults() : focus;
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
    return new IngestConfig(null, null, null);
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

  public FocusIngestConfig focus() {
    return focus;
  }
}
