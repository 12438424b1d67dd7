package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.AnomalyScoring;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;

/**
 * {@code costlake anomalies}: scores the daily cost of every (account, service, charge category)
 * series and, when cost_allocated exists, of every owner, and writes the unusual days to {@code
 * cost_anomalies} for the periods asked (replaced in one commit), with their label and likely
 * driver.
 */
public final class AnomaliesJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "anomalies",
          "Find unusual days of cost per service and per owner -> cost_anomalies",
          "A robust weekday baseline (median of the same weekday, MAD) per daily series; days past\n"
              + "anomalies.threshold with at least anomalies.minImpact of impact are reported, and\n"
              + "spikes from restatements, credits or commitment true-ups are labelled as such.\n"
              + "Example:\n"
              + "  costlake sql \"SELECT day, ServiceName, owner, impact, driver FROM cost_anomalies"
              + " WHERE label = 'anomaly' ORDER BY impact DESC\"",
          List.of(
              OptionSpec.value(
                  "--period", "yyyy-MM", "Report only this billing period (default: all)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    return new AnomalyScoring(args.period("--period")).execute(context);
  }
}
