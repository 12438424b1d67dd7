package io.costlake.tasks;

import io.costlake.config.ReconcileConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import io.costlake.model.IngestSliceColumn;
import io.costlake.model.Table;
import io.costlake.reconcile.Invoice;
import io.costlake.reconcile.InvoiceFile;
import io.costlake.reconcile.Reconciler;
import io.costlake.reconcile.Reconciliation;
import io.costlake.reconcile.ReconciliationFrames;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The work of {@code costlake reconcile}, built from its options. */
public final class InvoiceReconciliation implements Task<InvoiceReconciliation.Reconciled> {
  private final Optional<BillingPeriod> onlyPeriod;

  public InvoiceReconciliation(Optional<BillingPeriod> onlyPeriod) {
    this.onlyPeriod = onlyPeriod;
  }

  @Override
  public String name() {
    return "reconcile";
  }

  /** Each (period, account) reconciled, with the table written and the summary. */
  public static final class Reconciled implements Outcome {
    private final List<Reconciliation> results;
    private final Written written;

    Reconciled(List<Reconciliation> results, Written written) {
      this.results = List.copyOf(results);
      this.written = written;
    }

    public List<Reconciliation> results() {
      return results;
    }

    public Written written() {
      return written;
    }

    @Override
    public String summary() {
      return written.summary();
    }

    Reconciled withSummary(String text) {
      return new Reconciled(results, written.withSummary(text));
    }
  }

  @Override
  public Reconciled execute(JobContext context) {
    return Said.collect(context, this::run, Reconciled::withSummary);
  }

  private Reconciled run(JobContext context) {
    ReconcileConfig config = context.config().reconcile();
    if (config.invoicesFiles().isEmpty()) {
      throw CostlakeErrors.nothingToReconcile(
          "no invoices: set reconcile.invoicesFile to a CSV or JSON file of provider invoices");
    }
    if (!context.warehouse().exists(Table.COST_LINE_ITEMS)) {
      throw CostlakeErrors.nothingToReconcile(
          "there is no cost_line_items table under " + context.warehouse().root());
    }
    List<Invoice> invoices =
        InvoiceFile.parseAll(
                config.invoicesFiles(), file -> String.join("\n", context.readLines(file)))
            .stream()
            .filter(i -> onlyPeriod.map(p -> p.equals(period(i))).orElse(true))
            .collect(Collectors.toList());
    BillingPeriods selected =
        BillingPeriods.of(context.warehouse().read(Table.COST_LINE_ITEMS), onlyPeriod)
            .including(
                invoices.stream().map(InvoiceReconciliation::period).collect(Collectors.toSet()));
    if (selected.isEmpty()) {
      throw CostlakeErrors.nothingToReconcile(
          "neither cost_line_items nor the invoices have billing period "
              + onlyPeriod.map(String::valueOf).orElse("any"));
    }
    // Small aggregates (accounts x periods x invoices x categories x ingest runs): collected.
    List<Row> totals = ReconciliationFrames.costTotals(selected.rows).collectAsList();
    Dataset<Row> previous =
        context.warehouse().read(Table.INVOICE_RECONCILIATION).filter(selected.scope().column());
    List<Row> slices =
        context
            .warehouse()
            .read(Table.INGEST_SLICES)
            .filter(
                BillingPeriods.scope(IngestSliceColumn.billing_period.name(), selected.periods)
                    .column()
                    .and(IngestSliceColumn.status.col().isin("WRITTEN", "UNCHANGED")))
            .collectAsList();
    Instant now = context.clock().instant();
    List<Reconciliation> results =
        new Reconciler(config.tolerancePct(), config.toleranceAmount())
            .reconcile(
                ReconciliationFrames.costTotals(totals),
                invoices,
                ReconciliationFrames.history(slices),
                ReconciliationFrames.finalized(previous.collectAsList()),
                now);
    Dataset<Row> rows =
        context
            .spark()
            .createDataFrame(
                ReconciliationFrames.rows(results, now), Table.INVOICE_RECONCILIATION.schema());
    long version =
        context
            .warehouse()
            .writes()
            .replace(
                Table.INVOICE_RECONCILIATION,
                rows,
                selected.scope(),
                "costlake reconcile " + selected.periods);
    print(context, selected, results, version, String.join(", ", config.invoicesFiles()));
    return new Reconciled(
        results, Written.of(selected.periods).with(Table.INVOICE_RECONCILIATION, version));
  }

  private static BillingPeriod period(Invoice invoice) {
    return BillingPeriod.parse(invoice.billingPeriod()); // checked yyyy-MM when the file was read
  }

  private static void print(
      JobContext context,
      BillingPeriods selected,
      List<Reconciliation> results,
      long version,
      String file) {
    Map<Reconciliation.Status, Long> counts = new EnumMap<>(Reconciliation.Status.class);
    results.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "reconcile: %s against %s%n  invoice_reconciliation: %d rows (version %d): %s%n",
            selected.describe(),
            file,
            results.size(),
            version,
            counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", "))));
    results.stream()
        .filter(r -> r.status() == Reconciliation.Status.MISMATCH)
        .sorted(Comparator.comparing((Reconciliation r) -> r.delta().abs()).reversed())
        .forEach(
            r ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "    MISMATCH %s %s invoice %s: computed %s, delta %s%n",
                        r.period(),
                        r.account(),
                        r.invoiceId(),
                        r.computed().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString(),
                        r.delta().setScale(2, java.math.RoundingMode.HALF_UP).toPlainString())));
    results.stream()
        .filter(
            r -> r.finalization() != null && r.computed().compareTo(r.finalization().billed()) != 0)
        .forEach(
            r ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "    FINALIZATION DRIFT %s %s invoice %s: %s since it was final on %s%n",
                        r.period(),
                        r.account(),
                        r.invoiceId(),
                        r.computed().subtract(r.finalization().billed()).toPlainString(),
                        r.finalization().at())));
    context.out().print(out);
  }
}
