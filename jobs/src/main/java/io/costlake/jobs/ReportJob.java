package io.costlake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.Table;
import io.costlake.report.Csv;
import io.costlake.report.PipelineHealth;
import io.costlake.report.UsageRollup;
import io.costlake.report.html.ReportPage;
import io.costlake.report.html.ReportSections;
import io.costlake.report.html.Section;
import io.costlake.spark.Warehouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code costlake report}: the rollups people read, {@code usage_daily} and {@code usage_monthly}
 * from cost_allocated, and the pipeline's SLIs, {@code pipeline_health}, for the periods asked
 * (each table's periods replaced in one commit).
 */
public final class ReportJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "report",
          "Roll up cost and usage, measure the pipeline -> usage_daily, usage_monthly,"
              + " pipeline_health",
          "Usage by provider, account, service, region, owner, currency and unit, with unit cost"
              + " and a\n"
              + "provisional/final flag; pipeline health per account and period: delivery"
              + " success,\n"
              + "export latency, duplicate lines, quarantine rate, schema drift, unallocated cost,\n"
              + "reconciliation delta. Example:\n"
              + "  costlake sql \"SELECT x_BillingPeriod, owner, SUM(EffectiveCost) FROM usage_monthly"
              + " GROUP BY ALL ORDER BY ALL\"",
          List.of(
              OptionSpec.value(
                  "--period", "yyyy-MM", "Report only this billing period (default: all)"),
              OptionSpec.value(
                  "--html",
                  "DIR",
                  "Also write a self-contained HTML report with charts (DIR/index.html) and a"
                      + " CSV per table")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public void run(JobContext context, ParsedArgs args) {
    Optional<String> period = args.period("--period");
    report(context, period);
    args.value("--html").ifPresent(dir -> html(context, period, dir));
  }

  /** The static report: every section from the tables as they now are, and its CSV files. */
  static void html(JobContext context, Optional<String> onlyPeriod, String dir) {
    Warehouse warehouse = context.warehouse();
    // Every table as a view, empty where a job has not run yet: its section then says so. The
    // views live in a session of their own, so they hide no table from other jobs of this JVM.
    SparkSession session = context.spark().newSession();
    for (Table table : Table.values()) {
      warehouse.read(table, session).createOrReplaceTempView(table.tableName());
    }
    ReportSections sections = new ReportSections(session, onlyPeriod);
    List<Section> all = sections.all();
    String root = JobContext.uri(dir);
    for (Section section : all) {
      TextFiles.write(
          context, root + "/" + section.csvFile(), Csv.of(section.headers(), section.rows()));
    }
    String subtitle =
        onlyPeriod.map(p -> "Billing period " + p).orElse("Every billing period")
            + " from "
            + warehouse.root()
            + ", generated "
            + context.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + ". "
            + sections.scope();
    TextFiles.write(
        context, root + "/index.html", ReportPage.render("costlake cost report", subtitle, all));
    context.out().printf("report: wrote %s/index.html and %d CSV files%n", root, all.size());
  }

  static void report(JobContext context, Optional<String> onlyPeriod) {
    Warehouse warehouse = context.warehouse();
    if (!warehouse.exists(Table.COST_LINE_ITEMS) && !warehouse.exists(Table.INGEST_SLICES)) {
      throw CostlakeErrors.nothingToReport(
          "there is no cost_line_items table under "
              + warehouse.root()
              + " (run costlake ingest first)");
    }
    health(context, onlyPeriod);
    if (warehouse.exists(Table.COST_ALLOCATED)) {
      usage(context, onlyPeriod);
    } else {
      context.out().println("report: no cost_allocated table, so no usage rollups (run allocate)");
    }
  }

  private static void usage(JobContext context, Optional<String> onlyPeriod) {
    Warehouse warehouse = context.warehouse();
    BillingPeriods periods = BillingPeriods.of(warehouse.read(Table.COST_ALLOCATED), onlyPeriod);
    if (periods.isEmpty()) {
      context
          .out()
          .printf("report: no allocated cost in billing period %s%n", onlyPeriod.orElse(""));
      return;
    }
    // Read twice (by its own write and by the monthly rollup): computed once.
    Dataset<Row> daily =
        UsageRollup.daily(periods.rows, warehouse.read(Table.INVOICE_RECONCILIATION))
            .localCheckpoint();
    String description = "costlake report " + periods.periods;
    long dailyVersion =
        warehouse.replace(Table.USAGE_DAILY, daily, periods.predicate(), description);
    long monthlyVersion =
        warehouse.replace(
            Table.USAGE_MONTHLY, UsageRollup.monthly(daily), periods.predicate(), description);
    String totals =
        warehouse
            .read(Table.USAGE_MONTHLY)
            .filter(col("x_BillingPeriod").isin(periods.periods.toArray()))
            .groupBy(col("BillingCurrency"), col("period_status"))
            .agg(sum(col("EffectiveCost")))
            .orderBy(col("BillingCurrency"), col("period_status"))
            .collectAsList()
            .stream()
            .map(
                r ->
                    r.getString(0)
                        + " "
                        + ((BigDecimal) r.get(2)).setScale(2, RoundingMode.HALF_UP).toPlainString()
                        + " "
                        + r.getString(1))
            .collect(Collectors.joining(", "));
    context
        .out()
        .printf(
            Locale.ROOT,
            "report: %s%n  usage_daily (version %d), usage_monthly (version %d): %s%n",
            periods.describe(),
            dailyVersion,
            monthlyVersion,
            totals);
  }

  private static void health(JobContext context, Optional<String> onlyPeriod) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> lines = warehouse.read(Table.COST_LINE_ITEMS);
    Dataset<Row> slices = warehouse.read(Table.INGEST_SLICES);
    // A slice whose every run failed has no lines but is the worst health there is.
    TreeSet<String> periods = new TreeSet<>(BillingPeriods.of(lines, onlyPeriod).periods);
    slices
        .select(col("billing_period"))
        .distinct()
        .collectAsList()
        .forEach(r -> periods.add(r.getString(0)));
    onlyPeriod.ifPresent(p -> periods.retainAll(List.of(p)));
    if (periods.isEmpty()) {
      context
          .out()
          .printf("report: nothing ingested in billing period %s%n", onlyPeriod.orElse(""));
      return;
    }
    Object[] asked = periods.toArray();
    PipelineHealth.Inputs inputs =
        new PipelineHealth.Inputs(
            lines.filter(col("x_BillingPeriod").isin(asked)),
            slices.filter(col("billing_period").isin(asked)),
            warehouse.read(Table.INGEST_RUNS),
            warehouse.read(Table.INGEST_QUARANTINE).filter(col("billing_period").isin(asked)),
            warehouse.read(Table.COST_ALLOCATED).filter(col("x_BillingPeriod").isin(asked)),
            warehouse
                .read(Table.INVOICE_RECONCILIATION)
                .filter(col("x_BillingPeriod").isin(asked)));
    Dataset<Row> health =
        new PipelineHealth(context.config().tags().owner().unallocated())
            .compute(inputs)
            .localCheckpoint();
    long version =
        warehouse.replace(
            Table.PIPELINE_HEALTH,
            health,
            BillingPeriods.predicate(periods),
            "costlake report (pipeline health) " + periods);
    List<Row> worst =
        health
            .filter(
                "delivery_success_pct < 100 OR quarantine_rate_pct > 0 OR duplicate_lines > 0"
                    + " OR schema_drift_files > 0 OR reconciliation_status RLIKE 'MISMATCH|MISSING'")
            .select("x_BillingPeriod", "x_Provider", "BillingAccountId")
            // The latest periods first: they are the ones still worth fixing.
            .orderBy(col("x_BillingPeriod").desc(), col("x_Provider"), col("BillingAccountId"))
            .collectAsList();
    context
        .out()
        .printf(
            Locale.ROOT,
            "report: pipeline_health (version %d): %d slices, %d with something to look at%s%n",
            version,
            health.count(),
            worst.size(),
            worst.stream()
                .limit(10)
                .map(r -> "\n  " + r.getString(0) + " " + r.getString(1) + " " + r.getString(2))
                .collect(Collectors.joining()));
  }
}
