package io.costlake.tasks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import io.costlake.anomalies.AnomalyDetection;
import io.costlake.anomalies.BudgetBurn;
import io.costlake.anomalies.BudgetFrames;
import io.costlake.config.AnomalyConfig;
import io.costlake.config.BudgetConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The work of {@code costlake anomalies}, built from its options. */
public final class AnomalyScoring implements Task<Written> {
  private static final Logger LOG = LoggerFactory.getLogger(AnomalyScoring.class);
  private final Optional<BillingPeriod> onlyPeriod;

  public AnomalyScoring(Optional<BillingPeriod> onlyPeriod) {
    this.onlyPeriod = onlyPeriod;
  }

  @Override
  public String name() {
    return "anomalies";
  }

  @Override
  public Written execute(JobContext context) {
    return Said.collect(context, this::run, Written::withSummary);
  }

  private Written run(JobContext context) {
    if (!context.warehouse().exists(Table.COST_LINE_ITEMS)) {
      throw CostlakeErrors.nothingToScore(
          "there is no cost_line_items table under "
              + context.warehouse().root()
              + " (run costlake ingest first)");
    }
    AnomalyConfig config = context.config().anomalies();
    Dataset<Row> lines = context.warehouse().read(Table.COST_LINE_ITEMS);
    Dataset<Row> allocated =
        context.warehouse().exists(Table.COST_ALLOCATED)
            ? context.warehouse().read(Table.COST_ALLOCATED)
            : null;
    BillingPeriods periods = BillingPeriods.of(lines, onlyPeriod);
    if (periods.isEmpty()) {
      context
          .out()
          .printf(
              "anomalies: no cost in billing period %s%n",
              onlyPeriod.map(String::valueOf).orElse(""));
      return Written.nothing();
    }
    if (onlyPeriod.isPresent()) {
      // The period and the history its first days are scored against; nothing older is read.
      Timestamp from =
          Timestamp.from(
              onlyPeriod
                  .get()
                  .start()
                  .minusDays(config.historyDays())
                  .atStartOfDay(ZoneOffset.UTC)
                  .toInstant());
      lines = lines.filter(FocusColumn.ChargePeriodStart.col().geq(lit(from)));
      allocated =
          allocated == null ? null : allocated.filter(col("ChargePeriodStart").geq(lit(from)));
    }
    long started = System.nanoTime();
    Dataset<Row> found =
        new AnomalyDetection(config)
            .detect(lines, allocated, periods.texts(), Timestamp.from(context.clock().instant()));
    long version =
        context
            .warehouse()
            .writes()
            .replace(
                Table.COST_ANOMALIES,
                found,
                periods.scope(),
                "costlake anomalies " + periods.periods);
    LOG.info("wrote cost_anomalies in {} ms", (System.nanoTime() - started) / 1_000_000);
    print(context, periods, version, allocated != null);
    Written written = Written.of(periods.periods).with(Table.COST_ANOMALIES, version);
    if (!context.config().budgets().isEmpty()) {
      started = System.nanoTime();
      written = written.with(Table.BUDGET_BURN, budgets(context, lines, allocated, periods));
      LOG.info("wrote budget_burn in {} ms", (System.nanoTime() - started) / 1_000_000);
    }
    return written;
  }

  /**
   * budget_burn for the periods (spend to date, run-rate forecast, alerts crossed), printed;
   * returns the version written.
   */
  private static long budgets(
      JobContext context, Dataset<Row> lines, Dataset<Row> allocated, BillingPeriods periods) {
    List<BudgetConfig> budgets = context.config().budgets();
    Dataset<Row> inPeriods = lines.filter(periods.scope().column());
    List<BudgetBurn.Status> statuses =
        BudgetBurn.burn(
            budgets,
            BudgetFrames.dailySpend(
                budgets, inPeriods, allocated, context.config().anomalies().cost()),
            BudgetFrames.lastDays(inPeriods));
    long version =
        context
            .warehouse()
            .writes()
            .replace(
                Table.BUDGET_BURN,
                context
                    .spark()
                    .createDataFrame(
                        BudgetFrames.rows(statuses, Timestamp.from(context.clock().instant())),
                        Table.BUDGET_BURN.schema()),
                periods.scope(),
                "costlake anomalies (budgets) " + periods.periods);
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "  budget_burn (version %d): %d budget periods, %d over or forecast over%n",
            version,
            statuses.size(),
            statuses.stream().filter(s -> !s.status.equals("on_track")).count()));
    statuses.stream()
        .filter(s -> !s.alerts.isEmpty())
        .forEach(
            s ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "    %s %s: %s%% spent, %s%% projected (alerts at %s%%): %s%n",
                        s.period,
                        s.budget.id(),
                        s.pctSpent.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString(),
                        s.pctForecast.setScale(1, java.math.RoundingMode.HALF_UP).toPlainString(),
                        String.join(", ", s.alerts),
                        s.status)));
    context.out().print(out);
    return version;
  }

  private static void print(
      JobContext context, BillingPeriods periods, long version, boolean owners) {
    Dataset<Row> written =
        context.warehouse().read(Table.COST_ANOMALIES).filter(periods.scope().column());
    String byLabel =
        written
            .groupBy(col("label"))
            .agg(count(lit(1)))
            .orderBy(col("label"))
            .collectAsList()
            .stream()
            .map(r -> r.getLong(1) + " " + r.getString(0))
            .collect(Collectors.joining(", "));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "anomalies: %s, series per service%s%n  cost_anomalies (version %d): %s%n",
            periods.describe(),
            owners ? " and per owner" : " (no cost_allocated: no owner series)",
            version,
            byLabel.isEmpty() ? "nothing unusual" : byLabel));
    for (Row r :
        written
            .filter(col("label").equalTo("anomaly"))
            .orderBy(col("impact").desc())
            .limit(5)
            .collectAsList()) {
      String series =
          "owner".equals(r.getAs("dimension"))
              ? "owner " + r.getAs("owner")
              : r.getAs("x_Provider")
                  + " "
                  + r.getAs("BillingAccountId")
                  + " "
                  + r.getAs("ServiceName");
      out.append(
          String.format(
              Locale.ROOT,
              "    %s %s: %s %s against %s expected, driver %s%n",
              r.getAs("day"),
              series,
              r.getAs("BillingCurrency"),
              ((java.math.BigDecimal) r.getAs("actual"))
                  .setScale(2, java.math.RoundingMode.HALF_UP)
                  .toPlainString(),
              ((java.math.BigDecimal) r.getAs("expected"))
                  .setScale(2, java.math.RoundingMode.HALF_UP)
                  .toPlainString(),
              r.getAs("driver")));
    }
    context.out().print(out);
  }
}
