package io.costlake.jobs;

import io.costlake.amortize.ChangedTerms;
import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import io.costlake.pipeline.StalePeriods;
import io.costlake.spark.Warehouse;
import io.costlake.tasks.BillingPeriods;
import io.costlake.tasks.HtmlReport;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import io.costlake.tasks.Pipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code costlake pipeline}: every job after ingest, in the Airflow DAG's order, in one Spark
 * application. A cluster then pays for one driver and one set of executors per period instead of
 * one per job; the DAG's task per job stays the way to retry a single step.
 *
 * <p>Without {@code --period} it recomputes the stale periods only ({@link StalePeriods}: a late or
 * restated file re-ingested one slice, so that period is computed again, with the later months of
 * any pre-paid term that changed in it, {@link ChangedTerms}; no other). Each period whose jobs all
 * succeeded is recorded in {@code pipeline_runs}; a run that fails or is killed records nothing for
 * the period it was in, which therefore stays stale.
 */
public final class PipelineJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineJob.class);
  private static final JobSpec SPEC =
      new JobSpec(
          "pipeline",
          "Run every job after ingest in one application: validate, amortize, allocate,"
              + " chargeback, reconcile, anomalies, report",
          "Chargeback runs when billing profiles are configured, reconcile when"
              + " reconcile.invoicesFile is set.\n"
              + "Without --period, only the stale periods are computed: those with a slice of\n"
              + "cost_line_items ingested since their last complete pipeline run (pipeline_runs),\n"
              + "and the later months of any pre-paid purchase's term that changed in them.\n"
              + "Stops at the first job that fails; the tables of the jobs before it are written.",
          List.of(
              OptionSpec.value("--period", "yyyy-MM", "Only this billing period (stale or not)"),
              OptionSpec.flag("--all", "Every billing period, stale or not"),
              OptionSpec.value("--html", "DIR", "Also write the HTML report into DIR")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  /** Prints each pipeline's outcome as it ends: one run may compute several periods. */
  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    Optional<BillingPeriod> period = args.period("--period");
    if (period.isPresent() && args.has("--all")) {
      throw CostlakeErrors.invalidArgument(
          "pipeline options", "--period and --all cannot be used together");
    }
    if (period.isPresent()) {
      context.report(new Pipeline(period, List.of(period.get()), true).execute(context));
    } else {
      Optional<List<String>> stale = args.has("--all") ? Optional.empty() : stale(context);
      if (stale.isEmpty()) {
        context.report(
            new Pipeline(Optional.empty(), BillingPeriods.every(context), true).execute(context));
      } else if (stale.get().isEmpty()) {
        context
            .out()
            .printf(
                Locale.ROOT,
                "pipeline: every billing period is up to date with cost_line_items version %d;"
                    + " nothing to compute (--all recomputes them anyway)%n",
                context.warehouse().version(Table.COST_LINE_ITEMS));
      } else {
        for (String stalePeriod : stale.get()) {
          BillingPeriod one = BillingPeriod.parse(stalePeriod);
          context.report(new Pipeline(Optional.of(one), List.of(one), true).execute(context));
        }
      }
    }
    args.value("--html")
        .ifPresent(dir -> context.report(new HtmlReport(period, dir).execute(context)));
    return null;
  }

  /**
   * The stale periods, oldest first; empty when none is; absent when every period must be computed
   * (no pipeline has run yet, or every period is stale: one run over all of them is cheaper).
   */
  private static Optional<List<String>> stale(JobContext context) {
    Warehouse warehouse = context.warehouse();
    if (!warehouse.exists(Table.COST_LINE_ITEMS)
        || !warehouse.exists(Table.INGEST_SLICES)
        || !warehouse.exists(Table.PIPELINE_RUNS)) {
      return Optional.empty();
    }
    List<Row> rows =
        StalePeriods.of(warehouse.read(Table.INGEST_SLICES), warehouse.read(Table.PIPELINE_RUNS))
            .collectAsList();
    List<String> periods = new ArrayList<>();
    Map<Long, List<String>> computedFrom = new LinkedHashMap<>();
    for (Row row : rows) {
      periods.add(row.getString(0));
      if (!row.isNullAt(2)) {
        computedFrom.computeIfAbsent(row.getLong(2), v -> new ArrayList<>()).add(row.getString(0));
      }
      context
          .out()
          .printf(
              Locale.ROOT,
              "pipeline: %s is stale (cost_line_items version %d wrote a slice of it; last"
                  + " computed from %s)%n",
              row.getString(0),
              row.getLong(1),
              row.isNullAt(2) ? "nothing" : "version " + row.getLong(2));
    }
    if (periods.isEmpty()) {
      return Optional.of(periods);
    }
    List<String> every =
        BillingPeriods.every(context).stream().map(String::valueOf).collect(Collectors.toList());
    periods = withChangedTerms(context, periods, computedFrom, every);
    if (periods.size() == every.size()) {
      return Optional.empty();
    }
    return Optional.of(periods);
  }

  /**
   * The stale periods and the later months of every pre-paid term that changed in them: those
   * months amortize the purchase too ({@link ChangedTerms}), so they are stale as well.
   *
   * @param computedFrom the cost_line_items version each stale period was last computed from
   * @param every every period cost_line_items has
   */
  private static List<String> withChangedTerms(
      JobContext context,
      List<String> stale,
      Map<Long, List<String>> computedFrom,
      List<String> every) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> before =
        warehouse.read(Table.COST_LINE_ITEMS).limit(0); // periods never computed: nothing before
    for (Map.Entry<Long, List<String>> version : computedFrom.entrySet()) {
      Dataset<Row> then;
      try {
        then = warehouse.readAt(Table.COST_LINE_ITEMS, version.getKey());
      } catch (Exception e) { // the log no longer keeps it: count every purchase as changed
        LOG.warn(
            "cost_line_items version {} is no longer readable ({}); every pre-paid purchase of {}"
                + " counts as changed",
            version.getKey(),
            e.getMessage(),
            version.getValue());
        continue;
      }
      // allowMissingColumns: an older version may predate columns a newer costlake added.
      before =
          before.unionByName(
              then.filter(FocusColumn.x_BillingPeriod.col().isin(version.getValue().toArray())),
              true);
    }
    List<String> reached;
    try {
      reached = changedTermPeriods(warehouse, before, stale);
    } catch (Exception e) { // files of that version vacuumed away: the same, conservatively
      LOG.warn(
          "cannot read cost_line_items as last computed ({}); every pre-paid purchase of {}"
              + " counts as changed",
          e.getMessage(),
          stale);
      reached =
          changedTermPeriods(warehouse, warehouse.read(Table.COST_LINE_ITEMS).limit(0), stale);
    }
    java.util.TreeSet<String> all = new java.util.TreeSet<>(stale);
    for (String period : every) {
      if (reached.contains(period) && all.add(period)) {
        context
            .out()
            .printf(
                Locale.ROOT,
                "pipeline: %s is stale (it amortizes a pre-paid purchase that changed in %s)%n",
                period,
                String.join(", ", stale));
      }
    }
    return new ArrayList<>(all);
  }

  private static List<String> changedTermPeriods(
      Warehouse warehouse, Dataset<Row> before, List<String> stale) {
    return ChangedTerms.periods(warehouse.read(Table.COST_LINE_ITEMS), before, stale)
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .collect(Collectors.toList());
  }
}
