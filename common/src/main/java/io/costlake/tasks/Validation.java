package io.costlake.tasks;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.costlake.conformance.ConformanceCheck;
import io.costlake.conformance.ConformanceRows;
import io.costlake.conformance.DataQuality;
import io.costlake.conformance.FocusRuleModel;
import io.costlake.errors.CostlakeErrors;
import io.costlake.ingest.RunIds;
import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The work of {@code costlake validate}, built from its options. */
public final class Validation implements Task<Written> {
  private final Optional<String> provider;
  private final Optional<BillingPeriod> period;
  private final boolean strict;

  public Validation(Optional<String> provider, Optional<BillingPeriod> period, boolean strict) {
    this.provider = provider;
    this.period = period;
    this.strict = strict;
  }

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public Written execute(JobContext context) {
    return Said.collect(context, this::run, Written::withSummary);
  }

  private Written run(JobContext context) {
    Instant start = context.clock().instant();
    String runId = RunIds.next(start);
    if (!context.warehouse().exists(Table.COST_LINE_ITEMS)) {
      throw CostlakeErrors.nothingToValidate(
          "there is no cost_line_items table under " + context.warehouse().root());
    }
    Dataset<Row> items = context.warehouse().read(Table.COST_LINE_ITEMS);
    if (provider.isPresent()) {
      items = items.filter(col(FocusColumn.x_Provider.name()).equalTo(lit(provider.get())));
    }
    if (period.isPresent()) {
      items = items.filter(BillingPeriods.scope(List.of(period.get())).column());
    }
    FocusRuleModel model = FocusRuleModel.focus12();
    List<ConformanceCheck.Result> results = new ConformanceCheck(model).evaluate(items);
    List<Row> rows =
        ConformanceRows.of(results, runId, Timestamp.from(start), model.focusVersion());
    long version =
        context
            .warehouse()
            .writes()
            .overwrite(
                Table.FOCUS_CONFORMANCE,
                context.spark().createDataFrame(rows, Table.FOCUS_CONFORMANCE.schema()),
                "costlake validate " + runId);
    print(context, runId, model, results, version);
    printDataQuality(context, DataQuality.byIssue(items).collectAsList());
    List<ConformanceCheck.Result> failed =
        results.stream()
            .filter(r -> r.status == ConformanceCheck.Status.FAIL && !r.rule.isComposite())
            .collect(Collectors.toList());
    if (strict && !failed.isEmpty()) {
      throw CostlakeErrors.notConformant(failed.size(), describe(failed.get(0)));
    }
    return Written.of(period.map(List::of).orElse(List.of()))
        .with(Table.FOCUS_CONFORMANCE, version);
  }

  private static void print(
      JobContext context,
      String runId,
      FocusRuleModel model,
      List<ConformanceCheck.Result> results,
      long version) {
    Map<ConformanceCheck.Status, Long> counts = new EnumMap<>(ConformanceCheck.Status.class);
    for (ConformanceCheck.Result result : results) {
      counts.merge(result.status, 1L, Long::sum);
    }
    context
        .out()
        .printf(
            Locale.ROOT,
            "validate: run %s, FOCUS %s rule model %s, %d rules (focus_conformance version %d)%n",
            runId,
            model.focusVersion(),
            model.modelVersion(),
            results.size(),
            version);
    context
        .out()
        .printf(
            Locale.ROOT,
            "  %d pass, %d fail, %d warn, %d info, %d skipped (no machine check in the model)%n",
            counts.getOrDefault(ConformanceCheck.Status.PASS, 0L),
            counts.getOrDefault(ConformanceCheck.Status.FAIL, 0L),
            counts.getOrDefault(ConformanceCheck.Status.WARN, 0L),
            counts.getOrDefault(ConformanceCheck.Status.INFO, 0L),
            counts.getOrDefault(ConformanceCheck.Status.SKIPPED, 0L));
    for (ConformanceCheck.Result result : results) {
      if (!result.rule.isComposite()
          && (result.status == ConformanceCheck.Status.FAIL
              || result.status == ConformanceCheck.Status.WARN)) {
        context.out().println("  " + result.status + "   " + describe(result));
      }
    }
  }

  /** The defects rows landed with instead of being quarantined (a few lines: grouped). */
  private static void printDataQuality(JobContext context, List<Row> issues) {
    if (issues.isEmpty()) {
      context.out().println("  data quality: no row landed with a defect (x_DataQuality)");
      return;
    }
    context.out().println("  data quality: rows that landed with a defect (x_DataQuality):");
    for (Row issue : issues) {
      context
          .out()
          .printf(
              Locale.ROOT,
              "    %-6s %-45s %,d rows%n",
              issue.getString(0),
              issue.getString(1),
              issue.getLong(2));
    }
  }

  private static String describe(ConformanceCheck.Result result) {
    StringBuilder line = new StringBuilder(result.rule.id());
    if (result.failingRows != null) {
      line.append(String.format(Locale.ROOT, " (%,d rows", result.failingRows));
      if (!result.failingByProvider.isEmpty()) {
        line.append(": ")
            .append(
                result.failingByProvider.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", ")));
      }
      line.append(")");
    }
    return line.toString();
  }
}
