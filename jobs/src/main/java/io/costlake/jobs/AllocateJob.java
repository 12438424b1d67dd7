package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.tasks.Allocation;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;

/**
 * {@code costlake allocate}: applies the tag policy and the owner chain to every line of
 * cost_amortized (or cost_line_items), moves shared cost by the allocation rules, and writes {@code
 * cost_allocated}, {@code tag_compliance} and {@code tag_debt} for the periods asked (each table's
 * periods replaced in one commit). Then checks that every (period, account, currency) total is what
 * it was.
 */
public final class AllocateJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "allocate",
          "Own every cost: tag policy, owner chain, shared-cost rules -> cost_allocated",
          "Normalizes tags by the tag policy (tags.keys), names each line's owner by the owner\n"
              + "chain (tags.owner), and splits shared cost by allocate.rules. Cost no owner claims\n"
              + "stays in the unallocated bucket with a reason. Example:\n"
              + "  costlake sql \"SELECT owner, SUM(EffectiveCost) FROM cost_allocated"
              + " GROUP BY ALL ORDER BY 2 DESC\"",
          List.of(
              OptionSpec.value(
                  "--period", "yyyy-MM", "Allocate only this billing period (default: all)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    return new Allocation(args.period("--period")).execute(context);
  }
}
