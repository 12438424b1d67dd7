package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import io.costlake.ingest.AuditedSlices;
import io.costlake.ingest.SliceKey;
import io.costlake.ingest.TableCheck;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.model.BillingPeriod;
import io.costlake.model.FocusColumn;
import io.costlake.model.IngestSliceColumn;
import io.costlake.model.QuarantineColumn;
import io.costlake.model.Table;
import io.costlake.spark.RowScope;
import io.costlake.spark.Warehouse;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import io.costlake.verify.Finding;
import io.costlake.verify.WarehouseCheck;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * {@code costlake verify}: checks that the tables agree with their audit (see {@link
 * WarehouseCheck}), one line per broken invariant, exit 1 when any is. {@code --repair} mends from
 * the tables' own history: a slice goes back to the version its last recorded write made, rows no
 * ingest recorded go, and a killed run's quarantine commit is undone.
 */
public final class VerifyJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "verify",
          "Check that every table agrees with the ingest audit; --repair mends what it can",
          "Checks, per slice of cost_line_items, that it holds the rows and billed cost its last\n"
              + "ingest_slices record gives, written by the run that record names, and that every\n"
              + "run with rows in a table recorded its files in ingest_runs. A run killed between\n"
              + "its commits, or a change made with sql --write, shows here. With --repair, a slice\n"
              + "is restored to the table version its last recorded write made (time travel; after\n"
              + "VACUUM removed it, ingest the slice again), rows no ingest recorded are removed,\n"
              + "and a killed run's quarantine rows are undone. Every repair is one Delta commit.",
          List.of(
              OptionSpec.flag("--repair", "Mend what the tables' history can"),
              OptionSpec.value(
                  "--period", "yyyy-MM", "Check only this period's slices (default: all)")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    Warehouse warehouse = context.warehouse();
    PrintStream out = context.out();
    Optional<BillingPeriod> period = args.period("--period");
    out.println("verify: warehouse " + warehouse.root() + period.map(p -> ", " + p).orElse(""));
    if (!warehouse.exists(Table.COST_LINE_ITEMS) && !warehouse.exists(Table.INGEST_SLICES)) {
      out.println("verify: nothing ingested yet, nothing to check");
      return null;
    }
    List<Finding> findings = check(warehouse, period, out);
    if (findings.isEmpty()) {
      return null;
    }
    if (!args.has("--repair")) {
      throw CostlakeErrors.warehouseBroken(findings.size(), true);
    }
    for (Finding finding : findings) {
      out.println("  repair   " + repair(warehouse, finding));
    }
    List<Finding> left = check(warehouse, period, out);
    if (!left.isEmpty()) {
      throw CostlakeErrors.warehouseBroken(left.size(), false);
    }
    return null;
  }

  /** Checks, prints a line per finding (or that all holds) and returns the findings. */
  private static List<Finding> check(
      Warehouse warehouse, Optional<BillingPeriod> period, PrintStream out) {
    Column lines = functions.lit(true);
    Column slices = functions.lit(true);
    Column quarantine = functions.lit(true);
    if (period.isPresent()) {
      lines = RowScope.equalTo(FocusColumn.x_BillingPeriod.name(), period.get()).column();
      slices = RowScope.equalTo(IngestSliceColumn.billing_period.name(), period.get()).column();
      quarantine = RowScope.equalTo(QuarantineColumn.billing_period.name(), period.get()).column();
    }
    List<Row> totals =
        TableCheck.totals(warehouse.read(Table.COST_LINE_ITEMS).filter(lines)).collectAsList();
    var audited =
        AuditedSlices.latest(
            AuditedSlices.records(warehouse.read(Table.INGEST_SLICES).filter(slices), null)
                .collectAsList());
    Set<String> runs =
        WarehouseCheck.recordedRuns(warehouse.read(Table.INGEST_RUNS)).collectAsList().stream()
            .map(r -> r.getString(0))
            .collect(Collectors.toSet());
    List<Row> quarantined =
        WarehouseCheck.quarantineRuns(warehouse.read(Table.INGEST_QUARANTINE).filter(quarantine))
            .collectAsList();
    List<Finding> findings = WarehouseCheck.findings(totals, audited, runs, quarantined);
    if (findings.isEmpty()) {
      out.printf(
          "verify: %d slices of cost_line_items agree with ingest_slices; %d runs recorded in"
              + " ingest_runs; ingest_quarantine holds rows of recorded runs only%n",
          totals.size(), runs.size());
    }
    for (Finding finding : findings) {
      out.println("  broken   " + finding.message());
    }
    return findings;
  }

  /** Mends one finding in one commit where the history allows; says what it did. */
  private static String repair(Warehouse warehouse, Finding finding) {
    if (finding.slice().isPresent()) {
      SliceKey slice = finding.slice().get();
      RowScope scope = SliceKey.scope(List.of(slice));
      Optional<Long> version = finding.restoreVersion();
      if (version.isEmpty()) {
        if (finding.kind() != Finding.Kind.UNRECORDED_ROWS) {
          return slice + ": no recorded write to restore from; ingest it again";
        }
        warehouse
            .writes()
            .replace(
                Table.COST_LINE_ITEMS,
                warehouse.read(Table.COST_LINE_ITEMS).filter(functions.lit(false)),
                scope,
                "costlake verify --repair: " + slice + " held rows no ingest recorded");
        return slice + ": removed the rows no ingest recorded (ingest it again to load them)";
      }
      try {
        warehouse
            .writes()
            .replace(
                Table.COST_LINE_ITEMS,
                warehouse.readAt(Table.COST_LINE_ITEMS, version.get()).filter(scope.column()),
                scope,
                "costlake verify --repair: " + slice + " as of version " + version.get());
        return slice + ": restored as cost_line_items version " + version.get() + " holds it";
      } catch (RuntimeException e) {
        return slice
            + ": version "
            + version.get()
            + " is no longer readable ("
            + firstLine(e)
            + "); ingest it again";
      }
    }
    String run = finding.runId().orElseThrow();
    if (finding.kind() == Finding.Kind.QUARANTINE_UNRECORDED) {
      return undoQuarantine(warehouse, run);
    }
    return "run " + run + ": its files are not recorded; ingest the periods it wrote again";
  }

  /**
   * A killed run's quarantine commit is undone by RESTORE when nothing was committed after it;
   * otherwise only its rows are removed (rows of the same files it replaced come back when they are
   * ingested again).
   */
  private static String undoQuarantine(Warehouse warehouse, String run) {
    Optional<Long> version =
        warehouse.tables().versionDescribed(Table.INGEST_QUARANTINE, "costlake ingest " + run);
    if (version.isPresent()
        && version.get() > 0
        && version.get() == warehouse.version(Table.INGEST_QUARANTINE)) {
      warehouse.tables().restore(Table.INGEST_QUARANTINE, version.get() - 1);
      return "ingest_quarantine: undid run "
          + run
          + "'s commit (restored version "
          + (version.get() - 1)
          + ")";
    }
    warehouse
        .writes()
        .overwrite(
            Table.INGEST_QUARANTINE,
            warehouse
                .read(Table.INGEST_QUARANTINE)
                .filter(QuarantineColumn.run_id.col().notEqual(functions.lit(run))),
            "costlake verify --repair: removed the rows of run " + run);
    return "ingest_quarantine: removed the rows of run "
        + run
        + " (later commits followed it; ingest its files again for their rows)";
  }

  private static String firstLine(RuntimeException e) {
    String message = String.valueOf(e.getMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
