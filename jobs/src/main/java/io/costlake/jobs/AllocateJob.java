package io.costlake.jobs;

import io.costlake.allocate.CostAllocation;
import io.costlake.config.AllocateConfig;
import io.costlake.config.CostlakeConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.Table;
import io.costlake.tags.OwnerChain;
import io.costlake.tags.TagCompliance;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code costlake allocate}: applies the tag policy and the owner chain to every line of
 * cost_amortized (or cost_line_items), moves shared cost by the allocation rules, and writes {@code
 * cost_allocated}, {@code tag_compliance} and {@code tag_debt} for the periods asked (each table's
 * periods replaced in one commit). Then checks that every (period, account, currency) total is what
 * it was.
 */
public final class AllocateJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(AllocateJob.class);
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
  public void run(JobContext context, ParsedArgs args) {
    allocate(context, args.period("--period"));
  }

  static void allocate(JobContext context, Optional<String> onlyPeriod) {
    CostlakeConfig config = context.config();
    AllocateConfig.Source source = config.allocate().source();
    Table input =
        source == AllocateConfig.Source.COST_AMORTIZED
            ? Table.COST_AMORTIZED
            : Table.COST_LINE_ITEMS;
    if (!context.warehouse().exists(input)) {
      throw CostlakeErrors.nothingToAllocate(
          "there is no "
              + input.tableName()
              + " table under "
              + context.warehouse().root()
              + (input == Table.COST_AMORTIZED
                  ? " (run costlake amortize first, or set allocate.source=cost_line_items)"
                  : ""));
    }
    BillingPeriods selected = BillingPeriods.of(context.warehouse().read(input), onlyPeriod);
    if (selected.isEmpty()) {
      throw CostlakeErrors.nothingToAllocate(
          input.tableName()
              + " has no rows"
              + onlyPeriod.map(p -> " for billing period " + p).orElse(""));
    }
    Map<String, String> accounts = AllocationInputs.accountOwners(context);
    Map<String, Dataset<Row>> drivers = AllocationInputs.drivers(context);
    String unallocated = config.tags().owner().unallocated();

    // Read by the rules, the compliance tables and the check: computed once.
    Dataset<Row> owned =
        OwnerChain.owned(selected.rows, config.tags(), accounts)
            .persist(StorageLevel.MEMORY_AND_DISK());
    try (CostAllocation allocation = new CostAllocation(config.allocate().rules(), unallocated)) {
      Dataset<Row> allocated = allocation.allocate(owned, drivers);
      String description = "costlake allocate " + selected.periods;
      long started = System.nanoTime();
      long allocatedVersion =
          context
              .warehouse()
              .replace(Table.COST_ALLOCATED, allocated, selected.predicate(), description);
      LOG.info("wrote cost_allocated in {} ms", (System.nanoTime() - started) / 1_000_000);
      long complianceVersion =
          context
              .warehouse()
              .replace(
                  Table.TAG_COMPLIANCE,
                  TagCompliance.compliance(owned),
                  selected.predicate(),
                  description);
      long debtVersion =
          context
              .warehouse()
              .replace(
                  Table.TAG_DEBT, TagCompliance.debt(owned), selected.predicate(), description);
      new AllocationSummary(context, selected, input, unallocated)
          .print(allocatedVersion, complianceVersion, debtVersion);
    } finally {
      owned.unpersist();
    }
  }
}
