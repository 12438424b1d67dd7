package io.costlake.jobs;

import io.costlake.config.ShareConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.ingest.RunIds;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.Table;
import io.costlake.share.Redaction;
import io.costlake.spark.RowScope;
import io.costlake.spark.Warehouse;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code costlake share --to URI}: copies the tables wider audiences may read (share.tables) into a
 * warehouse of their own, with identifying columns hashed or dropped and the values of sensitive
 * tag keys hashed ({@link Redaction}). Grant the audience that location, not the warehouse.
 *
 * <p>Cost: one narrow projection and one Delta write per table (one commit each); no shuffle.
 */
public final class ShareJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "share",
          "Copy the tables wider audiences may read, identifying columns hashed or dropped",
          "Copies share.tables into --to, each in one commit, hashing the columns share.columns\n"
              + "marks hash (ResourceId, ResourceName by default), dropping those it marks drop\n"
              + "(x_RawTags), and hashing the values of tag keys marked sensitive: true in the tag\n"
              + "policy. The hash is keyed, so a name cannot be confirmed by hashing a guess: the key\n"
              + "comes from the COSTLAKE_SHARE_KEY environment variable or the file share.keyFile.\n"
              + "Equal values keep equal hashes, so the copy still groups and joins; money is copied\n"
              + "as it is.",
          List.of(
              OptionSpec.value("--to", "URI", "Warehouse of the shared copy").required(),
              OptionSpec.value(
                  "--period", "yyyy-MM", "Only this billing period (default: every period)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    Warehouse warehouse = context.warehouse();
    String to = JobContext.uri(args.required("--to"));
    if (to.replaceAll("/+$", "").equals(warehouse.root().replaceAll("/+$", ""))) {
      throw CostlakeErrors.invalidArgument(
          "--to " + to, "the shared copy must live apart from the warehouse it hides columns of");
    }
    Optional<BillingPeriod> period = args.period("--period");
    ShareConfig share = context.config().share();
    Redaction redaction =
        new Redaction(share.columns(), context.config().tags().sensitiveKeys(), key(context));
    String runId = RunIds.next(context.clock().instant());
    context.out().printf(Locale.ROOT, "share: run %s into %s%n", runId, to);
    for (String name : share.tables()) {
      Table table =
          Table.byName(name)
              .orElseThrow(
                  () ->
                      CostlakeErrors.invalidArgument(
                          "share.tables entry '" + name + "'", "costlake has no such table"));
      if (!warehouse.exists(table)) {
        context.out().printf(Locale.ROOT, "  %-18s not in the warehouse, skipped%n", name);
        continue;
      }
      boolean byPeriod = period.isPresent() && table.partitionColumns().contains("x_BillingPeriod");
      Dataset<Row> rows = warehouse.read(table);
      RowScope inPeriod =
          RowScope.equalTo(
              FocusColumn.x_BillingPeriod.name(), period.map(String::valueOf).orElse(""));
      if (byPeriod) {
        rows = rows.filter(inPeriod.column());
      }
      Dataset<Row> shared = redaction.apply(rows);
      String target = to + "/" + name;
      DataFrameWriter<Row> writer =
          shared
              .write()
              .format("delta")
              .mode("overwrite")
              .partitionBy(table.partitionColumns().toArray(new String[0]))
              .option("userMetadata", "costlake share " + runId);
      if (byPeriod && io.delta.tables.DeltaTable.isDeltaTable(context.spark(), target)) {
        writer = writer.option("replaceWhere", inPeriod.sql());
      } else {
        writer = writer.option("overwriteSchema", "true");
      }
      try {
        writer.save(target);
      } catch (RuntimeException e) {
        throw CostlakeErrors.cannotWrite(target, String.valueOf(e.getMessage()).split("\n")[0]);
      }
      List<String> changes = redaction.describe(rows);
      context
          .out()
          .printf(
              Locale.ROOT,
              "  %-18s %s%n",
              name,
              changes.isEmpty() ? "copied, nothing to hide" : String.join("; ", changes));
    }
    return null;
  }

  /**
   * The hash key: from the environment, else from share.keyFile. Never from config itself, never
   * printed.
   */
  private static String key(JobContext context) {
    String fromEnvironment = System.getenv(ShareConfig.KEY_ENVIRONMENT);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment.strip();
    }
    String keyFile = context.config().share().keyFile();
    if (keyFile != null) {
      String key = String.join("\n", context.readLines(keyFile)).strip();
      if (!key.isEmpty()) {
        return key;
      }
    }
    throw CostlakeErrors.invalidArgument(
        "share key",
        "set "
            + ShareConfig.KEY_ENVIRONMENT
            + " or share.keyFile (a file holding the key): without a key, hashed names could be"
            + " recovered by hashing guesses");
  }
}
