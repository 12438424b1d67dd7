package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code costlake pipeline}: every job after ingest, in the Airflow DAG's order, in one Spark
 * application. A cluster then pays for one driver and one set of executors per period instead of
 * one per job; the DAG's task per job stays the way to retry a single step.
 */
public final class PipelineJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "pipeline",
          "Run every job after ingest in one application: validate, amortize, allocate,"
              + " chargeback, reconcile, anomalies, report",
          "Chargeback runs when billing profiles are configured, reconcile when"
              + " reconcile.invoicesFile is set.\n"
              + "Stops at the first job that fails; the tables of the jobs before it are written.",
          List.of(
              OptionSpec.value(
                  "--period", "yyyy-MM", "Only this billing period (default: every period)"),
              OptionSpec.value("--html", "DIR", "Also write the HTML report into DIR")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public void run(JobContext context, ParsedArgs args) {
    Optional<String> period = args.period("--period");
    ValidateJob.validate(context, Optional.empty(), period, false);
    afterValidation(context, period);
    args.value("--html").ifPresent(dir -> ReportJob.html(context, period, dir));
  }

  /** Amortize through report, each job only when its inputs are configured. */
  static void afterValidation(JobContext context, Optional<String> period) {
    stepsAfterValidation(context, period).values().forEach(Runnable::run);
  }

  /** The jobs {@link #afterValidation} runs, in order, by name (bench times each). */
  static Map<String, Runnable> stepsAfterValidation(JobContext context, Optional<String> period) {
    Map<String, Runnable> steps = new LinkedHashMap<>();
    steps.put("amortize", () -> AmortizeJob.amortize(context, period));
    steps.put("allocate", () -> AllocateJob.allocate(context, period));
    if (!context.config().chargeback().profiles().isEmpty()
        || context.config().chargeback().profilesTable() != null) {
      steps.put("chargeback", () -> ChargebackJob.chargeback(context, period, Optional.empty()));
    }
    if (context.config().reconcile().invoicesFile() != null) {
      steps.put("reconcile", () -> ReconcileJob.reconcile(context, period));
    }
    steps.put("anomalies", () -> AnomaliesJob.anomalies(context, period));
    steps.put("report", () -> ReportJob.report(context, period));
    return steps;
  }
}
