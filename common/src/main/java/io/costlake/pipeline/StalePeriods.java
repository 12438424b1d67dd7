package io.costlake.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;

import io.costlake.model.IngestSliceColumn;
import io.costlake.model.PipelineRunColumn;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Which billing periods the downstream jobs must recompute: those with a {@code cost_line_items}
 * slice written (a late file, a restatement, a first ingest) after the version the last complete
 * pipeline run of the period read. Derived from the two audit logs, never stored: a run killed
 * half-way records nothing, so its periods stay stale until a run completes them.
 *
 * <p>Input: {@code ingest_slices} and {@code pipeline_runs} (small: a row per slice and run).
 * Output: one row per stale period, {@code billing_period}, {@code changed_version} (the latest
 * version that wrote one of its slices), {@code computed_version} (null when never computed).
 */
public final class StalePeriods {
  public static final String CHANGED_VERSION = "changed_version";
  public static final String COMPUTED_VERSION = "computed_version";

  private StalePeriods() {}

  public static Dataset<Row> of(Dataset<Row> ingestSlices, Dataset<Row> pipelineRuns) {
    String period = IngestSliceColumn.billing_period.name();
    Dataset<Row> changed =
        ingestSlices
            .filter(
                IngestSliceColumn.status
                    .col()
                    .equalTo("WRITTEN")
                    .and(IngestSliceColumn.table_version.col().isNotNull()))
            .groupBy(IngestSliceColumn.billing_period.col().as(period))
            .agg(max(IngestSliceColumn.table_version.col()).as(CHANGED_VERSION));
    Dataset<Row> computed =
        pipelineRuns
            .groupBy(PipelineRunColumn.billing_period.col().as(period))
            .agg(max(PipelineRunColumn.input_version.col()).as(COMPUTED_VERSION));
    return changed
        .join(computed, changed.col(period).equalTo(computed.col(period)), "left")
        .select(changed.col(period), col(CHANGED_VERSION), col(COMPUTED_VERSION))
        .filter(col(COMPUTED_VERSION).isNull().or(col(CHANGED_VERSION).gt(col(COMPUTED_VERSION))))
        .orderBy(period);
  }
}
