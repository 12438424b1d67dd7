package io.costlake.report;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.flatten;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_timestamp;
import static org.apache.spark.sql.functions.when;

import io.costlake.model.ColumnType;
import io.costlake.model.PipelineHealthColumn;
import io.costlake.model.Schemas;
import java.util.Objects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;

/**
 * The SLIs of the billing pipeline per (billing period, provider, account), from the tables the
 * jobs write. Each input is reduced to one row per slice (or per run and slice) before any join, so
 * the joins are between small frames and broadcast.
 */
public final class PipelineHealth {
  private static final String WRITTEN = "WRITTEN";
  private static final String FAILED = "FAILED";

  private final String unallocatedOwner;

  /**
   * @param unallocatedOwner the owner of the unallocated bucket (owner chain config)
   */
  public PipelineHealth(String unallocatedOwner) {
    this.unallocatedOwner = Objects.requireNonNull(unallocatedOwner);
  }

  /** The tables read, each already limited to the periods to report. */
  public static final class Inputs {
    final Dataset<Row> lineItems;
    final Dataset<Row> slices;
    final Dataset<Row> runs;
    final Dataset<Row> quarantine;
    final Dataset<Row> allocated;
    final Dataset<Row> reconciliation;

    public Inputs(
        Dataset<Row> lineItems,
        Dataset<Row> slices,
        Dataset<Row> runs,
        Dataset<Row> quarantine,
        Dataset<Row> allocated,
        Dataset<Row> reconciliation) {
      this.lineItems = lineItems;
      this.slices = slices;
      this.runs = runs;
      this.quarantine = quarantine;
      this.allocated = allocated;
      this.reconciliation = reconciliation;
    }
  }

  public Dataset<Row> compute(Inputs in) {
    Dataset<Row> attempts = attempts(in.slices);
    Dataset<Row> health =
        attempts
            .join(lines(in.lineItems), Slices.KEYS, "full_outer")
            .join(broadcast(quarantined(in.quarantine, attempts)), Slices.KEYS, "left")
            .join(broadcast(drift(in.runs, attempts)), Slices.KEYS, "left")
            .join(broadcast(allocation(in.allocated)), Slices.KEYS, "left")
            .join(broadcast(reconciliation(in.reconciliation)), Slices.KEYS, "left");
    return Schemas.conform(
        health
            .withColumn("ingest_attempts", coalesce(col("ingest_attempts"), lit(0L)))
            .withColumn("ingest_failures", coalesce(col("ingest_failures"), lit(0L)))
            // A slice with lines but no ingest_slices record was written before runs were recorded.
            .withColumn(
                "delivery_success_pct",
                when(col("ingest_attempts").equalTo(0), lit(100))
                    .otherwise(
                        percent(
                            col("ingest_attempts").minus(col("ingest_failures")),
                            col("ingest_attempts"))))
            .withColumn("last_ingest_status", coalesce(col("last_ingest_status"), lit(WRITTEN)))
            .withColumn(
                "export_latency_hours",
                unix_timestamp(col("last_written_at"))
                    .minus(unix_timestamp(col("data_through")))
                    .divide(3600)
                    .cast(ColumnType.SCORE.sparkType()))
            .withColumn("line_count", coalesce(col("line_count"), lit(0L)))
            .withColumn("duplicate_lines", coalesce(col("duplicate_lines"), lit(0L)))
            .withColumn("duplicate_line_pct", percent(col("duplicate_lines"), col("line_count")))
            .withColumn("rows_quarantined", coalesce(col("rows_quarantined"), lit(0L)))
            .withColumn(
                "quarantine_rate_pct",
                percent(
                    col("rows_quarantined"),
                    col("last_rows_written").plus(col("rows_quarantined"))))
            .withColumn("schema_drift_files", coalesce(col("schema_drift_files"), lit(0L)))
            .withColumn(
                "unknown_columns",
                coalesce(col("unknown_columns"), array().cast(ColumnType.STRING_LIST.sparkType())))
            .withColumn(
                "unallocated_pct", percent(col("unallocated_cost"), abs(col("allocated_cost"))))
            .withColumn(
                "reconciliation_delta_pct",
                percent(col("reconciliation_delta"), col("invoice_totals")))
            .withColumn("period_status", PeriodStatus.column(col("final_flag"))),
        PipelineHealthColumn.values());
  }

  /** Per slice: ingest attempts, failures, the last attempt and the last run that wrote it. */
  private static Dataset<Row> attempts(Dataset<Row> slices) {
    Column writtenAt = when(col("status").equalTo(WRITTEN), col("recorded_at"));
    return slices
        .groupBy(
            col("provider").as("x_Provider"),
            col("billing_account_id").as("BillingAccountId"),
            col("billing_period").as("x_BillingPeriod"))
        .agg(
            count(lit(1)).as("ingest_attempts"),
            sum(when(col("status").equalTo(FAILED), lit(1L)).otherwise(lit(0L)))
                .as("ingest_failures"),
            max_by(col("status"), col("recorded_at")).as("last_ingest_status"),
            max(writtenAt).as("last_written_at"),
            // max_by skips rows whose ordering is null: only runs that wrote the slice count.
            max_by(col("run_id"), writtenAt).as("last_run_id"),
            max_by(col("rows_written"), writtenAt).as("last_rows_written"),
            max_by(col("source_files"), writtenAt).as("last_source_files"));
  }

  /** Per slice: rows, repeated source lines, and how far its usage reaches. */
  private static Dataset<Row> lines(Dataset<Row> lineItems) {
    return lineItems
        .groupBy(col("x_Provider"), col("BillingAccountId"), col("x_BillingPeriod"))
        .agg(
            count(lit(1)).as("line_count"),
            count(lit(1)).minus(count_distinct(col("x_RecordHash"))).as("duplicate_lines"),
            max(when(col("ChargeFrequency").equalTo("Usage-Based"), col("ChargePeriodEnd")))
                .as("data_through"));
  }

  /** Per slice: rows quarantined by the run that last wrote it. */
  private static Dataset<Row> quarantined(Dataset<Row> quarantine, Dataset<Row> attempts) {
    Dataset<Row> perRun =
        quarantine
            .groupBy(
                col("provider").as("x_Provider"),
                col("billing_account_id").as("BillingAccountId"),
                col("billing_period").as("x_BillingPeriod"),
                col("run_id").as("last_run_id"))
            .agg(count(lit(1)).as("rows_quarantined"));
    return lastRuns(attempts)
        .join(perRun, withKeys("last_run_id"), "inner")
        .select(
            col("x_Provider"),
            col("BillingAccountId"),
            col("x_BillingPeriod"),
            col("rows_quarantined"));
  }

  /** Per slice: the files of its last write whose columns the contract did not know. */
  private static Dataset<Row> drift(Dataset<Row> runs, Dataset<Row> attempts) {
    Dataset<Row> drifted =
        runs.filter(size(col("unknown_columns")).gt(0))
            .select(
                col("run_id").as("last_run_id"),
                col("source_file"),
                col("unknown_columns").as("file_unknown_columns"));
    return lastRuns(attempts)
        .select(
            col("x_Provider"),
            col("BillingAccountId"),
            col("x_BillingPeriod"),
            col("last_run_id"),
            explode(col("last_source_files")).as("source_file"))
        .join(
            broadcast(drifted),
            Slices.seq(java.util.List.of("last_run_id", "source_file")),
            "inner")
        .groupBy(col("x_Provider"), col("BillingAccountId"), col("x_BillingPeriod"))
        .agg(
            count_distinct(col("source_file")).as("schema_drift_files"),
            array_sort(array_distinct(flatten(collect_list(col("file_unknown_columns")))))
                .as("unknown_columns"));
  }

  private Dataset<Row> allocation(Dataset<Row> allocated) {
    return allocated
        .groupBy(col("x_Provider"), col("BillingAccountId"), col("x_BillingPeriod"))
        .agg(
            sum(col("EffectiveCost")).as("allocated_cost"),
            coalesce(
                    sum(when(col("owner").equalTo(unallocatedOwner), col("EffectiveCost"))),
                    lit(0).cast(ColumnType.MONEY.sparkType()))
                .as("unallocated_cost"));
  }

  private static Dataset<Row> reconciliation(Dataset<Row> reconciliation) {
    Dataset<Row> perSlice =
        reconciliation
            .groupBy(col("x_Provider"), col("BillingAccountId"), col("x_BillingPeriod"))
            .agg(
                concat_ws(",", array_sort(collect_set(col("status")))).as("reconciliation_status"),
                sum(col("delta")).as("reconciliation_delta"),
                sum(abs(col("invoice_total"))).as("invoice_totals"));
    return perSlice.join(PeriodStatus.ofSlices(reconciliation), Slices.KEYS, "left");
  }

  private static Dataset<Row> lastRuns(Dataset<Row> attempts) {
    return attempts.filter(col("last_run_id").isNotNull());
  }

  private static scala.collection.Seq<String> withKeys(String column) {
    return Slices.seq(
        java.util.List.of("x_Provider", "BillingAccountId", "x_BillingPeriod", column));
  }

  /** 100 x part / whole as a PERCENT, null when whole is null or 0. */
  private static Column percent(Column part, Column whole) {
    DataType wide = org.apache.spark.sql.types.DataTypes.createDecimalType(38, 10);
    return when(
            whole.isNotNull().and(whole.notEqual(0)),
            part.cast(wide).multiply(lit(100)).divide(whole.cast(wide)))
        .cast(ColumnType.PERCENT.sparkType());
  }
}
