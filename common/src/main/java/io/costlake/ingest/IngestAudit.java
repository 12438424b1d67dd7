package io.costlake.ingest;

import io.costlake.ingest.IngestPlan.CurrencyPart;
import io.costlake.ingest.IngestPlan.FileOutcome;
import io.costlake.ingest.IngestPlan.SliceDecision;
import io.costlake.ingest.IngestPlan.SliceStatus;
import io.costlake.model.IngestRunColumn;
import io.costlake.model.IngestSliceColumn;
import io.costlake.model.QuarantineColumn;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * The audit rows of one ingest run, built from its plan: ingest_runs, ingest_slices, file-level
 * quarantine.
 */
public final class IngestAudit {
  private final String runId;
  private final String provider;
  private final String costlakeVersion;
  private final Timestamp startedAt;
  private final Timestamp endedAt;

  public IngestAudit(
      String runId,
      String provider,
      String costlakeVersion,
      Timestamp startedAt,
      Timestamp endedAt) {
    this.runId = runId;
    this.provider = provider;
    this.costlakeVersion = costlakeVersion;
    this.startedAt = startedAt;
    this.endedAt = endedAt;
  }

  /**
   * One {@code ingest_runs} row per file read (per billing currency, when its rows bill in more
   * than one) and per source discovery could not use.
   */
  public List<Row> runRows(
      IngestPlan plan, List<ExportFile> files, Map<String, FileRecord> records) {
    return runRows(plan, files, records, ExportPairs.none());
  }

  /** As above, with what the adapter found comparing two exports of one bill, per file. */
  public List<Row> runRows(
      IngestPlan plan, List<ExportFile> files, Map<String, FileRecord> records, ExportPairs pairs) {
    List<Row> rows = new ArrayList<>();
    for (ExportFile file : files) {
      FileOutcome outcome = plan.files().get(file.uri());
      FileRecord record = records.get(file.uri());
      List<String> periods = outcome.periods();
      if (periods.isEmpty()) {
        file.billingPeriod().ifPresent(periods::add);
      }
      List<CurrencyPart> parts = new ArrayList<>();
      for (CurrencyPart part : outcome.parts()) {
        if (part.rows() + part.rowsDerived() + part.rowsSuperseded() > 0) {
          parts.add(part);
        }
      }
      // Rows the reader counted that no statistics hold (a file that failed while being read)
      // are recorded with the first currency, so that rows_in still sums to the file's.
      long unaccounted = outcome.rowsIn() - parts.stream().mapToLong(CurrencyPart::rows).sum();
      if (parts.isEmpty()) {
        parts.add(new CurrencyPart(null));
      }
      for (int i = 0; i < parts.size(); i++) {
        CurrencyPart part = parts.get(i);
        Object[] v = new Object[IngestRunColumn.values().length];
        v[IngestRunColumn.run_id.ordinal()] = runId;
        v[IngestRunColumn.provider.ordinal()] = provider;
        v[IngestRunColumn.source_file.ordinal()] = file.uri();
        v[IngestRunColumn.manifest.ordinal()] = file.manifest().orElse(null);
        v[IngestRunColumn.assembly_id.ordinal()] = file.assemblyId().orElse(null);
        v[IngestRunColumn.file_sha256.ordinal()] =
            record == null ? null : record.sha256().orElse(null);
        v[IngestRunColumn.file_bytes.ordinal()] =
            record == null ? file.file().bytes() : record.bytes().orElse(file.file().bytes());
        v[IngestRunColumn.contract_version.ordinal()] =
            record == null ? "unknown" : record.contract();
        v[IngestRunColumn.billing_periods.ordinal()] = seq(periods);
        v[IngestRunColumn.billing_currency.ordinal()] = part.currency().orElse(null);
        v[IngestRunColumn.rows_in.ordinal()] = part.rows() + (i == 0 ? unaccounted : 0);
        v[IngestRunColumn.rows_written.ordinal()] = part.rowsWritten();
        v[IngestRunColumn.rows_quarantined.ordinal()] = part.rowsQuarantined();
        v[IngestRunColumn.rows_duplicate.ordinal()] = part.rowsDuplicate();
        v[IngestRunColumn.rows_out_of_scope.ordinal()] = part.rowsOutOfScope();
        v[IngestRunColumn.rows_derived.ordinal()] = part.rowsDerived();
        v[IngestRunColumn.rows_superseded.ordinal()] = part.rowsSuperseded();
        v[IngestRunColumn.cost_superseded.ordinal()] = part.costSuperseded();
        v[IngestRunColumn.cost_in.ordinal()] = part.costIn();
        v[IngestRunColumn.cost_written.ordinal()] = part.costWritten();
        v[IngestRunColumn.cost_quarantined.ordinal()] = part.costQuarantined();
        v[IngestRunColumn.cost_out_of_scope.ordinal()] = part.costOutOfScope();
        v[IngestRunColumn.cost_rounding.ordinal()] = part.costRounding();
        v[IngestRunColumn.rows_rounded.ordinal()] = part.rowsRounded();
        v[IngestRunColumn.unknown_columns.ordinal()] =
            seq(record == null ? List.of() : record.unknownColumns());
        v[IngestRunColumn.status.ordinal()] = outcome.status();
        v[IngestRunColumn.message.ordinal()] = outcome.message().orElse(null);
        if (i == 0) {
          v[IngestRunColumn.uncovered_usage_cost.ordinal()] =
              pairs.uncovered(file.uri()).orElse(null);
          v[IngestRunColumn.pair_check.ordinal()] = pairs.check(file.uri()).orElse(null);
        }
        fillRunMeta(v);
        rows.add(RowFactory.create(v));
      }
    }
    for (SourceFailure failure : plan.sourceFailures()) {
      Object[] v = new Object[IngestRunColumn.values().length];
      v[IngestRunColumn.run_id.ordinal()] = runId;
      v[IngestRunColumn.provider.ordinal()] = provider;
      v[IngestRunColumn.source_file.ordinal()] = failure.uri();
      v[IngestRunColumn.contract_version.ordinal()] = "unknown";
      v[IngestRunColumn.billing_periods.ordinal()] =
          seq(failure.billingPeriod().map(List::of).orElse(List.of()));
      for (IngestRunColumn c :
          List.of(
              IngestRunColumn.rows_in,
              IngestRunColumn.rows_written,
              IngestRunColumn.rows_quarantined,
              IngestRunColumn.rows_duplicate,
              IngestRunColumn.rows_out_of_scope,
              IngestRunColumn.rows_superseded,
              IngestRunColumn.rows_derived,
              IngestRunColumn.rows_rounded)) {
        v[c.ordinal()] = 0L;
      }
      for (IngestRunColumn c :
          List.of(
              IngestRunColumn.cost_in,
              IngestRunColumn.cost_written,
              IngestRunColumn.cost_quarantined,
              IngestRunColumn.cost_superseded,
              IngestRunColumn.cost_out_of_scope,
              IngestRunColumn.cost_rounding)) {
        v[c.ordinal()] = BigDecimal.ZERO;
      }
      v[IngestRunColumn.unknown_columns.ordinal()] = seq(List.of());
      v[IngestRunColumn.status.ordinal()] = "FAILED";
      v[IngestRunColumn.message.ordinal()] = failure.message();
      fillRunMeta(v);
      rows.add(RowFactory.create(v));
    }
    return rows;
  }

  private void fillRunMeta(Object[] v) {
    v[IngestRunColumn.costlake_version.ordinal()] = costlakeVersion;
    v[IngestRunColumn.started_at.ordinal()] = startedAt;
    v[IngestRunColumn.ended_at.ordinal()] = endedAt;
  }

  /** One {@code ingest_slices} row per slice the run touched. */
  public List<Row> sliceRows(IngestPlan plan, Long tableVersion) {
    List<Row> rows = new ArrayList<>();
    for (SliceDecision decision : plan.slices().values()) {
      Object[] v = new Object[IngestSliceColumn.values().length];
      v[IngestSliceColumn.run_id.ordinal()] = runId;
      v[IngestSliceColumn.provider.ordinal()] = decision.key().provider();
      v[IngestSliceColumn.billing_account_id.ordinal()] = decision.key().billingAccountId();
      v[IngestSliceColumn.billing_period.ordinal()] = decision.key().billingPeriod().toString();
      v[IngestSliceColumn.fingerprint.ordinal()] = decision.fingerprint();
      v[IngestSliceColumn.source_files.ordinal()] = seq(decision.files());
      v[IngestSliceColumn.rows_written.ordinal()] = decision.rows();
      v[IngestSliceColumn.billed_cost.ordinal()] = decision.billedCost();
      v[IngestSliceColumn.effective_cost.ordinal()] = decision.effectiveCost();
      v[IngestSliceColumn.table_version.ordinal()] =
          decision.status() == SliceStatus.WRITTEN ? tableVersion : null;
      v[IngestSliceColumn.status.ordinal()] = decision.status().name();
      v[IngestSliceColumn.message.ordinal()] = decision.message().orElse(null);
      v[IngestSliceColumn.recorded_at.ordinal()] = endedAt;
      rows.add(RowFactory.create(v));
    }
    return rows;
  }

  /** Quarantine rows for whole files that could not be read, and for unusable manifests. */
  public List<Row> fileQuarantineRows(
      IngestPlan plan, List<ExportFile> files, Map<String, FileRecord> records) {
    List<Row> rows = new ArrayList<>();
    for (ExportFile file : files) {
      FileRecord record = records.get(file.uri());
      if (record == null || !record.failed()) {
        continue;
      }
      rows.add(
          fileRow(
              file.uri(),
              file.billingPeriod().orElse(null),
              record.errorCode().orElse("UNREADABLE_FILE"),
              record.errorMessage().orElse("the file could not be read"),
              record.contract()));
    }
    for (SourceFailure failure : plan.sourceFailures()) {
      rows.add(
          fileRow(
              failure.uri(),
              failure.billingPeriod().orElse(null),
              failure.reasonCode(),
              failure.message(),
              "unknown"));
    }
    return rows;
  }

  private Row fileRow(
      String uri, String billingPeriod, String code, String reason, String contract) {
    Object[] v = new Object[QuarantineColumn.values().length];
    v[QuarantineColumn.provider.ordinal()] = provider;
    v[QuarantineColumn.billing_period.ordinal()] = billingPeriod;
    v[QuarantineColumn.source_file.ordinal()] = uri;
    v[QuarantineColumn.reason_code.ordinal()] = code;
    v[QuarantineColumn.reason.ordinal()] = reason;
    v[QuarantineColumn.run_id.ordinal()] = runId;
    v[QuarantineColumn.contract_version.ordinal()] = contract;
    v[QuarantineColumn.quarantined_at.ordinal()] = endedAt;
    return RowFactory.create(v);
  }

  private static scala.collection.Seq<String> seq(List<String> values) {
    return JavaConverters.asScalaBuffer(new ArrayList<>(values)).toSeq();
  }
}
