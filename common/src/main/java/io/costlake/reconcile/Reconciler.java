package io.costlake.reconcile;

import io.costlake.reconcile.Reconciliation.Finalization;
import io.costlake.reconcile.Reconciliation.Status;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Matches computed BilledCost with provider invoices per (provider, billing account, period,
 * currency). Where the cost lines carry FOCUS InvoiceId values that name the invoices, each invoice
 * is matched with its own lines; otherwise all lines of the account and period are matched with all
 * its invoices. Works on small aggregates ({@link CostTotal}), not on lines.
 */
public final class Reconciler {
  static final BigDecimal HALF_CENT = new BigDecimal("0.005");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private final BigDecimal tolerancePct;
  private final BigDecimal toleranceAmount;
  private Map<Invoice.Key, List<SliceCost>> history = Map.of();

  /**
   * @param tolerancePct a delta within this percentage of the invoice total is WITHIN_TOLERANCE
   * @param toleranceAmount ... and so is one within this amount (in the invoice's currency)
   */
  public Reconciler(BigDecimal tolerancePct, BigDecimal toleranceAmount) {
    this.tolerancePct = tolerancePct;
    this.toleranceAmount = toleranceAmount;
  }

  /**
   * @param history each slice's BilledCost per ingest run, for late_cost (may be empty)
   * @param finalized what earlier runs finalized, by {@link #finalizationKey}
   * @param now when this run reconciles (a period that matches now becomes final at this time)
   */
  public List<Reconciliation> reconcile(
      List<CostTotal> costs,
      List<Invoice> invoices,
      List<SliceCost> history,
      Map<String, Finalization> finalized,
      Instant now) {
    this.history = new HashMap<>();
    history.forEach(h -> this.history.computeIfAbsent(h.key, k -> new ArrayList<>()).add(h));
    Map<String, List<CostTotal>> costsByUnit = new TreeMap<>();
    costs.forEach(
        c -> costsByUnit.computeIfAbsent(unit(c.key, c.currency), k -> new ArrayList<>()).add(c));
    Map<String, List<Invoice>> invoicesByUnit = new TreeMap<>();
    invoices.forEach(
        i ->
            invoicesByUnit
                .computeIfAbsent(unit(i.key(), i.currency), k -> new ArrayList<>())
                .add(i));
    Set<String> units = new TreeSet<>(costsByUnit.keySet());
    units.addAll(invoicesByUnit.keySet());
    List<Reconciliation> out = new ArrayList<>();
    for (String unit : units) {
      List<CostTotal> lines = costsByUnit.getOrDefault(unit, List.of());
      List<Invoice> bills = new ArrayList<>(invoicesByUnit.getOrDefault(unit, List.of()));
      bills.sort(Comparator.comparing(i -> i.id));
      Set<String> dataIds =
          lines.stream().map(c -> c.invoiceId).filter(Objects::nonNull).collect(Collectors.toSet());
      boolean byInvoiceId = bills.stream().anyMatch(i -> dataIds.contains(i.id));
      if (byInvoiceId) {
        Set<String> billIds = bills.stream().map(i -> i.id).collect(Collectors.toSet());
        for (Invoice bill : bills) {
          out.add(
              compare(
                  bill.id,
                  lines.stream()
                      .filter(c -> bill.id.equals(c.invoiceId))
                      .collect(Collectors.toList()),
                  List.of(bill),
                  finalized,
                  now,
                  unitKey(lines, bills),
                  currency(lines, bills)));
        }
        Map<String, List<CostTotal>> unbilled =
            new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (CostTotal c : lines) {
          if (c.invoiceId == null || !billIds.contains(c.invoiceId)) {
            unbilled.computeIfAbsent(c.invoiceId, k -> new ArrayList<>()).add(c);
          }
        }
        unbilled.forEach(
            (id, rest) ->
                out.add(
                    compare(
                        id,
                        rest,
                        List.of(),
                        finalized,
                        now,
                        unitKey(lines, bills),
                        currency(lines, bills))));
      } else {
        String id =
            bills.isEmpty()
                ? (dataIds.size() == 1 ? dataIds.iterator().next() : null)
                : bills.stream().map(i -> i.id).collect(Collectors.joining("+"));
        out.add(
            compare(
                id, lines, bills, finalized, now, unitKey(lines, bills), currency(lines, bills)));
      }
    }
    return out;
  }

  private Reconciliation compare(
      String invoiceId,
      List<CostTotal> lines,
      List<Invoice> bills,
      Map<String, Finalization> finalized,
      Instant now,
      Invoice.Key key,
      String currency) {
    Map<String, BigDecimal> byCategory = new TreeMap<>();
    BigDecimal computed = BigDecimal.ZERO;
    for (CostTotal c : lines) {
      byCategory.merge(c.category, c.billed, BigDecimal::add);
      computed = computed.add(c.billed);
    }
    BigDecimal total = null;
    BigDecimal beforeTax = null;
    BigDecimal tax = null;
    Instant issued = null;
    for (Invoice bill : bills) {
      total = add(total, bill.total);
      beforeTax = add(beforeTax, bill.amountBeforeTax);
      tax = add(tax, bill.tax);
      if (bill.issuedAt != null && (issued == null || bill.issuedAt.isAfter(issued))) {
        issued = bill.issuedAt;
      }
    }
    BigDecimal late = issued == null ? null : late(key, issued);
    Status status = status(lines.isEmpty(), bills.isEmpty(), computed, total);
    Finalization previous = finalized.get(finalizationKey(key, invoiceId, currency));
    Finalization finalization =
        previous != null
            ? previous
            : status.finalizes() ? new Finalization(now, computed, byCategory) : null;
    return new Reconciliation(
        key,
        invoiceId,
        currency,
        status,
        computed,
        byCategory,
        total,
        beforeTax,
        tax,
        late,
        issued,
        finalization);
  }

  /**
   * What the account's period gained after {@code issued}: its cost at the last ingest minus its
   * cost at the last ingest on or before the issue date (0 before the first). Null without history.
   */
  private BigDecimal late(Invoice.Key key, Instant issued) {
    List<SliceCost> runs = history.getOrDefault(key, List.of());
    if (runs.isEmpty()) {
      return null;
    }
    SliceCost latest = runs.stream().max(Comparator.comparing(h -> h.recordedAt)).get();
    BigDecimal before =
        runs.stream()
            .filter(h -> !h.recordedAt.isAfter(issued))
            .max(Comparator.comparing(h -> h.recordedAt))
            .map(h -> h.billed)
            .orElse(BigDecimal.ZERO);
    return latest.billed.subtract(before);
  }

  Status status(boolean noLines, boolean noInvoice, BigDecimal computed, BigDecimal total) {
    if (noInvoice) {
      return Status.MISSING_INVOICE;
    }
    if (noLines) {
      return Status.MISSING_DATA;
    }
    BigDecimal delta = computed.subtract(total).abs();
    if (delta.compareTo(HALF_CENT) < 0) {
      return Status.MATCHED;
    }
    boolean withinAmount = delta.compareTo(toleranceAmount) <= 0;
    boolean withinPct =
        total.signum() != 0
            && delta
                    .multiply(HUNDRED)
                    .divide(total.abs(), 10, RoundingMode.HALF_UP)
                    .compareTo(tolerancePct)
                <= 0;
    return withinAmount || withinPct ? Status.WITHIN_TOLERANCE : Status.MISMATCH;
  }

  /** How a finalized reconciliation is found again on the next run. */
  public static String finalizationKey(Invoice.Key key, String invoiceId, String currency) {
    return String.join(
        "|",
        key.provider,
        key.account,
        key.period,
        Objects.requireNonNullElse(invoiceId, ""),
        currency);
  }

  public static String finalizationKey(
      String provider, String account, String period, String invoiceId, String currency) {
    return finalizationKey(new Invoice.Key(provider, account, period), invoiceId, currency);
  }

  private static BigDecimal add(BigDecimal sum, BigDecimal value) {
    return sum == null ? value : sum.add(value);
  }

  private static String unit(Invoice.Key key, String currency) {
    return key.period + "|" + key.provider + "|" + key.account + "|" + currency;
  }

  private static Invoice.Key unitKey(List<CostTotal> lines, List<Invoice> bills) {
    return lines.isEmpty() ? bills.get(0).key() : lines.get(0).key;
  }

  private static String currency(List<CostTotal> lines, List<Invoice> bills) {
    return lines.isEmpty() ? bills.get(0).currency : lines.get(0).currency;
  }

  /** Category drift since finalization, only the categories that moved. */
  static Map<String, BigDecimal> drift(Map<String, BigDecimal> now, Map<String, BigDecimal> then) {
    Map<String, BigDecimal> drift = new LinkedHashMap<>();
    Set<String> categories = new TreeSet<>(now.keySet());
    categories.addAll(then.keySet());
    for (String category : categories) {
      BigDecimal change =
          now.getOrDefault(category, BigDecimal.ZERO)
              .subtract(then.getOrDefault(category, BigDecimal.ZERO));
      if (change.signum() != 0) {
        drift.put(category, change);
      }
    }
    return drift;
  }
}
