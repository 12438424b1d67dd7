package io.costlake.jobs;

import io.costlake.config.ChargebackConfig;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.ChargebackRun;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;

/**
 * {@code costlake chargeback}: prices each owner's allocated cost with the billing profile in force
 * (currency, markup, discounts, credits, tax, rounding) and writes {@code chargeback_lines} and
 * {@code chargeback_invoices} for the open periods asked. Closed periods (up to {@code
 * chargeback.closedThrough}) that were invoiced are never rewritten.
 */
public final class ChargebackJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "chargeback",
          "Price allocated cost with billing profiles -> chargeback_lines, chargeback_invoices",
          "Each owner's cost_allocated EffectiveCost, priced by the billing profile version in force\n"
              + "in the period (chargeback.profiles). Closed periods are kept as invoiced. Example:\n"
              + "  costlake sql \"SELECT x_BillingPeriod, profile_id, billing_currency, total"
              + " FROM chargeback_invoices ORDER BY ALL\"",
          List.of(
              OptionSpec.value(
                  "--period",
                  "yyyy-MM",
                  "Price only this billing period (default: every open one)"),
              OptionSpec.value(
                  "--export",
                  "DIR",
                  "Also write the invoices as CSV and JSON for finance systems")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    ChargebackConfig config = context.config().chargeback();
    // A deployment that does not charge back yet runs the same schedule: the step waits for its
    // config instead of failing every night.
    if (config.profiles().isEmpty() && config.profilesTable() == null) {
      context
          .out()
          .println(
              "chargeback: skipped: no billing profiles are configured (chargeback.profiles or"
                  + " chargeback.profilesTable)");
      return null;
    }
    return new ChargebackRun(args.period("--period"), args.value("--export")).execute(context);
  }
}
