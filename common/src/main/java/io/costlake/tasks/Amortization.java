package io.costlake.tasks;

import io.costlake.amortize.AmortizationSchedule;
import io.costlake.amortize.CommitmentUtilization;
import io.costlake.amortize.CostAmortization;
import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.spark.Reused;
import io.costlake.spark.RowScope;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work of {@code costlake amortize}, built from its options. */
public final class Amortization implements Task<Written> {
  private static final Logger LOG = LoggerFactory.getLogger(Amortization.class);
  private final Optional<BillingPeriod> onlyPeriod;

  public Amortization(Optional<BillingPeriod> onlyPeriod) {
    this.onlyPeriod = onlyPeriod;
  }

  @Override
  public String name() {
    return "amortize";
  }

  /** Amortizes one billing period, or every period in cost_line_items. */
  @Override
  public Written execute(JobContext context) {
    return Said.collect(context, this::run, Written::withSummary);
  }

  private Written run(JobContext context) {
    if (!context.warehouse().exists(Table.COST_LINE_ITEMS)) {
      throw CostlakeErrors.nothingToAmortize(
          "there is no cost_line_items table under " + context.warehouse().root());
    }
    Dataset<Row> all = context.warehouse().read(Table.COST_LINE_ITEMS);
    BillingPeriods selected = BillingPeriods.of(all, onlyPeriod);
    if (selected.isEmpty()) {
      throw CostlakeErrors.nothingToAmortize(
          "cost_line_items has no rows"
              + onlyPeriod.map(p -> " for billing period " + p).orElse(""));
    }
    Dataset<Row> items = selected.rows;
    List<BillingPeriod> periods = selected.periods;
    RowScope scope = selected.scope();

    long amortizedVersion;
    long utilizationVersion;
    long scheduleVersion;
    try (Reused reused = new Reused()) {
      // The purchases amortize and the schedule both recognize, found in one scan.
      Dataset<Row> purchases = reused.keep(CostAmortization.prepaidPurchases(all));
      long started = System.nanoTime();
      Dataset<Row> amortized =
          new CostAmortization(context.config().amortize().chargePeriod())
              .amortize(items, purchases, reused);
      amortizedVersion =
          context
              .warehouse()
              .writes()
              .replace(Table.COST_AMORTIZED, amortized, scope, "costlake amortize " + periods);
      LOG.info("wrote cost_amortized in {} ms", (System.nanoTime() - started) / 1_000_000);
      started = System.nanoTime();
      utilizationVersion =
          context
              .warehouse()
              .writes()
              .replace(
                  Table.COMMITMENT_UTILIZATION,
                  // From the table just written: a short plan, and exactly what analysts see.
                  CommitmentUtilization.of(
                      context.warehouse().read(Table.COST_AMORTIZED).filter(scope.column())),
                  scope,
                  "costlake amortize " + periods);
      LOG.info("wrote commitment_utilization in {} ms", (System.nanoTime() - started) / 1_000_000);
      started = System.nanoTime();
      scheduleVersion =
          context
              .warehouse()
              .writes()
              .overwrite(
                  Table.AMORTIZATION_SCHEDULE,
                  AmortizationSchedule.of(purchases),
                  "costlake amortize " + periods);
      LOG.info("wrote amortization_schedule in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
    print(context, periods, scope, amortizedVersion, utilizationVersion, scheduleVersion);
    return Written.of(periods)
        .with(Table.COST_AMORTIZED, amortizedVersion)
        .with(Table.COMMITMENT_UTILIZATION, utilizationVersion)
        .with(Table.AMORTIZATION_SCHEDULE, scheduleVersion);
  }

  private static void print(
      JobContext context,
      List<BillingPeriod> periods,
      RowScope scope,
      long amortizedVersion,
      long utilizationVersion,
      long scheduleVersion) {
    context
        .warehouse()
        .catalog()
        .withTables(
            List.of(
                Table.COST_AMORTIZED, Table.COMMITMENT_UTILIZATION, Table.AMORTIZATION_SCHEDULE),
            () ->
                printTotals(
                    context,
                    periods,
                    scope,
                    amortizedVersion,
                    utilizationVersion,
                    scheduleVersion));
  }

  private static void printTotals(
      JobContext context,
      List<BillingPeriod> periods,
      RowScope scope,
      long amortizedVersion,
      long utilizationVersion,
      long scheduleVersion) {
    Row totals =
        context
            .spark()
            .sql(
                "SELECT COUNT(*), COUNT_IF(x_AmortizationMethod = 'Spread'),"
                    + " COUNT_IF(x_AmortizationMethod = 'Unused'),"
                    + " COUNT_IF(x_AmortizationMethod = 'Moved')"
                    + " FROM cost_amortized WHERE "
                    + scope.sql())
            .first();
    long commitments =
        context
            .spark()
            .sql(
                "SELECT COUNT(DISTINCT x_Provider, CommitmentDiscountId) FROM"
                    + " commitment_utilization WHERE "
                    + scope.sql())
            .first()
            .getLong(0);
    long schedule =
        context.spark().sql("SELECT COUNT(*) FROM amortization_schedule").first().getLong(0);
    context
        .out()
        .printf(
            Locale.ROOT,
            "amortize: %d billing periods (%s to %s)%n"
                + "  cost_amortized: %,d rows (version %d): %,d usage rows took a computed share,"
                + " %,d unused-commitment rows computed, %,d fees moved onto usage%n"
                + "  commitment_utilization: %,d commitments (version %d)%n"
                + "  amortization_schedule: %,d rows (version %d)%n",
            periods.size(),
            periods.get(0),
            periods.get(periods.size() - 1),
            totals.getLong(0),
            amortizedVersion,
            totals.getLong(1),
            totals.getLong(2),
            totals.getLong(3),
            commitments,
            utilizationVersion,
            schedule,
            scheduleVersion);
  }
}
