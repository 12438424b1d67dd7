package io.costlake.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a provider's two views of one bill told about each other (Azure's actual and amortized cost
 * exports of one scope): the usage no commitment covers is billed alike in both, so where its
 * totals differ one export is partial or of another scope, and the billed total written (from the
 * amortized export) no longer matches the actual export's. Per file, that usage's cost.
 */
public final class ExportPairs {
  /** One scope (billing account or profile, billing period) with both views. */
  public static final class Scope {
    final String account;
    final String period;
    final BigDecimal actual;
    final BigDecimal amortized;

    public Scope(String account, String period, BigDecimal actual, BigDecimal amortized) {
      this.account = account;
      this.period = period;
      this.actual = actual;
      this.amortized = amortized;
    }

    /** Equal to the cent: the two exports write the same rows at the same amounts. */
    public boolean agrees() {
      return actual.subtract(amortized).abs().compareTo(new BigDecimal("0.01")) < 0;
    }

    public String describe() {
      return String.format(
          Locale.ROOT,
          "%s %s: usage no commitment covers is %s in the actual export, %s in the amortized"
              + " (difference %s)",
          account,
          period,
          actual.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
          amortized.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
          actual.subtract(amortized).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
    }
  }

  private static final ExportPairs NONE = new ExportPairs(Map.of(), Map.of());

  private final Map<String, BigDecimal> uncoveredByFile;
  private final Map<String, Scope> scopeByFile;

  /**
   * @param uncoveredByFile per file, its usage no commitment covers
   * @param scopeByFile per file of a scope with both views, that scope
   */
  public ExportPairs(Map<String, BigDecimal> uncoveredByFile, Map<String, Scope> scopeByFile) {
    this.uncoveredByFile = Map.copyOf(uncoveredByFile);
    this.scopeByFile = Map.copyOf(scopeByFile);
  }

  public static ExportPairs none() {
    return NONE;
  }

  public Optional<BigDecimal> uncovered(String file) {
    return Optional.ofNullable(uncoveredByFile.get(file));
  }

  /** "MATCHED" or "MISMATCH: ..." for a file of a paired scope; empty for any other. */
  public Optional<String> check(String file) {
    Scope scope = scopeByFile.get(file);
    if (scope == null) {
      return Optional.empty();
    }
    return Optional.of(scope.agrees() ? "MATCHED" : "MISMATCH: " + scope.describe());
  }

  /** The paired scopes whose views disagree, once each. */
  public List<Scope> mismatches() {
    return scopeByFile.values().stream()
        .distinct()
        .filter(s -> !s.agrees())
        .sorted(java.util.Comparator.comparing((Scope s) -> s.period).thenComparing(s -> s.account))
        .collect(java.util.stream.Collectors.toList());
  }
}
