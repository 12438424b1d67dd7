package io.costlake.tasks;

import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task committed: the Delta version of each table it wrote, for the periods it did, and its
 * summary.
 */
public final class Written implements Outcome {
  private final List<BillingPeriod> periods;
  private final Map<Table, Long> versions;
  private final String summary;

  private Written(List<BillingPeriod> periods, Map<Table, Long> versions, String summary) {
    this.periods = List.copyOf(periods);
    this.versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    this.summary = summary;
  }

  public static Written nothing() {
    return new Written(List.of(), Map.of(), "");
  }

  public static Written of(List<BillingPeriod> periods) {
    return new Written(periods, Map.of(), "");
  }

  /** The same, with {@code table} written at {@code version}. */
  public Written with(Table table, long version) {
    Map<Table, Long> more = new LinkedHashMap<>(versions);
    more.put(table, version);
    return new Written(periods, more, summary);
  }

  /** The same, with {@code text} as its summary. */
  public Written withSummary(String text) {
    return new Written(periods, versions, text);
  }

  @Override
  public String summary() {
    return summary;
  }

  /** The billing periods the task computed, oldest first; empty for a task over every period. */
  public List<BillingPeriod> periods() {
    return periods;
  }

  /** Each table written, in the order written, with the version its commit made. */
  public Map<Table, Long> versions() {
    return versions;
  }

  @Override
  public String toString() {
    return "periods " + periods + ", versions " + versions;
  }
}
