package io.costlake.ingest;

import io.costlake.model.IngestSliceColumn;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * What {@code ingest_slices} says each slice of {@code cost_line_items} holds: the latest
 * successful record (WRITTEN or UNCHANGED) gives its fingerprint, rows and billed cost; the latest
 * WRITTEN record names the run whose rows the slice holds and the table version it made.
 */
public final class AuditedSlices {
  private AuditedSlices() {}

  /** One slice as its audit records it. */
  public static final class Audited {
    private final SliceKey key;
    private final String fingerprint;
    private final long rows;
    private final BigDecimal billedCost;
    private final String writerRunId;
    private final Long writerVersion;

    public Audited(
        SliceKey key,
        String fingerprint,
        long rows,
        BigDecimal billedCost,
        String writerRunId,
        Long writerVersion) {
      this.key = key;
      this.fingerprint = fingerprint;
      this.rows = rows;
      this.billedCost = billedCost;
      this.writerRunId = writerRunId;
      this.writerVersion = writerVersion;
    }

    public SliceKey key() {
      return key;
    }

    public String fingerprint() {
      return fingerprint;
    }

    public long rows() {
      return rows;
    }

    public BigDecimal billedCost() {
      return billedCost;
    }

    /** The run whose rows the slice holds; empty when no WRITTEN record is left. */
    public Optional<String> writerRunId() {
      return Optional.ofNullable(writerRunId);
    }

    /** The version of cost_line_items that run's write made. */
    public Optional<Long> writerVersion() {
      return Optional.ofNullable(writerVersion);
    }
  }

  /** The successful records of {@code provider} (all providers when null), oldest first. */
  public static Dataset<Row> records(Dataset<Row> ingestSlices, String provider) {
    Column good = IngestSliceColumn.status.col().isin("WRITTEN", "UNCHANGED");
    if (provider != null) {
      good = good.and(IngestSliceColumn.provider.col().equalTo(functions.lit(provider)));
    }
    return ingestSlices
        .filter(good)
        .select(
            IngestSliceColumn.provider.name(),
            IngestSliceColumn.billing_account_id.name(),
            IngestSliceColumn.billing_period.name(),
            IngestSliceColumn.fingerprint.name(),
            IngestSliceColumn.rows_written.name(),
            IngestSliceColumn.billed_cost.name(),
            IngestSliceColumn.run_id.name(),
            IngestSliceColumn.table_version.name(),
            IngestSliceColumn.status.name(),
            IngestSliceColumn.recorded_at.name())
        .orderBy(IngestSliceColumn.recorded_at.name(), IngestSliceColumn.run_id.name());
  }

  /** Per slice, its latest record, from {@link #records} collected (oldest first). */
  public static Map<SliceKey, Audited> latest(List<Row> records) {
    Map<SliceKey, Audited> latest = new LinkedHashMap<>();
    for (Row r : records) {
      SliceKey key = new SliceKey(r.getString(0), r.getString(1), r.getString(2));
      Audited before = latest.get(key);
      boolean written = "WRITTEN".equals(r.getString(8));
      String writer = written ? r.getString(6) : before == null ? null : before.writerRunId;
      Long version =
          written
              ? (r.isNullAt(7) ? null : r.getLong(7))
              : before == null ? null : before.writerVersion;
      latest.put(
          key,
          new Audited(
              key,
              r.getString(3),
              r.getLong(4),
              r.isNullAt(5) ? BigDecimal.ZERO : r.getDecimal(5),
              writer,
              version));
    }
    return latest;
  }
}
