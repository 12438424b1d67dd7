package io.costlake.tasks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import io.costlake.model.IngestSliceColumn;
import io.costlake.model.Table;
import io.costlake.report.PipelineHealth;
import io.costlake.report.UsageRollup;
import io.costlake.spark.Warehouse;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The work of {@code costlake report}, built from its options. */
public final class Reporting implements Task<Written> {
  private final Optional<BillingPeriod> onlyPeriod;

  public Reporting(Optional<BillingPeriod> onlyPeriod) {
    this.onlyPeriod = onlyPeriod;
  }

  @Override
  public String name() {
    return "report";
  }

  @Override
  public Written execute(JobContext context) {
    return Said.collect(context, this::run, Written::withSummary);
  }

  private Written run(JobContext context) {
    Warehouse warehouse = context.warehouse();
    if (!warehouse.exists(Table.COST_LINE_ITEMS) && !warehouse.exists(Table.INGEST_SLICES)) {
      throw CostlakeErrors.nothingToReport(
          "there is no cost_line_items table under "
              + warehouse.root()
              + " (run costlake ingest first)");
    }
    Written written = health(context, onlyPeriod);
    if (warehouse.exists(Table.COST_ALLOCATED)) {
      Written usage = usage(context, onlyPeriod);
      for (Map.Entry<Table, Long> table : usage.versions().entrySet()) {
        written = written.with(table.getKey(), table.getValue());
      }
    } else {
      context.out().println("report: no cost_allocated table, so no usage rollups (run allocate)");
    }
    return written;
  }

  private static Written usage(JobContext context, Optional<BillingPeriod> onlyPeriod) {
    Warehouse warehouse = context.warehouse();
    BillingPeriods periods = BillingPeriods.of(warehouse.read(Table.COST_ALLOCATED), onlyPeriod);
    if (periods.isEmpty()) {
      context
          .out()
          .printf(
              "report: no allocated cost in billing period %s%n",
              onlyPeriod.map(String::valueOf).orElse(""));
      return Written.nothing();
    }
    // Read twice (by its own write and by the monthly rollup): computed once.
    Dataset<Row> daily =
        UsageRollup.daily(periods.rows, warehouse.read(Table.INVOICE_RECONCILIATION))
            .localCheckpoint();
    Optional<String> reporting = context.config().report().currency();
    if (reporting.isPresent()) {
      daily = ReportingCurrency.convert(context, daily, reporting.get()).localCheckpoint();
    }
    String description = "costlake report " + periods.periods;
    long dailyVersion =
        warehouse.writes().replace(Table.USAGE_DAILY, daily, periods.scope(), description);
    long monthlyVersion =
        warehouse
            .writes()
            .replace(Table.USAGE_MONTHLY, UsageRollup.monthly(daily), periods.scope(), description);
    // One aggregate of what was written: per currency and status, with the converted parts.
    List<Row> groups =
        warehouse
            .read(Table.USAGE_MONTHLY)
            .filter(periods.scope().column())
            .groupBy(col("BillingCurrency"), col("period_status"))
            .agg(
                sum(col("EffectiveCost")),
                sum(col("reporting_effective_cost")),
                count(lit(1)),
                count(col("reporting_effective_cost")))
            .orderBy(col("BillingCurrency"), col("period_status"))
            .collectAsList();
    String totals =
        groups.stream()
            .map(
                r ->
                    r.getString(0)
                        + " "
                        + ((BigDecimal) r.get(2)).setScale(2, RoundingMode.HALF_UP).toPlainString()
                        + " "
                        + r.getString(1))
            .collect(Collectors.joining(", "));
    if (reporting.isPresent()) {
      BigDecimal total =
          groups.stream()
              .filter(r -> !r.isNullAt(3))
              .map(r -> (BigDecimal) r.get(3))
              .reduce(BigDecimal.ZERO, BigDecimal::add);
      long unconverted = groups.stream().mapToLong(r -> r.getLong(4) - r.getLong(5)).sum();
      totals +=
          String.format(
              Locale.ROOT,
              "; in %s: %s%s",
              reporting.get(),
              total.setScale(2, RoundingMode.HALF_UP).toPlainString(),
              unconverted == 0
                  ? ""
                  : String.format(Locale.ROOT, " (%,d rows without a rate left out)", unconverted));
    }
    context
        .out()
        .printf(
            Locale.ROOT,
            "report: %s%n  usage_daily (version %d), usage_monthly (version %d): %s%n",
            periods.describe(),
            dailyVersion,
            monthlyVersion,
            totals);
    return Written.of(periods.periods)
        .with(Table.USAGE_DAILY, dailyVersion)
        .with(Table.USAGE_MONTHLY, monthlyVersion);
  }

  private static Written health(JobContext context, Optional<BillingPeriod> onlyPeriod) {
    Warehouse warehouse = context.warehouse();
    Dataset<Row> lines = warehouse.read(Table.COST_LINE_ITEMS);
    Dataset<Row> slices = warehouse.read(Table.INGEST_SLICES);
    // A slice whose every run failed has no lines but is the worst health there is.
    TreeSet<BillingPeriod> periods = new TreeSet<>(BillingPeriods.of(lines, onlyPeriod).periods);
    slices
        .select(col("billing_period"))
        .distinct()
        .collectAsList()
        .forEach(r -> periods.add(BillingPeriod.parse(r.getString(0))));
    onlyPeriod.ifPresent(p -> periods.retainAll(List.of(p)));
    if (periods.isEmpty()) {
      context
          .out()
          .printf(
              "report: nothing ingested in billing period %s%n",
              onlyPeriod.map(String::valueOf).orElse(""));
      return Written.nothing();
    }
    Column asked = BillingPeriods.scope(periods).column();
    Column askedSlices =
        BillingPeriods.scope(IngestSliceColumn.billing_period.name(), periods).column();
    PipelineHealth.Inputs inputs =
        new PipelineHealth.Inputs(
            lines.filter(asked),
            slices.filter(askedSlices),
            warehouse.read(Table.INGEST_RUNS),
            warehouse.read(Table.INGEST_QUARANTINE).filter(askedSlices),
            warehouse.read(Table.COST_ALLOCATED).filter(asked),
            warehouse.read(Table.INVOICE_RECONCILIATION).filter(asked));
    Dataset<Row> health =
        new PipelineHealth(context.config().tags().owner().unallocated())
            .compute(inputs)
            .localCheckpoint();
    long version =
        warehouse
            .writes()
            .replace(
                Table.PIPELINE_HEALTH,
                health,
                BillingPeriods.scope(periods),
                "costlake report (pipeline health) " + periods);
    List<Row> worst =
        health
            .filter(
                "delivery_success_pct < 100 OR quarantine_rate_pct > 0 OR duplicate_lines > 0"
                    + " OR schema_drift_files > 0 OR reconciliation_status RLIKE 'MISMATCH|MISSING'")
            .select("x_BillingPeriod", "x_Provider", "BillingAccountId")
            // The latest periods first: they are the ones still worth fixing.
            .orderBy(col("x_BillingPeriod").desc(), col("x_Provider"), col("BillingAccountId"))
            .collectAsList();
    context
        .out()
        .printf(
            Locale.ROOT,
            "report: pipeline_health (version %d): %d slices, %d with something to look at%s%n",
            version,
            health.count(),
            worst.size(),
            worst.stream()
                .limit(10)
                .map(r -> "\n  " + r.getString(0) + " " + r.getString(1) + " " + r.getString(2))
                .collect(Collectors.joining()));
    return Written.of(new ArrayList<>(periods)).with(Table.PIPELINE_HEALTH, version);
  }
}
