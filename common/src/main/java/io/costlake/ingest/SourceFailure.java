package io.costlake.ingest;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Something discovery could not use (an unreadable manifest, a manifest naming a missing file). It
 * is recorded in {@code ingest_runs} and {@code ingest_quarantine}; the slices it may have fed are
 * left as they were (see {@link FailureScope}), and the rest of the run goes on.
 */
public final class SourceFailure implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String uri;
  private final String source;
  private final String reasonCode;
  private final String message;
  private final String billingPeriod;
  private final String billingAccountId;

  public SourceFailure(
      String uri,
      String source,
      String reasonCode,
      String message,
      String billingPeriod,
      String billingAccountId) {
    this.uri = Objects.requireNonNull(uri);
    this.source = Objects.requireNonNull(source);
    this.reasonCode = Objects.requireNonNull(reasonCode);
    this.message = Objects.requireNonNull(message);
    this.billingPeriod = billingPeriod;
    this.billingAccountId = billingAccountId;
  }

  public String uri() {
    return uri;
  }

  /** The {@code --source} the failure was found under. */
  public String source() {
    return source;
  }

  public String reasonCode() {
    return reasonCode;
  }

  public String message() {
    return message;
  }

  /** The billing period the failure concerns, when known. */
  public Optional<String> billingPeriod() {
    return Optional.ofNullable(billingPeriod);
  }

  /** The billing account the failure concerns, when known (a CUR manifest names its payer). */
  public Optional<String> billingAccountId() {
    return Optional.ofNullable(billingAccountId);
  }

  /** What the failure may have fed. */
  public FailureScope scope() {
    return new FailureScope(source, billingPeriod, billingAccountId);
  }

  @Override
  public String toString() {
    return uri + ": " + message;
  }
}
