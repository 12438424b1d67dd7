package io.costlake.provider.azure;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.costlake.ingest.ExportPairs;
import io.costlake.ingest.RawFrame;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Tells actual-cost files from amortized-cost files by their content, and decides which actual-cost
 * rows the amortized data replaces, so loading both exports of a scope never double counts
 * (FOCUS.md pitfall 4): amortized data has unused-commitment rows and commitment-covered usage at
 * its amortized cost; actual data has commitment purchases and covered usage at 0. A file with
 * neither takes the kind of the other files of its folder (an export writes its parts together).
 *
 * <p>For each scope (billing account or profile, billing period) with amortized data, every row of
 * an actual-cost file is superseded but its commitment purchases and refunds.
 */
final class AzureDatasets {
  enum Kind {
    ACTUAL,
    AMORTIZED,
    UNKNOWN
  }

  /** What one file showed, per scope it holds rows of. */
  static final class FileSignal {
    final String file;
    final String scope;
    final boolean amortized;
    final boolean actual;
    final BigDecimal uncovered;

    FileSignal(String file, String scope, boolean amortized, boolean actual, BigDecimal uncovered) {
      this.file = file;
      this.scope = scope;
      this.amortized = amortized;
      this.actual = actual;
      this.uncovered = uncovered;
    }
  }

  private AzureDatasets() {}

  /**
   * One row per (file, scope) with the two signals and the cost of the usage no commitment covers
   * (billed alike in both exports): a small aggregate of the typed rows.
   */
  static List<Row> signals(Dataset<Row> typed) {
    Column cost = AzureMapping.p("cost");
    Column covered = AzureMapping.chargeType().equalTo("Usage").and(AzureMapping.commitmentModel());
    Column amortized = AzureMapping.unusedCommitment().or(covered.and(cost.notEqual(lit(0))));
    Column actual = AzureMapping.commitmentPurchase().or(covered.and(cost.equalTo(lit(0))));
    Column uncovered =
        AzureMapping.chargeType().equalTo("Usage").and(not(AzureMapping.commitmentModel()));
    return typed
        .groupBy(
            col(RawFrame.SOURCE_FILE), AzureMapping.p("account"), AzureMapping.p("period_start"))
        .agg(
            max(when(amortized, lit(1)).otherwise(lit(0))).as("amortized"),
            max(when(actual, lit(1)).otherwise(lit(0))).as("actual"),
            coalesce(sum(when(uncovered, cost)), lit(BigDecimal.ZERO)).as("uncovered"))
        .collectAsList();
  }

  static List<FileSignal> fileSignals(List<Row> rows) {
    return rows.stream()
        .map(
            r ->
                new FileSignal(
                    r.getString(0),
                    r.get(1) + "|" + r.get(2),
                    r.getInt(3) == 1,
                    r.getInt(4) == 1,
                    r.getDecimal(5)))
        .collect(java.util.stream.Collectors.toList());
  }

  /** The files whose rows (but commitment purchases) the amortized data of their scope replaces. */
  static Set<String> superseded(List<FileSignal> signals) {
    Map<String, Kind> kinds = kinds(signals);
    Set<String> amortizedScopes = new HashSet<>();
    Map<String, Set<String>> scopesOfFile = new HashMap<>();
    for (FileSignal signal : signals) {
      scopesOfFile.computeIfAbsent(signal.file, f -> new HashSet<>()).add(signal.scope);
      if (kinds.get(signal.file) == Kind.AMORTIZED) {
        amortizedScopes.add(signal.scope);
      }
    }
    Set<String> superseded = new TreeSet<>();
    for (Map.Entry<String, Set<String>> entry : scopesOfFile.entrySet()) {
      if (kinds.get(entry.getKey()) == Kind.ACTUAL
          && amortizedScopes.containsAll(entry.getValue())) {
        superseded.add(entry.getKey());
      }
    }
    return superseded;
  }

  /**
   * Per file, its uncovered usage; per scope holding both an actual and an amortized file, the two
   * exports' totals of it, which should be equal.
   */
  static ExportPairs pairs(List<FileSignal> signals) {
    Map<String, Kind> kinds = kinds(signals);
    Map<String, BigDecimal> byFile = new HashMap<>();
    Map<String, BigDecimal[]> byScope = new TreeMap<>();
    Map<String, Set<String>> filesOfScope = new HashMap<>();
    for (FileSignal signal : signals) {
      byFile.merge(signal.file, signal.uncovered, BigDecimal::add);
      Kind kind = kinds.get(signal.file);
      if (kind == Kind.UNKNOWN) {
        continue;
      }
      BigDecimal[] totals = byScope.computeIfAbsent(signal.scope, k -> new BigDecimal[2]);
      int at = kind == Kind.ACTUAL ? 0 : 1;
      totals[at] = totals[at] == null ? signal.uncovered : totals[at].add(signal.uncovered);
      filesOfScope.computeIfAbsent(signal.scope, k -> new TreeSet<>()).add(signal.file);
    }
    Map<String, ExportPairs.Scope> scopeByFile = new HashMap<>();
    byScope.forEach(
        (scope, totals) -> {
          if (totals[0] != null && totals[1] != null) {
            String[] parts = scope.split("\\|", 2);
            ExportPairs.Scope pair =
                new ExportPairs.Scope(parts[0], period(parts[1]), totals[0], totals[1]);
            filesOfScope.get(scope).forEach(f -> scopeByFile.put(f, pair));
          }
        });
    return new ExportPairs(byFile, scopeByFile);
  }

  /** A period start as Spark printed it (date or timestamp) as its month. */
  private static String period(String start) {
    return start.length() >= 7 ? start.substring(0, 7) : start;
  }

  /** Each file's kind: its own signals, else its folder's. */
  static Map<String, Kind> kinds(List<FileSignal> signals) {
    Map<String, boolean[]> byFile = new HashMap<>();
    for (FileSignal signal : signals) {
      boolean[] seen = byFile.computeIfAbsent(signal.file, f -> new boolean[2]);
      seen[0] |= signal.amortized;
      seen[1] |= signal.actual;
    }
    Map<String, Kind> own = new HashMap<>();
    Map<String, Set<Kind>> byFolder = new HashMap<>();
    for (Map.Entry<String, boolean[]> entry : byFile.entrySet()) {
      boolean[] seen = entry.getValue();
      Kind kind =
          seen[0] && !seen[1] ? Kind.AMORTIZED : seen[1] && !seen[0] ? Kind.ACTUAL : Kind.UNKNOWN;
      own.put(entry.getKey(), kind);
      if (kind != Kind.UNKNOWN) {
        byFolder.computeIfAbsent(folder(entry.getKey()), f -> new HashSet<>()).add(kind);
      }
    }
    Map<String, Kind> kinds = new HashMap<>();
    for (Map.Entry<String, Kind> entry : own.entrySet()) {
      Kind kind = entry.getValue();
      Set<Kind> folderKinds = byFolder.getOrDefault(folder(entry.getKey()), Set.of());
      if (kind == Kind.UNKNOWN && folderKinds.size() == 1) {
        kind = folderKinds.iterator().next();
      }
      kinds.put(entry.getKey(), kind);
    }
    return kinds;
  }

  private static String folder(String uri) {
    int slash = uri.lastIndexOf('/');
    return slash < 0 ? "" : uri.substring(0, slash);
  }
}
