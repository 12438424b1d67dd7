package io.costlake.ingest;

import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.spark.RowScope;
import java.io.Serializable;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One slice of cost_line_items: (provider, billing account, billing period). */
public final class SliceKey implements Serializable, Comparable<SliceKey> {
  private static final long serialVersionUID = 1L;
  private static final Comparator<SliceKey> ORDER =
      Comparator.comparing(SliceKey::provider)
          .thenComparing(SliceKey::billingPeriod)
          .thenComparing(SliceKey::billingAccountId);

  private final String provider;
  private final String billingAccountId;
  private final BillingPeriod billingPeriod;

  public SliceKey(String provider, String billingAccountId, BillingPeriod billingPeriod) {
    this.provider = Objects.requireNonNull(provider);
    this.billingAccountId = Objects.requireNonNull(billingAccountId);
    this.billingPeriod = Objects.requireNonNull(billingPeriod);
  }

  /** A slice of a period written {@code yyyy-MM}, as the tables store it. */
  public SliceKey(String provider, String billingAccountId, String billingPeriod) {
    this(provider, billingAccountId, BillingPeriod.parse(billingPeriod));
  }

  /**
   * The rows of cost_line_items in {@code slices}: {@code (x_Provider = p AND ((x_BillingPeriod =
   * .. AND BillingAccountId = ..) OR ...)) OR ...}, one term per slice.
   */
  public static RowScope scope(Collection<SliceKey> slices) {
    Map<String, List<SliceKey>> byProvider =
        slices.stream()
            .collect(Collectors.groupingBy(SliceKey::provider, TreeMap::new, Collectors.toList()));
    return RowScope.anyOf(
        byProvider.entrySet().stream()
            .map(
                provider ->
                    RowScope.equalTo(FocusColumn.x_Provider.name(), provider.getKey())
                        .and(
                            RowScope.anyOf(
                                provider.getValue().stream()
                                    .map(SliceKey::ownRows)
                                    .collect(Collectors.toList()))))
            .collect(Collectors.toList()));
  }

  private RowScope ownRows() {
    return RowScope.equalTo(FocusColumn.x_BillingPeriod.name(), billingPeriod)
        .and(RowScope.equalTo(FocusColumn.BillingAccountId.name(), billingAccountId));
  }

  public String provider() {
    return provider;
  }

  public String billingAccountId() {
    return billingAccountId;
  }

  public BillingPeriod billingPeriod() {
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
