package io.costlake.tasks;

import io.costlake.chargeback.ChargebackCalculator;
import io.costlake.chargeback.ChargebackFrames;
import io.costlake.chargeback.ChargebackInvoice;
import io.costlake.chargeback.FxRates;
import io.costlake.config.ChargebackConfig;
import io.costlake.errors.CostlakeErrors;
import io.costlake.model.BillingPeriod;
import io.costlake.model.Table;
import io.costlake.spark.RowScope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** The work of {@code costlake chargeback}, built from its options. */
public final class ChargebackRun implements Task<Written> {
  private final Optional<BillingPeriod> onlyPeriod;
  private final Optional<String> export;

  public ChargebackRun(Optional<BillingPeriod> onlyPeriod, Optional<String> export) {
    this.onlyPeriod = onlyPeriod;
    this.export = export;
  }

  @Override
  public String name() {
    return "chargeback";
  }

  @Override
  public Written execute(JobContext context) {
    return Said.collect(context, this::run, Written::withSummary);
  }

  private Written run(JobContext context) {
    ChargebackConfig config = ChargebackInputs.config(context);
    if (config.profiles().isEmpty()) {
      throw CostlakeErrors.nothingToCharge(
          "no billing profiles: set chargeback.profiles or chargeback.profilesTable");
    }
    if (!context.warehouse().exists(Table.COST_ALLOCATED)) {
      throw CostlakeErrors.nothingToCharge(
          "there is no cost_allocated table under "
              + context.warehouse().root()
              + " (run costlake allocate first)");
    }
    FxRates fx = ChargebackInputs.fxRates(context, config);
    List<Row> earlier = context.warehouse().read(Table.CHARGEBACK_INVOICES).collectAsList();
    List<String> invoiced =
        earlier.stream()
            .map(r -> r.<String>getAs("x_BillingPeriod"))
            .distinct()
            .collect(Collectors.toList());
    BillingPeriods all =
        BillingPeriods.of(context.warehouse().read(Table.COST_ALLOCATED), onlyPeriod);
    // A closed period that was invoiced stays as invoiced, whatever the profiles say now.
    List<BillingPeriod> closed =
        all.periods.stream()
            .filter(
                p ->
                    config.closedThrough() != null
                        && p.toString().compareTo(config.closedThrough()) <= 0)
            .filter(p -> invoiced.contains(p.toString()))
            .collect(Collectors.toList());
    List<BillingPeriod> open =
        all.periods.stream().filter(p -> !closed.contains(p)).collect(Collectors.toList());
    if (open.isEmpty()) {
      context
          .out()
          .printf(
              "chargeback: nothing to price; %s closed and kept as invoiced%n",
              closed.isEmpty()
                  ? "no period"
                  : closed.stream().map(String::valueOf).collect(Collectors.joining(", ")));
      return Written.nothing();
    }
    Dataset<Row> rows = all.rows.filter(BillingPeriods.scope(open).column());
    String first = open.get(0).toString();
    Map<String, BigDecimal> opening =
        ChargebackFrames.creditBalances(
            earlier.stream()
                .filter(r -> r.<String>getAs("x_BillingPeriod").compareTo(first) < 0)
                .collect(Collectors.toList()));
    ChargebackCalculator.Result result =
        new ChargebackCalculator(config.profiles(), fx)
            .price(
                ChargebackFrames.ownerCosts(ChargebackFrames.ownerCosts(rows).collectAsList()),
                opening);
    Instant now = context.clock().instant();
    RowScope scope = BillingPeriods.scope(open);
    String description = "costlake chargeback " + open;
    long linesVersion =
        context
            .warehouse()
            .writes()
            .replace(
                Table.CHARGEBACK_LINES,
                context
                    .spark()
                    .createDataFrame(
                        ChargebackFrames.lineRows(result.lines()), Table.CHARGEBACK_LINES.schema()),
                scope,
                description);
    long invoicesVersion =
        context
            .warehouse()
            .writes()
            .replace(
                Table.CHARGEBACK_INVOICES,
                context
                    .spark()
                    .createDataFrame(
                        ChargebackFrames.invoiceRows(result.invoices(), now),
                        Table.CHARGEBACK_INVOICES.schema()),
                scope,
                description);
    export.ifPresent(dir -> InvoiceExport.write(context, dir, open));
    print(context, open, closed, result, linesVersion, invoicesVersion, earlier, onlyPeriod);
    return Written.of(open)
        .with(Table.CHARGEBACK_LINES, linesVersion)
        .with(Table.CHARGEBACK_INVOICES, invoicesVersion);
  }

  private static void print(
      JobContext context,
      List<BillingPeriod> open,
      List<BillingPeriod> closed,
      ChargebackCalculator.Result result,
      long linesVersion,
      long invoicesVersion,
      List<Row> earlier,
      Optional<BillingPeriod> onlyPeriod) {
    Map<String, BigDecimal> totals = new TreeMap<>();
    for (ChargebackInvoice invoice : result.invoices()) {
      totals.merge(invoice.currency(), invoice.total(), BigDecimal::add);
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "chargeback: %d open billing period(s) (%s to %s)%s%n",
            open.size(),
            open.get(0),
            open.get(open.size() - 1),
            closed.isEmpty()
                ? ""
                : "; closed and kept as invoiced: "
                    + closed.stream().map(String::valueOf).collect(Collectors.joining(", "))));
    out.append(
        String.format(
            Locale.ROOT,
            "  chargeback_invoices: %d invoices (version %d): %s%n  chargeback_lines: %d lines"
                + " (version %d)%n",
            result.invoices().size(),
            invoicesVersion,
            totals.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().toPlainString())
                .collect(Collectors.joining(", ")),
            result.lines().size(),
            linesVersion));
    if (!result.unpriced().isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  not priced (%d): %s%n",
              result.unpriced().size(),
              result.unpriced().stream().limit(5).collect(Collectors.joining("; "))
                  + (result.unpriced().size() > 5 ? "; ..." : "")));
    }
    if (onlyPeriod.isPresent()
        && earlier.stream()
            .anyMatch(
                r ->
                    r.<String>getAs("x_BillingPeriod").compareTo(onlyPeriod.get().toString())
                        > 0)) {
      out.append(
          "  later periods were priced with the credit balances this run may have changed;"
              + " run chargeback without --period to carry them forward\n");
    }
    context.out().print(out);
  }
}
