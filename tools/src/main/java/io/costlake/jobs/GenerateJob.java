package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.jobs.generate.AwsCurGenerator;
import io.costlake.jobs.generate.AzureCostGenerator;
import io.costlake.jobs.generate.GcpBillingGenerator;
import io.costlake.model.BillingPeriod;
import io.costlake.provider.Provider;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code costlake generate}: a realistic synthetic export, deterministic for a seed. */
public final class GenerateJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "generate",
          "Write a realistic synthetic provider export (demos, tests, benchmarks)",
          "aws: a daily CUR 1.0 in AWS's delivery layout (<out>/costlake-cur/<yyyymmdd-yyyymmdd>/\n"
              + "<report>-Manifest.json naming gzip CSV parts), with on-demand, RI and Savings Plan\n"
              + "usage and fees, EDP discount (net columns), tax, credits and refunds, several linked\n"
              + "accounts, tag variants and untagged resources.\n"
              + "gcp: the resource-level BigQuery billing export as extracted to storage\n"
              + "(<out>/<account>/invoice_month=yyyyMM/), gzip JSON lines, Avro or Parquet (--format):\n"
              + "hourly usage of several projects with labels and tags, sustained-use, committed-use,\n"
              + "free-tier and promotional credits, daily CUD fees, late usage, tax, an adjustment.\n"
              + "azure: the EA actual-cost and amortized-cost exports of one enrollment\n"
              + "(<out>/<enrollment>/{ActualCost,AmortizedCost}/<range>/<run>/part_0_0001.csv), with a\n"
              + "VM reservation (covered, unused, purchased) and a Marketplace purchase.\n"
              + "Same options, same bytes.",
          List.of(
              OptionSpec.value("--provider", "NAME", "Export kind: aws, gcp or azure").required(),
              OptionSpec.value("--out", "DIR", "Folder to write the export into").required(),
              OptionSpec.value("--rows", "N", "About how many line items, over all months")
                  .withDefault("100000"),
              OptionSpec.value("--seed", "S", "Random seed").withDefault("1"),
              OptionSpec.value("--period", "yyyy-MM", "First billing period")
                  .withDefault("2025-09"),
              OptionSpec.value("--months", "M", "Billing periods to write").withDefault("1"),
              OptionSpec.value("--accounts", "K", "Linked accounts (1 to 8)").withDefault("5"),
              OptionSpec.value("--rows-per-file", "N", "Rows per gzip part (aws)")
                  .withDefault("250000"),
              OptionSpec.value("--format", "F", "gcp: jsonl, avro or parquet").withDefault("jsonl"),
              OptionSpec.value("--projects", "P", "gcp: projects (1 to 8)").withDefault("4"),
              OptionSpec.value(
                  "--spike",
                  "yyyy-MM-dd",
                  "aws: plant a runaway EC2 fleet on this day (for costlake anomalies to find)"),
              OptionSpec.flag(
                  "--older-assembly",
                  "Also leave an older, partial assembly of each period (it must never be read)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    Provider provider = Provider.of(args.required("--provider"));
    Path out = Paths.get(args.required("--out"));
    if (provider == Provider.GCP) {
      generateGcp(context, args, out);
      return null;
    }
    if (provider == Provider.AZURE) {
      generateAzure(context, args, out);
      return null;
    }
    if (provider != Provider.AWS) {
      throw CostlakeErrors.unsupportedProvider(provider.id(), List.of("aws", "gcp", "azure"));
    }
    AwsCurGenerator.Result result = generate(out, options(args));
    context
        .out()
        .printf(
            Locale.ROOT,
            "generate aws: %,d line items for payer %s%n",
            result.rows(),
            result.payer());
    for (Map.Entry<String, Long> entry : result.rowsByType().entrySet()) {
      context.out().printf(Locale.ROOT, "  %-24s %,d%n", entry.getKey(), entry.getValue());
    }
    for (Path manifest : result.manifests()) {
      context.out().println("  manifest " + manifest);
    }
    return null;
  }

  private static void generateGcp(JobContext context, ParsedArgs args, Path out) {
    String format = args.value("--format").orElse("jsonl").toUpperCase(Locale.ROOT);
    GcpBillingGenerator.Format kind;
    try {
      kind = GcpBillingGenerator.Format.valueOf(format);
    } catch (IllegalArgumentException e) {
      throw CostlakeErrors.invalidOptionValue(
          "generate", "--format", format.toLowerCase(Locale.ROOT), "jsonl, avro or parquet");
    }
    GcpBillingGenerator.Options options =
        new GcpBillingGenerator.Options(
            args.positiveInt("--rows"),
            args.longValue("--seed"),
            args.period("--period").map(BillingPeriod::month).orElse(YearMonth.of(2025, 9)),
            args.positiveInt("--months"),
            args.positiveInt("--projects"),
            kind);
    GcpBillingGenerator.Result result =
        new GcpBillingGenerator(options)
            .generate(out, kind == GcpBillingGenerator.Format.PARQUET ? context.spark() : null);
    context
        .out()
        .printf(
            Locale.ROOT,
            "generate gcp: %,d records for billing account %s%n",
            result.rows(),
            result.billingAccount());
    printCounts(context, result.rowsByKind(), result.files());
  }

  private static void generateAzure(JobContext context, ParsedArgs args, Path out) {
    AzureCostGenerator.Result result =
        new AzureCostGenerator(
                new AzureCostGenerator.Options(
                    args.positiveInt("--rows"),
                    args.longValue("--seed"),
                    args.period("--period").map(BillingPeriod::month).orElse(YearMonth.of(2025, 9)),
                    args.positiveInt("--months")))
            .generate(out);
    context
        .out()
        .printf(
            Locale.ROOT,
            "generate azure: %,d rows for enrollment %s%n",
            result.rows(),
            result.enrollment());
    printCounts(context, result.rowsByKind(), result.files());
  }

  private static void printCounts(JobContext context, Map<String, Long> counts, List<Path> files) {
    for (Map.Entry<String, Long> entry : counts.entrySet()) {
      context.out().printf(Locale.ROOT, "  %-40s %,d%n", entry.getKey(), entry.getValue());
    }
    for (Path file : files) {
      context.out().println("  file " + file);
    }
  }

  static AwsCurGenerator.Options options(ParsedArgs args) {
    String period = args.period("--period").map(String::valueOf).orElse("2025-09");
    int accounts = args.positiveInt("--accounts");
    if (accounts > 8) {
      throw CostlakeErrors.invalidOptionValue(
          "generate", "--accounts", Integer.toString(accounts), "between 1 and 8");
    }
    AwsCurGenerator.Options options =
        new AwsCurGenerator.Options(
            args.positiveInt("--rows"),
            args.longValue("--seed"),
            YearMonth.parse(period),
            args.positiveInt("--months"),
            accounts,
            args.positiveInt("--rows-per-file"),
            args.has("--older-assembly"));
    Optional<String> spike = args.value("--spike");
    if (spike.isPresent()) {
      try {
        return options.withSpike(LocalDate.parse(spike.get()));
      } catch (java.time.format.DateTimeParseException e) {
        throw CostlakeErrors.invalidOptionValue("generate", "--spike", spike.get(), "yyyy-MM-dd");
      }
    }
    return options;
  }

  static AwsCurGenerator.Result generate(Path out, AwsCurGenerator.Options options) {
    return new AwsCurGenerator(options).generate(out);
  }
}
