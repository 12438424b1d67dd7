package io.costlake.tasks;

import io.costlake.allocate.CostAllocation;
import io.costlake.config.AllocateConfig;
import io.costlake.config.CostlakeConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.spark.Reused;
import io.costlake.tags.OwnerChain;
import io.costlake.tags.TagCompliance;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work of {@code costlake allocate}, built from its options. */
public final class Allocation implements Task<Written> {
  private static final Logger LOG = LoggerFactory.getLogger(Allocation.class);
  private final Optional<BillingPeriod> onlyPeriod;

  public Allocation(Optional<BillingPeriod> onlyPeriod) {
    this.onlyPeriod = onlyPeriod;
  }

  @Override
  public String name() {
    return "allocate";
  }

  @Override
  public Written execute(JobContext context) {
    return Said.collect(context, this::run, Written::withSummary);
  }

  private Written run(JobContext context) {
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

    CostAllocation allocation = new CostAllocation(config.allocate().rules(), unallocated);
    // Read by every rule and by the compliance tables: computed once, and only the columns
    // they read (a FOCUS row's wide decimals cost more to cache than anything else in it).
    try (allocation;
        Reused lines = Reused.onDisk()) {
      Dataset<Row> owned =
          lines.keep(allocation.read(OwnerChain.owned(selected.rows, config.tags(), accounts)));
      Dataset<Row> allocated = allocation.allocate(owned, drivers);
      String description = "costlake allocate " + selected.periods;
      long started = System.nanoTime();
      long allocatedVersion =
          context
              .warehouse()
              .writes()
              .replace(Table.COST_ALLOCATED, allocated, selected.scope(), description);
      LOG.info("wrote cost_allocated in {} ms", (System.nanoTime() - started) / 1_000_000);
      long complianceVersion =
          context
              .warehouse()
              .writes()
              .replace(
                  Table.TAG_COMPLIANCE,
                  TagCompliance.compliance(owned),
                  selected.scope(),
                  description);
      long debtVersion =
          context
              .warehouse()
              .writes()
              .replace(Table.TAG_DEBT, TagCompliance.debt(owned), selected.scope(), description);
      new AllocationSummary(context, selected, input, unallocated)
          .print(allocatedVersion, complianceVersion, debtVersion);
      return Written.of(selected.periods)
          .with(Table.COST_ALLOCATED, allocatedVersion)
          .with(Table.TAG_COMPLIANCE, complianceVersion)
          .with(Table.TAG_DEBT, debtVersion);
    }
  }
}
