package io.costlake.jobs;

import io.costlake.config.FocusIngestConfig;
import io.costlake.config.IngestConfig;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.provider.Provider;
import io.costlake.tasks.BillingPeriods;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code costlake samples}: the public sample exports bundled in the jar (made by others, from
 * 2018-2023), ingested as a user's exports would be, then every job over them. Kept apart from the
 * demo so that the demo's report shows one company's current months, not old fragments.
 */
public final class SamplesJob implements Job {
  private static final String SAMPLES = "/io/costlake/samples/";
  private static final JobSpec SPEC =
      new JobSpec(
          "samples",
          "Ingest the bundled public sample exports and run every job over them",
          "Writes the samples under demo.inputDir/samples (default demo-data/samples/) and ingests\n"
              + "them into the warehouse: AWS CUR files of koku, Azure exports of koku and the FOCUS\n"
              + "converters, a GCP export of koku and the FOCUS 1.2 specification's examples. Give it\n"
              + "a warehouse of its own (--warehouse samples-warehouse) to keep them out of the demo's.",
          List.of(),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    Path samples =
        Paths.get(context.config().demo().inputDir())
            .toAbsolutePath()
            .normalize()
            .resolve("samples");
    List<String> files = extract(samples);
    context.out().printf("samples: %d public sample files under %s%n", files.size(), samples);
    if (args.value("--warehouse").isEmpty()) {
      context
          .out()
          .printf(
              "samples: into the configured warehouse %s, beside whatever it holds; give"
                  + " --warehouse samples-warehouse to keep them apart%n",
              context.config().warehouse());
    }
    ingest(context, Provider.AWS, List.of(samples.resolve("aws")));
    ingest(context, Provider.GCP, List.of(samples.resolve("gcp")));
    // The third Azure sample bills in "MC", which is not a currency: the tests show it quarantined.
    ingest(
        context,
        Provider.AZURE,
        List.of(
            samples.resolve("azure/focusconv_sample-anonymous-ea-export-dataset.csv"),
            samples.resolve("azure/koku_costreport_legacy_v1.csv")));
    ingest(specExamples(context), Provider.FOCUS, List.of(samples.resolve("focus")));
    context
        .out()
        .println(
            "  (the FOCUS spec's own example CSVs have two rows whose ChargePeriodEnd is hour 30:"
                + " they are quarantined, see ingest_quarantine)");
    context.report(
        new Pipeline(Optional.empty(), BillingPeriods.every(context), false).execute(context));
    DemoJob.summarize(context);
    return null;
  }

  /** Ingests the sources as `costlake ingest` would, reports the run, fails if it is incomplete. */
  static void ingest(JobContext context, Provider provider, List<Path> sources) {
    List<String> uris = new ArrayList<>();
    sources.forEach(source -> uris.add(JobContext.uri(source.toString())));
    IngestSummary summary =
        new Ingestion(provider.adapter(context.config()), uris, Optional.empty()).execute(context);
    context.report(summary);
    summary.failIfIncomplete();
  }

  /**
   * The FOCUS specification's examples are fragments: they have no billing account, currency or
   * service, so they are named here, the two rows the spec got wrong are tolerated, and the rows
   * one scenario repeats from another are kept.
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

  /** Copies the bundled public samples out of the jar, so ingest reads them like any export. */
  static List<String> extract(Path target) {
    List<String> names = new ArrayList<>();
    try (InputStream index = SamplesJob.class.getResourceAsStream(SAMPLES + "index.txt")) {
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
        try (InputStream sample = SamplesJob.class.getResourceAsStream(SAMPLES + name)) {
          Files.copy(sample, file, StandardCopyOption.REPLACE_EXISTING);
        }
        names.add(name);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }
}
