package io.costlake.verify;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.costlake.ingest.AuditedSlices.Audited;
import io.costlake.ingest.SliceKey;
import io.costlake.ingest.TableCheck;
import io.costlake.model.IngestRunColumn;
import io.costlake.model.QuarantineColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The cross-table invariants of ingest, checked on small aggregates of the tables: every slice of
 * {@code cost_line_items} holds exactly the rows and billed cost its latest {@code ingest_slices}
 * record gives, written by the run that record names; that run recorded the files it read in {@code
 * ingest_runs}; every run with rows in {@code ingest_quarantine} recorded its files too.
 */
public final class WarehouseCheck {
  private WarehouseCheck() {}

  /** Run ids that recorded files in ingest_runs. */
  public static Dataset<Row> recordedRuns(Dataset<Row> ingestRuns) {
    return ingestRuns.select(IngestRunColumn.run_id.name()).distinct();
  }

  /** Per (provider, run) of ingest_quarantine, its row count. */
  public static Dataset<Row> quarantineRuns(Dataset<Row> quarantine) {
    return quarantine
        .groupBy(QuarantineColumn.provider.col(), QuarantineColumn.run_id.col())
        .agg(count(lit(1)).as("rows"));
  }

  /**
   * The broken invariants, slices first (in slice order), then runs.
   *
   * @param tableTotals {@link TableCheck#totals(Dataset)} of cost_line_items, collected
   * @param audited per slice, what ingest_slices records
   * @param recordedRuns {@link #recordedRuns}, collected as ids
   * @param quarantineRuns {@link #quarantineRuns}, collected
   */
  public static List<Finding> findings(
      List<Row> tableTotals,
      Map<SliceKey, Audited> audited,
      Set<String> recordedRuns,
      List<Row> quarantineRuns) {
    Map<SliceKey, Finding> bySlice = new TreeMap<>();
    Set<SliceKey> inTable = new HashSet<>();
    for (Row total : tableTotals) {
      SliceKey key = new SliceKey(total.getString(0), total.getString(1), total.getString(2));
      inTable.add(key);
      long rows = total.getLong(3);
      BigDecimal billed = total.isNullAt(4) ? BigDecimal.ZERO : total.getDecimal(4);
      Set<String> runs = TableCheck.runs(total);
      Audited audit = audited.get(key);
      if (audit == null) {
        bySlice.put(
            key,
            new Finding(
                Finding.Kind.UNRECORDED_ROWS,
                key,
                null,
                String.format(
                    Locale.ROOT,
                    "%s: cost_line_items holds %,d rows billing %s that no ingest recorded (run %s)",
                    key,
                    rows,
                    plain(billed),
                    String.join(", ", runs)),
                null));
        continue;
      }
      Long restore = audit.writerVersion().orElse(null);
      Optional<String> unrecorded = TableCheck.unrecordedRuns(runs, audit.writerRunId());
      if (unrecorded.isPresent()) {
        bySlice.put(
            key,
            new Finding(
                Finding.Kind.UNRECORDED_ROWS, key, null, key + ": " + unrecorded.get(), restore));
      } else if (rows != audit.rows() || billed.compareTo(audit.billedCost()) != 0) {
        bySlice.put(
            key,
            new Finding(
                Finding.Kind.SLICE_DIFFERS,
                key,
                null,
                String.format(
                    Locale.ROOT,
                    "%s: cost_line_items holds %,d rows billing %s where ingest_slices records"
                        + " %,d billing %s",
                    key,
                    rows,
                    plain(billed),
                    audit.rows(),
                    plain(audit.billedCost())),
                restore));
      }
    }
    for (Audited audit : audited.values()) {
      if (audit.rows() > 0 && !inTable.contains(audit.key())) {
        bySlice.put(
            audit.key(),
            new Finding(
                Finding.Kind.SLICE_MISSING,
                audit.key(),
                null,
                String.format(
                    Locale.ROOT,
                    "%s: ingest_slices records %,d rows billing %s; cost_line_items holds none",
                    audit.key(),
                    audit.rows(),
                    plain(audit.billedCost())),
                audit.writerVersion().orElse(null)));
      }
    }
    List<Finding> findings = new ArrayList<>(bySlice.values());
    Set<String> writers = new java.util.TreeSet<>();
    for (Audited audit : audited.values()) {
      audit.writerRunId().filter(run -> !recordedRuns.contains(run)).ifPresent(writers::add);
    }
    for (String run : writers) {
      findings.add(
          new Finding(
              Finding.Kind.RUN_WITHOUT_FILES,
              null,
              run,
              "run "
                  + run
                  + " recorded the slices it wrote but not the files it read (ingest_runs)",
              null));
    }
    for (Row q : quarantineRuns) {
      String run = q.getString(1);
      if (!recordedRuns.contains(run)) {
        findings.add(
            new Finding(
                Finding.Kind.QUARANTINE_UNRECORDED,
                null,
                run,
                String.format(
                    Locale.ROOT,
                    "ingest_quarantine holds %,d %s rows of run %s, which recorded no files"
                        + " (interrupted)",
                    q.getLong(2),
                    q.getString(0),
                    run),
                null));
      }
    }
    return findings;
  }

  private static String plain(BigDecimal amount) {
    return amount.stripTrailingZeros().toPlainString();
  }
}
