package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.jobs.generate.AwsCurGenerator;
import io.costlake.provider.Provider;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code costlake generate}: a realistic synthetic export, deterministic for a seed. */
public final class GenerateJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "generate",
          "Write a realistic synthetic provider export (demos, tests, benchmarks)",
          "AWS: a daily CUR 1.0 in AWS's delivery layout (<out>/costlake-cur/<yyyymmdd-yyyymmdd>/\n"
              + "<report>-Manifest.json naming gzip CSV parts), with on-demand, RI and Savings Plan\n"
              + "usage and fees, EDP discount (net columns), tax, credits and refunds, several linked\n"
              + "accounts, tag variants and untagged resources. Same options, same bytes.",
          List.of(
              OptionSpec.value("--provider", "NAME", "Export kind: aws").required(),
              OptionSpec.value("--out", "DIR", "Folder to write the export into").required(),
              OptionSpec.value("--rows", "N", "About how many line items, over all months")
                  .withDefault("100000"),
              OptionSpec.value("--seed", "S", "Random seed").withDefault("1"),
              OptionSpec.value("--period", "yyyy-MM", "First billing period")
                  .withDefault("2025-09"),
              OptionSpec.value("--months", "M", "Billing periods to write").withDefault("1"),
              OptionSpec.value("--accounts", "K", "Linked accounts (1 to 8)").withDefault("5"),
              OptionSpec.value("--rows-per-file", "N", "Rows per gzip part").withDefault("250000"),
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
  public void run(JobContext context, ParsedArgs args) {
    Provider provider = Provider.of(args.required("--provider"));
    if (provider != Provider.AWS) {
      throw CostlakeErrors.unsupportedProvider(provider.id(), List.of("aws"));
    }
    Path out = Paths.get(args.required("--out"));
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
  }

  static AwsCurGenerator.Options options(ParsedArgs args) {
    String period = args.period("--period").orElse("2025-09");
    int accounts = args.positiveInt("--accounts");
    if (accounts > 8) {
      throw CostlakeErrors.invalidOptionValue(
          "generate", "--accounts", Integer.toString(accounts), "between 1 and 8");
    }
    return new AwsCurGenerator.Options(
        args.positiveInt("--rows"),
        args.longValue("--seed"),
        YearMonth.parse(period),
        args.positiveInt("--months"),
        accounts,
        args.positiveInt("--rows-per-file"),
        args.has("--older-assembly"));
  }

  static AwsCurGenerator.Result generate(Path out, AwsCurGenerator.Options options) {
    return new AwsCurGenerator(options).generate(out);
  }
}
