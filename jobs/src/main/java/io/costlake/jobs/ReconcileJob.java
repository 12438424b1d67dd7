package io.costlake.jobs;

import io.costlake.errors.CostlakeErrors;
import io.costlake.jobs.cli.JobSpec;
import io.costlake.jobs.cli.OptionSpec;
import io.costlake.jobs.cli.ParsedArgs;
import io.costlake.reconcile.Reconciliation;
import io.costlake.tasks.InvoiceReconciliation;
import io.costlake.tasks.JobContext;
import io.costlake.tasks.Outcome;
import java.util.List;

/**
 * {@code costlake reconcile}: compares BilledCost in cost_line_items with the provider invoices of
 * {@code reconcile.invoicesFile} and writes {@code invoice_reconciliation} for the periods asked
 * (replaced in one commit). A period becomes final the first time it matches; later restatements
 * show as finalization drift, never as a silently changed figure.
 */
public final class ReconcileJob implements Job {
  private static final JobSpec SPEC =
      new JobSpec(
          "reconcile",
          "Reconcile computed cost with provider invoices -> invoice_reconciliation",
          "Matches BilledCost per (provider, billing account, period, invoice) with the invoices\n"
              + "in reconcile.invoicesFile (CSV or JSON; format in the README). Statuses: MATCHED,\n"
              + "WITHIN_TOLERANCE, MISMATCH, MISSING_INVOICE, MISSING_DATA. Example:\n"
              + "  costlake sql \"SELECT * FROM invoice_reconciliation WHERE status <> 'MATCHED'\"",
          List.of(
              OptionSpec.value(
                  "--period", "yyyy-MM", "Reconcile only this billing period (default: all)"),
              OptionSpec.flag("--strict", "Exit 1 when any invoice is MISMATCH or MISSING_DATA")),
          null,
          null);

  @Override
  public JobSpec spec() {
    return SPEC;
  }

  @Override
  public Outcome run(JobContext context, ParsedArgs args) {
    // As for chargeback: a schedule may run reconcile before any invoice is configured.
    if (context.config().reconcile().invoicesFiles().isEmpty() && !args.has("--strict")) {
      context
          .out()
          .println(
              "reconcile: skipped: no provider invoices are configured (reconcile.invoicesFile)");
      return null;
    }
    InvoiceReconciliation.Reconciled reconciled =
        new InvoiceReconciliation(args.period("--period")).execute(context);
    if (args.has("--strict")) {
      long bad =
          reconciled.results().stream()
              .filter(
                  r ->
                      r.status() == Reconciliation.Status.MISMATCH
                          || r.status() == Reconciliation.Status.MISSING_DATA)
              .count();
      if (bad > 0) {
        context.out().print(reconciled.summary()); // what is off, before the error that says so
        throw CostlakeErrors.notReconciled(bad);
      }
    }
    return reconciled;
  }
}
