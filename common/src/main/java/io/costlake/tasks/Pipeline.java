package io.costlake.tasks;

import io.costlake.CostlakeVersion;
import io.costlake.ingest.RunIds;
import io.costlake.model.BillingPeriod;
import io.costlake.model.PipelineRunColumn;
import io.costlake.model.Table;
import io.costlake.spark.Warehouse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.JavaConverters;

/**
 * Every job after ingest for one billing period (all of them when empty), each described in the
 * Spark UI by its step, then the periods recorded up to date in {@code pipeline_runs}; {@code demo}
 * leaves validation out. Returns each step's result by its name, in the order they ran.
 */
public final class Pipeline implements Task<Pipeline.Steps> {
  private final Optional<BillingPeriod> period;
  private final List<BillingPeriod> periods;
  private final boolean validate;

  /**
   * @param period the one billing period to compute, or empty for all
   * @param periods the periods to record as up to date once every step has run
   * @param validate whether to run validation first
   */
  public Pipeline(Optional<BillingPeriod> period, List<BillingPeriod> periods, boolean validate) {
    this.period = period;
    this.periods = List.copyOf(periods);
    this.validate = validate;
  }

  @Override
  public String name() {
    return "pipeline";
  }

  /** Each step's outcome by its name, in the order they ran; the summary is the pipeline's own. */
  public static final class Steps implements Outcome {
    private final Map<String, Outcome> steps;
    private final String summary;

    Steps(Map<String, Outcome> steps, String summary) {
      this.steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
      this.summary = summary;
    }

    public Map<String, Outcome> steps() {
      return steps;
    }

    @Override
    public String summary() {
      return summary;
    }
  }

  /** Runs every step, printing each one's summary as it ends: a pipeline runs for minutes. */
  @Override
  public Steps execute(JobContext context) {
    Instant start = context.clock().instant();
    Warehouse warehouse = context.warehouse();
    // Read before the jobs: an ingest committing meanwhile leaves the period stale, as it should.
    Long inputVersion =
        warehouse.exists(Table.COST_LINE_ITEMS) ? warehouse.version(Table.COST_LINE_ITEMS) : null;
    List<Task<?>> steps = new ArrayList<>();
    if (validate) {
      steps.add(new Validation(Optional.empty(), period, false));
    }
    steps.addAll(PipelineSteps.afterValidation(context.config(), period));
    Map<String, Outcome> ran = new LinkedHashMap<>();
    for (Task<?> step : steps) {
      context.describe("costlake pipeline: " + step.name());
      ran.put(step.name(), context.report(step.execute(context)));
    }
    context.describe("costlake pipeline");
    if (inputVersion == null || periods.isEmpty()) {
      return new Steps(ran, "");
    }
    List<String> jobs = new ArrayList<>(ran.keySet());
    Instant end = context.clock().instant();
    String runId = RunIds.next(start);
    List<Row> rows = new ArrayList<>();
    for (BillingPeriod done : periods) {
      Object[] v = new Object[PipelineRunColumn.values().length];
      v[PipelineRunColumn.run_id.ordinal()] = runId;
      v[PipelineRunColumn.billing_period.ordinal()] = done.toString();
      v[PipelineRunColumn.input_version.ordinal()] = inputVersion;
      v[PipelineRunColumn.jobs.ordinal()] = JavaConverters.asScalaBuffer(jobs).toSeq();
      v[PipelineRunColumn.costlake_version.ordinal()] = CostlakeVersion.get();
      v[PipelineRunColumn.started_at.ordinal()] = Timestamp.from(start);
      v[PipelineRunColumn.ended_at.ordinal()] = Timestamp.from(end);
      rows.add(RowFactory.create(v));
    }
    warehouse
        .writes()
        .append(
            Table.PIPELINE_RUNS,
            context.spark().createDataFrame(rows, Table.PIPELINE_RUNS.schema()),
            "costlake pipeline " + runId);
    return new Steps(
        ran,
        String.format(
            Locale.ROOT,
            "pipeline: %s up to date with cost_line_items version %d (pipeline_runs)%n",
            periods.size() == 1 ? periods.get(0) : periods.size() + " billing periods",
            inputVersion));
  }
}
