package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Notification;
import io.costlake.tasks.Outcome;
import java.util.List;

/**
 * {@code costlake notify}: sends the budget thresholds crossed and the cost anomalies to their
 * owners' webhooks, each once, logged in {@code notify_deliveries}.
 */
public final class NotifyJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "notify",
          "Send new budget and anomaly alerts to their owners' webhooks -> notify_deliveries",
          "Alerts: every threshold a budget's forecast crossed, a budget forecast or spent over\n"
              + "(budget_burn), every day labelled anomaly (cost_anomalies). Each goes to the\n"
              + "route of notify.routes naming its owner (else the route with owners ['*']) as\n"
              + "Slack, Teams or generic JSON, once: a delivered alert is never sent again, a\n"
              + "failed one is tried again by the next run. Webhook URLs are read from the\n"
              + "environment or a file (urlEnv, urlFile), never from the config.",
          List.of(
              OptionSpec.value(
                  "--period", "yyyy-MM", "Only this billing period's alerts (default: all)"),
              OptionSpec.flag("--dry-run", "Print what would be sent; send and log nothing")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    return new Notification(args.period("--period"), args.has("--dry-run")).execute(context);
  }
}
