package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.Amortization;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;

/**
 * {@code costlake amortize}: writes {@code cost_amortized} and {@code commitment_utilization} for
 * the billing periods asked (each period replaced in one commit), and rebuilds {@code
 * amortization_schedule} from every pre-paid purchase in {@code cost_line_items}.
 */
public final class AmortizeJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "amortize",
          "Amortize commitments: cost_amortized, commitment_utilization, amortization_schedule",
          "Every line item with its EffectiveCost: as the provider amortized it where the export\n"
              + "does (AWS, Azure amortized, FOCUS), computed where it does not (GCP commitment fees,\n"
              + "pre-paid purchases without amortized usage), unused commitment as Usage/Unused rows.\n"
              + "Re-running replaces the periods it writes. Example:\n"
              + "  costlake sql \"SELECT CommitmentDiscountId, SUM(used_cost), SUM(unused_cost)"
              + " FROM commitment_utilization GROUP BY ALL\"",
          List.of(
              OptionSpec.value(
                  "--period", "yyyy-MM", "Amortize only this billing period (default: all)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    return new Amortization(args.period("--period")).execute(context);
  }
}
