package io.costlake.ingest;

import static io.costlake.model.FocusColumn.BilledCost;
import static io.costlake.model.FocusColumn.BillingAccountId;
import static io.costlake.model.FocusColumn.BillingCurrency;
import static io.costlake.model.FocusColumn.EffectiveCost;
import static io.costlake.model.FocusColumn.x_BillingPeriod;
import static io.costlake.model.FocusColumn.x_Provider;
import static io.costlake.model.FocusColumn.x_RowOrigin;
import static io.costlake.model.FocusColumn.x_SourceFile;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.FocusColumn;
import io.costlake.model.QuarantineColumn;
import io.costlake.model.RowOrigin;
import io.costlake.model.Schemas;
import io.costlake.spark.RowScope;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The Spark side of the ingest core, provider-agnostic: the union of mapped and derived rows, their
 * statistics, the rows to write, the quarantine rows, and the slice predicates used for Delta's
 * {@code replaceWhere}.
 */
public final class IngestFrames {
  private IngestFrames() {}

  /** Mapped provider rows and derived rows, projected onto the columns they share. */
  public static Dataset<Row> union(Dataset<Row> mapped, Dataset<Row> derived) {
    List<Column> columns = FocusValues.mappedColumns();
    columns.add(col(MappedFrame.RAW_RECORD));
    return withSuperseded(withExactCost(mapped))
        .select(withFlag(columns))
        .unionByName(withSuperseded(withExactCost(derived)).select(withFlag(columns)));
  }

  /** Rows whose adapter keeps no more digits than the table (derived rows) round nothing. */
  private static Dataset<Row> withExactCost(Dataset<Row> frame) {
    return java.util.Arrays.asList(frame.columns()).contains(MappedFrame.COST_EXACT)
        ? frame
        : frame.withColumn(
            MappedFrame.COST_EXACT, col(MappedFrame.COST_IN).cast(MappedFrame.EXACT));
  }

  private static Column[] withFlag(List<Column> columns) {
    List<Column> all = new ArrayList<>(columns);
    all.add(col(MappedFrame.SUPERSEDED));
    return all.toArray(new Column[0]);
  }

  /** Adapters that never supersede rows need not have the column. */
  private static Dataset<Row> withSuperseded(Dataset<Row> frame) {
    return java.util.Arrays.asList(frame.columns()).contains(MappedFrame.SUPERSEDED)
        ? frame
        : frame.withColumn(MappedFrame.SUPERSEDED, lit(false));
  }

  /**
   * Rows per (file, slice, origin, good/rejected, duplicate) with their cost sums: small,
   * collected. The rows must have passed {@link IngestChecks#apply}.
   */
  public static Dataset<Row> stats(Dataset<Row> all) {
    return all.groupBy(
            x_SourceFile.col(),
            BillingAccountId.col(),
            x_BillingPeriod.col(),
            x_RowOrigin.col().notEqual(RowOrigin.EXPORT.lit()).as("derived"),
            MappedFrame.isGood().as("good"),
            col(MappedFrame.SUPERSEDED).as("superseded"),
            col(IngestChecks.DUPLICATE).as("duplicate"),
            BillingCurrency.col())
        .agg(
            count(lit(1)).as("rows"),
            sum(col(MappedFrame.COST_IN)).as("cost_in"),
            sum(BilledCost.col()).as("billed"),
            sum(EffectiveCost.col()).as("effective"),
            sum(MappedFrame.rounding()).as("rounding"),
            count(when(MappedFrame.rounding().notEqual(lit(0)), lit(1))).as("rows_rounded"));
  }

  public static List<SliceStat> collectStats(Dataset<Row> stats) {
    return stats.collectAsList().stream()
        .map(
            r ->
                new SliceStat(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getBoolean(3),
                    r.getBoolean(4),
                    r.getBoolean(5),
                    r.getBoolean(6),
                    r.getLong(8),
                    (BigDecimal) r.get(9),
                    (BigDecimal) r.get(10),
                    (BigDecimal) r.get(11),
                    r.getString(7),
                    (BigDecimal) r.get(12),
                    r.getLong(13)))
        .collect(Collectors.toList());
  }

  /** Good rows of the given slices, as cost_line_items rows of run {@code runId}. */
  public static Dataset<Row> rowsToWrite(
      Dataset<Row> all, Collection<SliceKey> slices, String runId) {
    return all.filter(
            MappedFrame.isGood()
                .and(col(MappedFrame.SUPERSEDED).equalTo(lit(false)))
                .and(SliceKey.scope(slices).column()))
        .withColumn(FocusColumn.x_IngestRunId.name(), lit(runId))
        .transform(io.costlake.model.CostLineItems::conform);
  }

  /**
   * Rejected provider rows as {@code ingest_quarantine} rows: one per record, its first reason in
   * {@code reason_code}/{@code column_name}, every reason in {@code reason}.
   */
  public static Dataset<Row> quarantine(
      Dataset<Row> all, Collection<String> sourceFiles, String runId, Timestamp now) {
    Column errors = col(MappedFrame.ERRORS);
    Column first = element_at(errors, 1);
    Dataset<Row> rows =
        all.filter(
                MappedFrame.isBad()
                    .and(RowOrigin.EXPORT.of(x_RowOrigin.col()))
                    .and(x_SourceFile.col().isin(sourceFiles.toArray())))
            .select(
                x_Provider.col().as(QuarantineColumn.provider.name()),
                BillingAccountId.col().as(QuarantineColumn.billing_account_id.name()),
                x_BillingPeriod.col().as(QuarantineColumn.billing_period.name()),
                x_SourceFile.col().as(QuarantineColumn.source_file.name()),
                FocusColumn.x_SourceRow.col().as(QuarantineColumn.source_row.name()),
                first.getField("column_name").as(QuarantineColumn.column_name.name()),
                first.getField("reason_code").as(QuarantineColumn.reason_code.name()),
                expr("array_join(transform(" + MappedFrame.ERRORS + ", e -> e.reason), '; ')")
                    .as(QuarantineColumn.reason.name()),
                first.getField("raw_value").as(QuarantineColumn.raw_value.name()),
                col(MappedFrame.COST_IN).as(QuarantineColumn.billed_cost.name()),
                col(MappedFrame.RAW_RECORD).as(QuarantineColumn.raw_record.name()),
                lit(runId).as(QuarantineColumn.run_id.name()),
                FocusColumn.x_ContractVersion.col().as(QuarantineColumn.contract_version.name()),
                lit(now).as(QuarantineColumn.quarantined_at.name()));
    return Schemas.conform(rows, QuarantineColumn.values());
  }

  /**
   * What a run's quarantine write replaces: every earlier quarantine row of the files it read, and
   * of the slices it rewrote (an older assembly's rows go with the slice).
   */
  public static RowScope quarantineScope(
      String provider, Collection<String> sourceFiles, Collection<SliceKey> writtenSlices) {
    List<RowScope> terms = new ArrayList<>();
    if (!sourceFiles.isEmpty()) {
      terms.add(RowScope.in(QuarantineColumn.source_file.name(), sourceFiles));
    }
    for (SliceKey slice : writtenSlices) {
      terms.add(
          RowScope.equalTo(QuarantineColumn.billing_period.name(), slice.billingPeriod())
              .and(
                  RowScope.equalTo(
                      QuarantineColumn.billing_account_id.name(), slice.billingAccountId())));
    }
    return RowScope.equalTo(QuarantineColumn.provider.name(), provider).and(RowScope.anyOf(terms));
  }
}
