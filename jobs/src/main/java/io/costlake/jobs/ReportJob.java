package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.BillingPeriod;
import io.costlake.tasks.HtmlReport;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import io.costlake.tasks.Reporting;
import io.costlake.tasks.Written;
import java.util.List;
import java.util.Optional;

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
  public Outcome run(JobContext context, ParsedArgs args) {
    Optional<BillingPeriod> period = args.period("--period");
    Written tables = new Reporting(period).execute(context);
    if (args.value("--html").isEmpty()) {
      return tables;
    }
    context.out().print(tables.summary());
    return new HtmlReport(period, args.value("--html").get()).execute(context);
  }
}
