package io.costlake.jobs;

import io.costlake.config.DemoConfig;
import io.costlake.config.FocusIngestConfig;
import io.costlake.config.IngestConfig;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.jobs.generate.AwsCurGenerator;
import io.costlake.jobs.generate.AzureCostGenerator;
import io.costlake.jobs.generate.GcpBillingGenerator;
import io.costlake.model.Table;
import io.costlake.provider.Provider;
import io.costlake.tasks.BillingPeriods;
import io.costlake.tasks.HtmlReport;
import io.costlake.tasks.Ingestion;
import io.costlake.tasks.Ingestion.IngestSummary;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import io.costlake.tasks.Pipeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code costlake demo}: every job that exists, on bundled data, into a local warehouse. The input
 * is generated (deterministic) exports of all three clouds, an AWS CUR with an older assembly left
 * beside the current one, a GCP billing export, Azure's actual and amortized exports, plus the
 * public sample exports bundled in the jar.
 */
public final class DemoJob implements Job {
  private static final String SAMPLES = "/io/costlake/samples/";
  private static final JobSpec SPEC =
      new JobSpec(
          "demo",
          "Run every job on the bundled samples into a local warehouse and summarize it",
          "Writes its input under demo.inputDir (default demo-data/): generated AWS, GCP and Azure\n"
              + "exports and the public sample exports. Running it again changes nothing (the slices\n"
              + "are unchanged).",
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
    Path samples = input.resolve("samples");
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
    List<String> sampleFiles = extractSamples(samples);
    context
        .out()
        .printf("demo: bundled %d public sample files under %s%n", sampleFiles.size(), samples);

    IngestSummary aws =
        new Ingestion(
                Provider.AWS.adapter(context.config()),
                List.of(
                    JobContext.uri(generated.toString()),
                    JobContext.uri(samples.resolve("aws").toString())),
                Optional.empty())
            .execute(context);
    context.report(aws);
    aws.failIfIncomplete();

    IngestSummary gcp =
        new Ingestion(
                Provider.GCP.adapter(context.config()),
                List.of(
                    JobContext.uri(gcpExport.toString()),
                    JobContext.uri(samples.resolve("gcp").toString())),
                Optional.empty())
            .execute(context);
    context.report(gcp);
    gcp.failIfIncomplete();

    // The third Azure sample bills in "MC", which is not a currency: the tests show it quarantined.
    IngestSummary azure =
        new Ingestion(
                Provider.AZURE.adapter(context.config()),
                List.of(
                    JobContext.uri(azureExport.toString()),
                    JobContext.uri(
                        samples
                            .resolve("azure/focusconv_sample-anonymous-ea-export-dataset.csv")
                            .toString()),
                    JobContext.uri(
                        samples.resolve("azure/koku_costreport_legacy_v1.csv").toString())),
                Optional.empty())
            .execute(context);
    context.report(azure);
    azure.failIfIncomplete();

    IngestSummary focus =
        new Ingestion(
                Provider.FOCUS.adapter(specExamples(context).config()),
                List.of(JobContext.uri(samples.resolve("focus").toString())),
                Optional.empty())
            .execute(specExamples(context));
    context.report(focus);
    context
        .out()
        .println(
            "  (the FOCUS spec's own example CSVs have two rows whose ChargePeriodEnd is hour 30:"
                + " they are quarantined, see ingest_quarantine)");
    focus.failIfIncomplete();
    context.report(
        new Pipeline(Optional.empty(), BillingPeriods.every(context), false).execute(context));
    context.report(
        new HtmlReport(Optional.empty(), context.config().demo().reportDir()).execute(context));
    summarize(context);
    return null;
  }

  /**
   * The FOCUS specification's examples are fragments: they have no billing account, currency or
   * service, so the demo names them, tolerates the two rows the spec got wrong, and keeps the rows
   * one scenario repeats from another.
   */
  private static JobContext specExamples(JobContext context) {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("BillingAccountId", "focus-spec-examples");
    defaults.put("BillingAccountName", "FOCUS 1.2 specification examples");
    defaults.put("BillingCurrency", "USD");
    defaults.put("ProviderName", "FOCUS specification");
    defaults.put("InvoiceIssuerName", "FOCUS specification");
    defaults.put("ServiceName", "Virtual Machines (example)");
    defaults.put("ServiceCategory", "Compute");
    IngestConfig ingest =
        new IngestConfig(
            new BigDecimal("0.5"),
            context.config().ingest().skipUnchangedSlices(),
            new FocusIngestConfig(defaults),
            context.config().ingest().maxDaysOutsidePeriod(),
            // The examples are separate scenarios loaded as one account: scenario 4 repeats rows
            // of scenario 1 that are distinct charges, not a re-delivery.
            "keep",
            context.config().ingest().accountsFile());
    return context.withConfig(context.config().withIngest(ingest));
  }

  private static void summarize(JobContext context) {
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

  /** Copies the bundled public samples out of the jar, so ingest reads them like any export. */
  static List<String> extractSamples(Path target) {
    List<String> names = new ArrayList<>();
    try (InputStream index = DemoJob.class.getResourceAsStream(SAMPLES + "index.txt")) {
      if (index == null) {
        throw new IllegalStateException("the jar lacks its bundled samples");
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(index, StandardCharsets.UTF_8));
      String name;
      while ((name = reader.readLine()) != null) {
        if (name.isBlank()) {
          continue;
        }
        Path file = target.resolve(name);
        Files.createDirectories(file.getParent());
        try (InputStream sample = DemoJob.class.getResourceAsStream(SAMPLES + name)) {
          Files.copy(sample, file, StandardCopyOption.REPLACE_EXISTING);
        }
        names.add(name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
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
