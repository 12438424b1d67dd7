package io.costlake.ingest;

import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/** One slice of cost_line_items: (provider, billing account, billing period). */
public final class SliceKey implements Serializable, Comparable<SliceKey> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<SliceKey> ORDER =
      Comparator.comparing(SliceKey::provider)
          .thenComparing(SliceKey::billingPeriod)
          .thenComparing(SliceKey::billingAccountId);

  private final String provider;
  private final String billingAccountId;
  private final String billingPeriod;

  public SliceKey(String provider, String billingAccountId, String billingPeriod) {
    this.provider = Objects.requireNonNull(provider);
    this.billingAccountId = Objects.requireNonNull(billingAccountId);
    this.billingPeriod = Objects.requireNonNull(billingPeriod);
  }

  public String provider() {
    return provider;
  }

  public String billingAccountId() {
    return billingAccountId;
  }

  public String billingPeriod() {
    return billingPeriod;
  }

  @Override
  public int compareTo(SliceKey other) {
    return ORDER.compare(this, other);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SliceKey)) {
      return false;
    }
    SliceKey k = (SliceKey) o;
    return provider.equals(k.provider)
        && billingAccountId.equals(k.billingAccountId)
        && billingPeriod.equals(k.billingPeriod);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, billingAccountId, billingPeriod);
  }

  /** {@code aws/123456789012/2024-01}. */
  @Override
  public String toString() {
    return provider + "/" + billingAccountId + "/" + billingPeriod;
  }
}
