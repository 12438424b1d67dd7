package io.costlake.jobs;

import io.costlake.config.DemoConfig;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.jobs.generate.AwsCurGenerator;
import io.costlake.jobs.generate.AzureCostGenerator;
import io.costlake.jobs.generate.GcpBillingGenerator;
import io.costlake.model.Table;
import io.costlake.provider.Provider;
import io.costlake.tasks.BillingPeriods;
import io.costlake.tasks.HtmlReport;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import io.costlake.tasks.Pipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code costlake demo}: every job that exists, on bundled data, into a local warehouse. The input
 * is generated (deterministic) exports of all three clouds, an AWS CUR with an older assembly left
 * beside the current one, a GCP billing export, Azure's actual and amortized exports. The public
 * sample exports bundled in the jar are {@code costlake samples}' (old fragments of other
 * companies' bills would cloud the demo's report).
 */
public final class DemoJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "demo",
          "Run every job on generated AWS, GCP and Azure exports into a local warehouse",
          "Writes its input under demo.inputDir (default demo-data/): generated AWS, GCP and Azure\n"
              + "exports of one company over demo.months months. Running it again changes nothing\n"
              + "(the slices are unchanged). The bundled public samples are `costlake samples`.",
          List.of(),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    Path input = Paths.get(context.config().demo().inputDir()).toAbsolutePath().normalize();
    Path generated = input.resolve("aws-cur");
    Path gcpExport = input.resolve("gcp-billing-export");
    Path azureExport = input.resolve("azure-cost-exports");
    recreate(generated);
    recreate(gcpExport);
    recreate(azureExport);
    DemoConfig demo = context.config().demo();
    YearMonth first = YearMonth.parse(demo.firstPeriod());
    AwsCurGenerator.Result result =
        new AwsCurGenerator(
                new AwsCurGenerator.Options(
                        demo.rows(), demo.seed(), first, demo.months(), 5, 250_000, true)
                    // A runaway fleet on the 20th of the last month, for the anomaly job to find.
                    .withSpike(first.plusMonths(demo.months() - 1L).atDay(20)))
            .generate(generated);
    context.out().printf("demo: generated %,d AWS line items under %s%n", result.rows(), generated);
    GcpBillingGenerator.Result gcpResult =
        new GcpBillingGenerator(
                new GcpBillingGenerator.Options(
                    (int) Math.max(1, demo.rows() / 2),
                    demo.seed(),
                    first,
                    demo.months(),
                    4,
                    GcpBillingGenerator.Format.JSONL))
            .generate(gcpExport, null);
    context
        .out()
        .printf("demo: generated %,d GCP billing records under %s%n", gcpResult.rows(), gcpExport);
    AzureCostGenerator.Result azureResult =
        new AzureCostGenerator(
                new AzureCostGenerator.Options(
                    (int) Math.max(1, demo.rows() / 4), demo.seed(), first, demo.months()))
            .generate(azureExport);
    context
        .out()
        .printf(
            "demo: generated Azure EA actual and amortized exports (%,d rows each) under %s%n",
            azureResult.rows(), azureExport);
    SamplesJob.ingest(context, Provider.AWS, List.of(generated));
    SamplesJob.ingest(context, Provider.GCP, List.of(gcpExport));
    SamplesJob.ingest(context, Provider.AZURE, List.of(azureExport));
    context.report(
        new Pipeline(Optional.empty(), BillingPeriods.every(context), false).execute(context));
    context.report(
        new HtmlReport(Optional.empty(), context.config().demo().reportDir()).execute(context));
    summarize(context);
    context
        .out()
        .println(
            "The public sample exports bundled with costlake, in a warehouse of their own:"
                + " costlake samples --warehouse samples-warehouse");
    return null;
  }

  static void summarize(JobContext context) {
    context
        .warehouse()
        .catalog()
        .withTables(List.of(Table.COST_LINE_ITEMS), () -> printTotals(context));
  }

  private static void printTotals(JobContext context) {
    Dataset<Row> totals =
        context
            .spark()
            .sql(
                "SELECT x_Provider AS provider, x_BillingPeriod AS period, BillingAccountId AS account,"
                    + " BillingCurrency AS currency, COUNT(*) AS line_items,"
                    + " CAST(SUM(BilledCost) AS DECIMAL(38,2)) AS billed,"
                    + " CAST(SUM(EffectiveCost) AS DECIMAL(38,2)) AS effective"
                    + " FROM "
                    + Table.COST_LINE_ITEMS.tableName()
                    + " GROUP BY ALL ORDER BY provider, period, account");
    context.out().println();
    context
        .out()
        .println("cost_line_items in " + context.warehouse().path(Table.COST_LINE_ITEMS) + ":");
    ResultPrinter.print(totals, "table", context.out());
    context.out().println();
    context
        .out()
        .println(
            "Next: costlake sql \"SELECT x_BillingPeriod, BillingAccountId, ChargeCategory,"
                + " SUM(BilledCost), SUM(EffectiveCost) FROM cost_line_items GROUP BY ALL ORDER BY ALL\"");
  }

  private static void recreate(Path folder) {
    try {
      if (Files.exists(folder)) {
        try (Stream<Path> walk = Files.walk(folder)) {
          walk.sorted(Comparator.reverseOrder()).forEach(DemoJob::delete);
        }
      }
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
