package io.costlake.jobs;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.costlake.conformance.ConformanceCheck;
import io.costlake.conformance.ConformanceRows;
import io.costlake.conformance.FocusRuleModel;
import io.costlake.errors.CostlakeErrors;
import io.costlake.ingest.RunIds;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
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

/**
 * {@code costlake validate}: checks {@code cost_line_items} against the FOCUS 1.2 conformance rules
 * (the FinOps Foundation validator's rule model, loaded as data) and writes {@code
 * focus_conformance}: one row per rule with its status, failing row count and an example.
 */
public final class ValidateJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "validate",
          "Check cost_line_items against the FOCUS 1.2 conformance rules",
          "Writes focus_conformance (one row per rule: PASS, FAIL for a broken MUST, WARN for a\n"
              + "broken SHOULD, INFO for an unused MAY, SKIPPED where the model has no machine check)\n"
              + "and prints the rules that do not pass. Example:\n"
              + "  costlake sql \"SELECT rule_id, status, failing_rows, example FROM focus_conformance"
              + " WHERE status IN ('FAIL','WARN')\"",
          List.of(
              OptionSpec.value("--provider", "NAME", "Check only rows of this x_Provider"),
              OptionSpec.value("--period", "yyyy-MM", "Check only this billing period"),
              OptionSpec.flag("--strict", "Exit with status 1 when a MUST rule fails")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public void run(JobContext context, ParsedArgs args) {
    validate(context, args.value("--provider"), args.period("--period"), args.has("--strict"));
  }

  static void validate(
      JobContext context, Optional<String> provider, Optional<String> period, boolean strict) {
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
      items = items.filter(col(FocusColumn.x_BillingPeriod.name()).equalTo(lit(period.get())));
    }
    FocusRuleModel model = FocusRuleModel.focus12();
    List<ConformanceCheck.Result> results = new ConformanceCheck(model).evaluate(items);
    List<Row> rows =
        ConformanceRows.of(results, runId, Timestamp.from(start), model.focusVersion());
    long version =
        context
            .warehouse()
            .overwrite(
                Table.FOCUS_CONFORMANCE,
                context.spark().createDataFrame(rows, Table.FOCUS_CONFORMANCE.schema()),
                "costlake validate " + runId);
    print(context, runId, model, results, version);
    List<ConformanceCheck.Result> failed =
        results.stream()
            .filter(r -> r.status == ConformanceCheck.Status.FAIL && !r.rule.isComposite())
            .collect(Collectors.toList());
    if (strict && !failed.isEmpty()) {
      throw CostlakeErrors.notConformant(failed.size(), describe(failed.get(0)));
    }
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
