package io.costlake.ingest;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Something discovery could not use (an unreadable manifest, a manifest naming a missing file). It
 * is recorded in {@code ingest_runs} and {@code ingest_quarantine}; the rest of the run goes on.
 */
public final class SourceFailure implements Serializable {
  private static final long serialVersionUID = 1L;
  private final String uri;
  private final String reasonCode;
  private final String message;
  private final String billingPeriod;

  public SourceFailure(String uri, String reasonCode, String message, String billingPeriod) {
    this.uri = Objects.requireNonNull(uri);
    this.reasonCode = Objects.requireNonNull(reasonCode);
    this.message = Objects.requireNonNull(message);
    this.billingPeriod = billingPeriod;
  }

  public String uri() {
    return uri;
  }

  public String reasonCode() {
    return reasonCode;
  }

  public String message() {
    return message;
  }

  /** The billing period the failure blocks, when known: that slice is left unchanged. */
  public Optional<String> billingPeriod() {
    return Optional.ofNullable(billingPeriod);
  }

  @Override
  public String toString() {
    return uri + ": " + message;
  }
}
