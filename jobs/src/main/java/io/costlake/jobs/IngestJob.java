package io.costlake.jobs;

import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.BillingPeriod;
import io.costlake.provider.Provider;
import io.costlake.provider.ProviderAdapter;
import io.costlake.tasks.Ingestion;
import io.costlake.tasks.Ingestion.IngestSummary;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code costlake ingest}: reads provider exports and replaces, slice by slice, what {@code
 * cost_line_items} holds for each (provider, billing account, billing period) they cover. Rejected
 * rows go to {@code ingest_quarantine}; every file read is audited in {@code ingest_runs} and every
 * slice in {@code ingest_slices}.
 *
 * <p>Cost: one read of the files (cached), then a small aggregation, the write, and the quarantine
 * write. No shuffle but the aggregation's.
 */
public final class IngestJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "ingest",
          "Ingest provider exports into cost_line_items, one atomic slice per (provider, account, period)",
          "Each --source is an export location: a CUR report prefix with its manifests (only the\n"
              + "current assembly of each period is read), a folder of export files, or one file.\n"
              + "Re-running with the same files changes nothing; a restated export replaces its slice\n"
              + "in one Delta commit, and the previous version stays readable by time travel.\n"
              + "Exit code 1 when a file or slice could not be ingested (the slice is left as it was).",
          List.of(
              OptionSpec.value("--provider", "NAME", "Export kind: aws, gcp, azure or focus")
                  .required(),
              OptionSpec.value("--source", "URI", "Export location (file, folder or report prefix)")
                  .repeatable()
                  .required(),
              OptionSpec.value(
                  "--period", "yyyy-MM", "Only this billing period (default: every period found)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    Provider provider = Provider.of(args.required("--provider"));
    ProviderAdapter adapter = provider.adapter(context.config());
    List<String> sources =
        args.values("--source").stream().map(JobContext::uri).collect(Collectors.toList());
    Optional<BillingPeriod> period = args.period("--period");
    IngestSummary summary = new Ingestion(adapter, sources, period).execute(context);
    try {
      summary.failIfIncomplete();
    } catch (RuntimeException e) {
      context.out().print(summary.summary()); // what went wrong where, before the one-line error
      throw e;
    }
    return summary;
  }
}
